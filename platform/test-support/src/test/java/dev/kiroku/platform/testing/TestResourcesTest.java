package dev.kiroku.platform.testing;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestResourcesTest {

    @Test
    void embeddedPostgresIsARealPostgreSql() throws Exception {
        EmbeddedPostgresResource resource = new EmbeddedPostgresResource();
        Map<String, String> config = resource.start();
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("17.");
        } finally {
            resource.stop();
        }
    }

    @Test
    void embeddedPostgresConnectsTheServiceAsARoleThatOwnsNothingAndMigratesAsTheOwner() throws Exception {
        EmbeddedPostgresResource resource = new EmbeddedPostgresResource();
        Map<String, String> config = resource.start();
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, rolsuper, pg_get_userbyid(d.datdba) "
                     + "FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(EmbeddedPostgresResource.APP);
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getString(3)).isEqualTo(EmbeddedPostgresResource.OWNER)
                    .isEqualTo(config.get("quarkus.flyway.username"));
            assertThatThrownBy(() -> s.execute("CREATE TABLE app_made (id int)"))
                    .hasMessageContaining("permission denied for schema public");
        } finally {
            resource.stop();
        }
    }

    @Test
    void greenMailReceivesWhatTheMailerConfigurationSends() throws Exception {
        GreenMailResource resource = new GreenMailResource();
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsEntry("quarkus.mailer.mock", "false");
            GreenMail greenMail = injected(resource, GreenMail.class);
            send(config, "漏えい等のお知らせ");

            assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("漏えい等のお知らせ");
        } finally {
            resource.stop();
        }
    }

    @Test
    void theSmtpServerCanBeTakenDownAndBroughtBackOnTheSamePortKeepingWhatEachReceived() throws Exception {
        GreenMailResource resource = new GreenMailResource();
        Map<String, String> config = resource.start();
        try {
            RestartableSmtp smtp = injected(resource, RestartableSmtp.class);
            assertThat(smtp.port()).isEqualTo(Integer.parseInt(config.get("quarkus.mailer.port")));
            send(config, "before");
            assertThat(smtp.current().waitForIncomingEmail(5000, 1)).isTrue();

            smtp.stop();
            assertThatThrownBy(() -> send(config, "during")).isInstanceOf(MessagingException.class);

            smtp.restart();
            send(config, "after");
            assertThat(smtp.current().waitForIncomingEmail(5000, 1)).isTrue();
            List<String> subjects = new ArrayList<>();
            for (MimeMessage m : smtp.receivedMessages()) {
                subjects.add(m.getSubject());
            }
            assertThat(subjects).containsExactly("before", "after");
        } finally {
            resource.stop();
        }
    }

    /** What the resource injects into a field of the type. */
    static <T> T injected(GreenMailResource resource, Class<T> type) {
        List<T> values = new ArrayList<>();
        resource.inject(new QuarkusTestResourceLifecycleManager.TestInjector() {
            @Override
            public void injectIntoFields(Object value, Predicate<java.lang.reflect.Field> predicate) {
                if (type.isInstance(value)) {
                    values.add(type.cast(value));
                }
            }
        });
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    static void send(Map<String, String> config, String subject) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", config.get("quarkus.mailer.host"));
        props.put("mail.smtp.port", config.get("quarkus.mailer.port"));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@kiroku.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("person@kiroku.example"));
        message.setSubject(subject, "UTF-8");
        message.setText("本文", "UTF-8");
        Transport.send(message);
    }

    @Test
    void locallySignedTokensCarryTheKirokuAudienceAndRoles() {
        String token = LocalTokens.user("alice", "auditor");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(payload).contains("\"aud\":\"kiroku\"").contains("\"auditor\"")
                .contains("\"iss\":\"" + LocalTokens.ISSUER + "\"");
    }
}
