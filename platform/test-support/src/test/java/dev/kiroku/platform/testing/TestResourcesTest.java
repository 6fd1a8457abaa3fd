package dev.kiroku.platform.testing;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

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
    void greenMailReceivesWhatTheMailerConfigurationSends() throws Exception {
        GreenMailResource resource = new GreenMailResource();
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsEntry("quarkus.mailer.mock", "false");
            GreenMail[] holder = new GreenMail[1];
            resource.inject(new QuarkusTestResourceLifecycleManager.TestInjector() {
                @Override
                public void injectIntoFields(Object value, Predicate<java.lang.reflect.Field> predicate) {
                    holder[0] = (GreenMail) value;
                }
            });
            Properties props = new Properties();
            props.put("mail.smtp.host", config.get("quarkus.mailer.host"));
            props.put("mail.smtp.port", config.get("quarkus.mailer.port"));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("noreply@kiroku.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("person@kiroku.example"));
            message.setSubject("漏えい等のお知らせ", "UTF-8");
            message.setText("本文", "UTF-8");
            Transport.send(message);

            assertThat(holder[0].waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(holder[0].getReceivedMessages()[0].getSubject()).isEqualTo("漏えい等のお知らせ");
        } finally {
            resource.stop();
        }
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
