package dev.kiroku.breachreporting.reminder;

import dev.kiroku.breachreporting.incident.IncidentDraft;
import dev.kiroku.breachreporting.incident.ReportingRole;
import dev.kiroku.breachreporting.incident.service.IncidentService;
import dev.kiroku.breachreporting.reminder.service.ReminderJob;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.GreenMailResource;
import dev.kiroku.platform.testing.RestartableSmtp;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The deadline reminder job against a real PostgreSQL and a real SMTP server (GreenMail in the test JVM). Its schedule
 * is off; each test calls {@link ReminderJob#run(LocalDate)} for a business day of its own in October 2026, on
 * incidents whose awareness dates put their deadlines on that day.
 */
@QuarkusTest
@TestProfile(BreachReminderTest.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
class BreachReminderTest {

    static final String REMINDERS = "/api/v1/breach-reminders";
    static final String TEAM = "breach-team@kiroku.invalid";
    static final String DPO = "dpo@kiroku.invalid";

    /** Its own application (so its SMTP outage touches no other test class), with the breach team's addresses. */
    public static class Profile extends LocalTokens.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("kiroku.breach-reporting.reminders.to", TEAM + ", " + DPO);
            return config;
        }
    }

    /** The SMTP server, which the outage test takes down and brings back on the same port. */
    @GreenMailResource.InjectGreenMail
    RestartableSmtp smtp;

    @Inject
    ReminderJob job;

    @Inject
    IncidentService incidents;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void one_digest_lists_the_alert_the_reminder_and_the_overdue_deadlines_of_the_day_and_nothing_not_yet_due()
            throws Exception {
        // Thursday 2026-10-15:
        UUID alert = incident("決済画面への不正スクリプト挿入の疑い", "2026-10-10T10:00:00+09:00", false); // 速報 day 5
        UUID reminder = incident("会員向けメールの誤送信", "2026-09-22T10:00:00+09:00", false); // 確報 due 10-22: T-7
        UUID overdue = incident("EU 向けサイトの設定不備による公開状態", "2026-10-01T10:00:00+09:00", true); // GDPR 10-04
        UUID notYet = incident("配送伝票の誤送付", "2026-10-14T10:00:00+09:00", false); // 速報 target Sat 10-17
        LocalDate day = LocalDate.parse("2026-10-15");

        ReminderJob.Run run = job.run(day);
        assertThat(run.result()).isEqualTo(ReminderJob.Result.SENT);
        assertThat(run.recipients()).isEqualTo(2);

        MimeMessage mail = oneDigestFor(day);
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString)).containsExactlyInAnyOrder(TEAM, DPO);
        assertThat(mail.getSubject()).startsWith("【漏えい等報告 期限リマインダー】2026-10-15（木） " + run.deadlines() + " 件")
                .endsWith("Breach deadline reminders for 2026-10-15: " + run.deadlines());
        assertThat(mail.getMessageID()).isEqualTo("<breach-reminders.2026-10-15@kiroku.invalid>");
        String body = text(mail);
        String japanese = body.substring(0, body.indexOf("Breach deadline reminders for"));
        String english = body.substring(body.indexOf("Breach deadline reminders for"));

        assertThat(block(japanese, alert, "■", "報告：速報")).contains("決済画面への不正スクリプト挿入の疑い",
                "報告：速報（個人情報保護委員会への報告）（暫定：評価前）",
                "状態：アラート：速報の目安（把握から5日）は本日、目標日から 2 日超過",
                "法定期限：2026-10-13（APPI Rule 8(1): promptly (速報, target 3 days)）", "社内期限：2026-10-13");
        assertThat(block(japanese, reminder, "■", "報告：確報")).contains("会員向けメールの誤送信",
                "報告：確報（個人情報保護委員会への報告）", "状態：リマインダー：法定期限の 7 日前",
                "法定期限：2026-10-22（APPI Rule 8(2): 30 days）", "社内期限：2026-10-21");
        assertThat(block(japanese, reminder, "■", "報告：速報")).as("its 速報 is overdue as well")
                .contains("状態：期限超過 20 日", "法定期限：2026-09-25");
        assertThat(block(japanese, overdue, "■", "報告：GDPR")).contains("報告：GDPR 72時間（監督機関への通知）",
                "状態：期限超過 11 日", "法定期限：2026-10-04 10:00 JST (UTC+09:00)（GDPR Art. 33(1): 72 hours）", "社内期限：—");
        assertThat(body).doesNotContain(notYet.toString()).doesNotContain("配送伝票の誤送付");

        assertThat(block(english, alert, "*", "Filing: preliminary")).contains("Filing: preliminary report to the PPC (速報) (provisional: "
                        + "not yet assessed)", "State: alert: the 速報's outer limit (5 days after awareness) is today, "
                        + "target passed 2 days ago", "Legal due date: 2026-10-13 (APPI Rule 8(1)",
                "Internal due date: 2026-10-13");
        assertThat(block(english, reminder, "*", "Filing: final")).contains("Filing: final report to the PPC (確報)",
                "State: reminder: T-7", "Legal due date: 2026-10-22 (APPI Rule 8(2): 30 days)",
                "Internal due date: 2026-10-21");
        assertThat(block(english, overdue, "*", "Filing: GDPR")).contains("GDPR 72-hour notification", "State: overdue 11 days");
        assertThat(countOf(japanese, "\n■ ")).isEqualTo(run.deadlines());

        List<Map<String, Object>> covered = given().auth().oauth2(LocalTokens.user("auditor", "auditor"))
                .when().get(REMINDERS).then().statusCode(200)
                .body("items.find { it.day == '2026-10-15' }.deadlineCount", equalTo(run.deadlines()))
                .body("items.find { it.day == '2026-10-15' }.recipientCount", equalTo(2))
                .body("items.find { it.day == '2026-10-15' }.attempts", equalTo(1))
                .body("items.find { it.day == '2026-10-15' }.messageId",
                        equalTo("<breach-reminders.2026-10-15@kiroku.invalid>"))
                .extract().path("items.find { it.day == '2026-10-15' }.deadlines");
        assertThat(covered).hasSize(run.deadlines()).anySatisfy(c -> {
            assertThat(c.get("incidentId")).isEqualTo(alert.toString());
            assertThat(c.get("kind")).isEqualTo("PRELIMINARY");
            assertThat(c.get("state")).isEqualTo("ALERT");
            assertThat(c.get("daysOverdue")).isEqualTo(2);
        }).anySatisfy(c -> {
            assertThat(c.get("incidentId")).isEqualTo(reminder.toString());
            assertThat(c.get("kind")).isEqualTo("FINAL");
            assertThat(c.get("state")).isEqualTo("REMINDER");
            assertThat(c.get("dueDate")).isEqualTo("2026-10-22");
        }).anySatisfy(c -> {
            assertThat(c.get("incidentId")).isEqualTo(overdue.toString());
            assertThat(c.get("kind")).isEqualTo("GDPR_SUPERVISORY");
            assertThat(c.get("state")).isEqualTo("OVERDUE");
            assertThat(c.get("daysOverdue")).isEqualTo(11);
        }).noneSatisfy(c -> assertThat(c.get("incidentId")).isEqualTo(notYet.toString()));

        // the audit chain holds the sent digest: day, Message-ID, how many addresses and each deadline — no address
        String digestId = given().auth().oauth2(LocalTokens.user("auditor", "auditor")).when().get(REMINDERS).then()
                .extract().path("items.find { it.day == '2026-10-15' }.id");
        Map<String, Object> entry = given().auth().oauth2(LocalTokens.user("auditor", "auditor"))
                .queryParam("aggregateType", "breach-reminder-digest").queryParam("aggregateId", digestId)
                .when().get("/api/v1/audit/breach-reporting/entries").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].action", equalTo("breach-reminder-digest.sent"))
                .body("items[0].actor", equalTo("reminder-job"))
                .extract().path("items[0]");
        assertThat(entry.toString()).contains("2026-10-15", "<breach-reminders.2026-10-15@kiroku.invalid>",
                alert.toString(), reminder.toString(), overdue.toString()).doesNotContain(TEAM).doesNotContain(DPO)
                .doesNotContain("決済画面");
    }

    @Test
    void running_the_job_twice_the_same_day_sends_one_digest() throws Exception {
        incident("委託先からの漏えい等の連絡", "2026-10-13T09:00:00+09:00", false); // 速報 target Fri 10-16
        LocalDate day = LocalDate.parse("2026-10-16");

        assertThat(job.run(day).result()).isEqualTo(ReminderJob.Result.SENT);
        ReminderJob.Run again = job.run(day);
        assertThat(again.result()).isEqualTo(ReminderJob.Result.ALREADY_CLAIMED);
        assertThat(job.run(day).result()).isEqualTo(ReminderJob.Result.ALREADY_CLAIMED);

        oneDigestFor(day);
        given().auth().oauth2(LocalTokens.user("officer", "compliance-officer")).when().get(REMINDERS).then()
                .statusCode(200).body("items.findAll { it.day == '2026-10-16' }", hasSize(1));
    }

    @Test
    void with_the_smtp_server_down_no_digest_is_recorded_as_sent_and_the_next_run_sends_it() throws Exception {
        incident("バックアップ媒体の紛失", "2026-10-21T11:00:00+09:00", false); // 速報 target Sat 10-24: due ahead Fri
        LocalDate day = LocalDate.parse("2026-10-23");
        smtp.stop();

        ReminderJob.Run down = job.run(day);
        assertThat(down.result()).isEqualTo(ReminderJob.Result.FAILED);
        given().auth().oauth2(LocalTokens.user("manager", "breach-manager")).when().get(REMINDERS).then()
                .statusCode(200).body("items.findAll { it.day == '2026-10-23' }", hasSize(0));

        smtp.restart();
        // The relay is back: a later run sends the digest. The first connection after the restart can go unanswered
        // (seen here in two runs of nine: the mailer waits for a greeting it missed while GreenMail waits 30 s for
        // the client's first command); that send ends at the mailer's 30 s timeout, the run releases the claim — it
        // cannot know whether the relay took the mail — and the next hourly run sends. Those runs, at most two more:
        ReminderJob.Run next = job.run(day);
        for (int hour = 1; next.result() == ReminderJob.Result.FAILED && hour <= 2; hour++) {
            next = job.run(day);
        }
        assertThat(next.result()).isEqualTo(ReminderJob.Result.SENT);
        assertThat(job.run(day).result()).isEqualTo(ReminderJob.Result.ALREADY_CLAIMED);

        // One digest went out, or — when a send that timed out was taken by the relay after all — the same digest
        // twice with the same Message-ID, never none: one copy per address per send, all of the day's one message.
        List<MimeMessage> copies = deliveredFor(day);
        assertThat(copies.size()).as("two addresses per send, at most the timed-out send and the next").isIn(2, 4);
        for (MimeMessage copy : copies) {
            assertThat(copy.getMessageID()).isEqualTo("<breach-reminders.2026-10-23@kiroku.invalid>");
        }
        assertThat(text(copies.get(0))).contains("バックアップ媒体の紛失", "状態：法定期限 2026-10-24（次の開庁日より前）",
                "State: due 2026-10-24 (before the next business day)");
        given().auth().oauth2(LocalTokens.user("manager", "breach-manager")).when().get(REMINDERS).then()
                .statusCode(200).body("items.find { it.day == '2026-10-23' }.attempts", equalTo(1))
                .body("items.find { it.day == '2026-10-23' }.recipientCount", equalTo(2));
    }

    @Test
    void no_digest_goes_out_on_a_day_administrative_organs_are_closed() {
        assertThat(job.run(LocalDate.parse("2026-10-12")).result()).as("Sports Day").isEqualTo(
                ReminderJob.Result.CLOSED_DAY);
        assertThat(job.run(LocalDate.parse("2026-10-17")).result()).as("Saturday").isEqualTo(
                ReminderJob.Result.CLOSED_DAY);
    }

    @Test
    void a_business_day_with_nothing_due_sends_nothing_and_records_nothing() throws Exception {
        LocalDate day = LocalDate.parse("2024-06-03");
        assertThat(job.run(day).result()).isEqualTo(ReminderJob.Result.NOTHING_DUE);
        assertThat(deliveredFor(day)).isEmpty();
        given().auth().oauth2(LocalTokens.user("auditor", "auditor")).when().get(REMINDERS).then()
                .statusCode(200).body("items.findAll { it.day == '2024-06-03' }", hasSize(0));
    }

    @Test
    void the_sent_digests_are_listed_newest_first_in_keyset_pages() {
        incident("社内共有フォルダの権限設定誤り", "2026-10-26T09:00:00+09:00", false); // 速報 target Thu 10-29
        assertThat(job.run(LocalDate.parse("2026-10-29")).result()).isEqualTo(ReminderJob.Result.SENT);
        assertThat(job.run(LocalDate.parse("2026-10-30")).result()).isEqualTo(ReminderJob.Result.SENT);
        String auditor = LocalTokens.user("auditor", "auditor");

        String next = given().auth().oauth2(auditor).queryParam("limit", 1).when().get(REMINDERS).then()
                .statusCode(200).header("Link", containsString("rel=\"next\""))
                .body("items", hasSize(1)).body("items[0].day", equalTo("2026-10-30"))
                .body("next", equalTo("2026-10-30")).extract().path("next");
        given().auth().oauth2(auditor).queryParam("limit", 1).queryParam("after", next).when().get(REMINDERS).then()
                .statusCode(200).body("items[0].day", equalTo("2026-10-29"));
        given().auth().oauth2(auditor).queryParam("after", "yesterday").when().get(REMINDERS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("after"));
        given().auth().oauth2(auditor).queryParam("limit", 0).when().get(REMINDERS).then().statusCode(400);
    }

    @Test
    void the_sent_digests_need_a_token_and_a_breach_role() {
        given().when().get(REMINDERS).then().statusCode(401);
        given().auth().oauth2(LocalTokens.expired("auditor", "auditor")).when().get(REMINDERS).then().statusCode(401);
        given().auth().oauth2(LocalTokens.user("crm", "ingest")).when().get(REMINDERS).then().statusCode(403)
                .contentType("application/problem+json");
        for (String role : List.of("breach-manager", "compliance-officer", "auditor")) {
            given().auth().oauth2(LocalTokens.user("u-" + role, role)).when().get(REMINDERS).then().statusCode(200);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    UUID incident(String title, String awareness, boolean eu) {
        OffsetDateTime at = OffsetDateTime.parse(awareness);
        return incidents.create(new IncidentDraft(title, at, at, null, "情報システム部", ReportingRole.CONTROLLER, null, eu),
                null, "breach-manager", "breach-manager").incident().id();
    }

    /**
     * The day's digests as delivered: GreenMail keeps one copy per recipient, so one mail to the team's two addresses
     * is two copies; every copy counts (a second send would show as two more).
     */
    List<MimeMessage> deliveredFor(LocalDate day) throws MessagingException {
        List<MimeMessage> digests = new ArrayList<>();
        for (MimeMessage m : smtp.receivedMessages()) {
            if (m.getSubject().contains("】" + day + "（")) {
                digests.add(m);
            }
        }
        return digests;
    }

    /** Exactly one digest went out for the day: one copy for each of the two addresses, one Message-ID. */
    MimeMessage oneDigestFor(LocalDate day) throws MessagingException {
        List<MimeMessage> copies = deliveredFor(day);
        assertThat(copies).as("one mail to two addresses").hasSize(2);
        assertThat(copies.get(1).getMessageID()).isEqualTo(copies.get(0).getMessageID());
        return copies.get(0);
    }

    static String text(MimeMessage message) throws IOException, MessagingException {
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    /** The block of the digest (in one language) for the incident's filing: it starts with the marker and the id. */
    static String block(String text, UUID incident, String marker, String filing) {
        List<String> blocks = new ArrayList<>();
        for (int at = text.indexOf("\n" + marker + " " + incident); at >= 0;
                at = text.indexOf("\n" + marker + " " + incident, at + 1)) {
            int end = text.indexOf("\n" + marker + " ", at + 1);
            blocks.add(text.substring(at, end < 0 ? text.length() : end));
        }
        List<String> of = blocks.stream().filter(b -> b.contains(filing)).toList();
        assertThat(of).as(filing + " of " + incident).hasSize(1);
        return of.get(0);
    }

    static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
