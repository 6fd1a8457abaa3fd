package dev.kiroku.platform.testing;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail, in the test JVM) on a free port; the Quarkus mailer is pointed at it and really
 * sends. Test classes receive it in a field annotated {@link InjectGreenMail}: a {@link GreenMail} field gets the
 * server running when the test instance is made, a {@link RestartableSmtp} field the handle that can take the server down and bring it back on the same
 * port (an SMTP outage).
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private RestartableSmtp smtp;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        smtp = new RestartableSmtp(port);
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(smtp.current(),
                new TestInjector.AnnotatedAndMatchesType(InjectGreenMail.class, GreenMail.class));
        injector.injectIntoFields(smtp,
                new TestInjector.AnnotatedAndMatchesType(InjectGreenMail.class, RestartableSmtp.class));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stopAll();
        }
    }

    /** Marks the {@link GreenMail} or {@link RestartableSmtp} field a test class wants. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectGreenMail {
    }
}
