package dev.kiroku.platform.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The SMTP server of {@link GreenMailResource}, which a test can take down and bring back on the same port — an outage
 * of the relay as the application sees it. Each start is a new GreenMail; the mail every one of them received stays
 * readable, so "exactly once across the outage" can be counted over all of them.
 */
public final class RestartableSmtp {

    private static final String HOST = "127.0.0.1";

    private final int port;
    /** What the stopped servers had received: GreenMail forgets its mail when it stops. */
    private final List<MimeMessage> earlier = new ArrayList<>();
    private GreenMail current;
    private boolean running;

    RestartableSmtp(int port) {
        this.port = port;
        start();
    }

    public int port() {
        return port;
    }

    /** The server started last (stopped during an outage; then it has forgotten its mail, see
     * {@link #receivedMessages()}). */
    public synchronized GreenMail current() {
        return current;
    }

    /** The outage: the server stops and its port refuses connections; what it received stays readable here. */
    public synchronized void stop() {
        if (running) {
            earlier.addAll(List.of(current.getReceivedMessages()));
            current.stop();
            running = false;
        }
    }

    /** The relay is back: a new server on the same port. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Every mail any of the servers received, oldest server first. */
    public synchronized List<MimeMessage> receivedMessages() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        if (running) {
            all.addAll(List.of(current.getReceivedMessages()));
        }
        return all;
    }

    synchronized void stopAll() {
        if (running) {
            current.stop();
            running = false;
        }
    }

    private void start() {
        current = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
        current.start();
        running = true;
    }
}
