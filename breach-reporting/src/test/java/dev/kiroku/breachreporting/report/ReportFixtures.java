package dev.kiroku.breachreporting.report;

import io.restassured.http.ContentType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Report bodies for tests (illustrative; no personal data), and filing a report over HTTP. */
public final class ReportFixtures {

    static final ZoneOffset JST = ZoneOffset.ofHours(9);

    private ReportFixtures() {
    }

    /** Always with seconds: {@code OffsetDateTime.toString()} drops ":00" seconds, which the API rightly refuses. */
    static String minutesAgo(long minutes) {
        return OffsetDateTime.now(JST).minusMinutes(minutes).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static Map<String, Object> text(String text) {
        return Map.of("text", text, "knownAsOf", minutesAgo(30));
    }

    /** The items of a preliminary report: the first five known, the rest not yet. */
    public static Map<String, Object> preliminaryItems() {
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("overview", text("顧客向けメールの誤送信により、氏名とメールアドレスが第三者に閲覧された"));
        items.put("personalData", Map.of("items", List.of("氏名", "メールアドレス"), "knownAsOf", minutesAgo(25)));
        items.put("affectedPersons", Map.of("count", 1500, "estimated", false, "details", "配信リスト全件",
                "knownAsOf", minutesAgo(20)));
        items.put("cause", text("配信ツールの宛先設定の誤り"));
        items.put("secondaryDamage", Map.of("present", false, "knownAsOf", minutesAgo(20)));
        return items;
    }

    /** All nine items: what a final report states. */
    public static Map<String, Object> allItems() {
        Map<String, Object> items = new LinkedHashMap<>(preliminaryItems());
        items.put("responseToPersons", text("対象の本人へ電子メールでお詫びと経緯を通知済み"));
        items.put("publication", Map.of("published", true, "publishedAt", minutesAgo(15), "details",
                "当社ウェブサイトにお知らせを掲載", "knownAsOf", minutesAgo(15)));
        items.put("recurrencePrevention", text("宛先設定の二重確認と配信前承認の導入"));
        items.put("otherMatters", text("お問合せ窓口: 0120-000-000（平日9時〜18時）"));
        return items;
    }

    public static Map<String, Object> ppcSubmission(String receipt) {
        return Map.of("channel", "PPC_WEB_FORM", "submittedAt", minutesAgo(5), "receiptNumber", receipt,
                "submittingBusiness", "株式会社サンプル商店");
    }

    /** Drafts a report of the kind and submits it through the PPC web form; answers the report's id. */
    public static String file(String token, String incidentId, String kind, Map<String, Object> items) {
        String reports = "/api/v1/incidents/" + incidentId + "/reports";
        String reportId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "items", items))
                .when().post(reports).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(ppcSubmission("R8-" + kind))
                .when().post(reports + "/" + reportId + "/submissions").then().statusCode(201);
        return reportId;
    }
}
