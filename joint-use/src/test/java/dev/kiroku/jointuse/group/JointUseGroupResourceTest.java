package dev.kiroku.jointuse.group;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.kiroku.jointuse.group.JointUseFixtures.FOREIGN_MEMBER;
import static dev.kiroku.jointuse.group.JointUseFixtures.GROUP_COMPANY;
import static dev.kiroku.jointuse.group.JointUseFixtures.RESPONSIBLE;
import static dev.kiroku.jointuse.group.JointUseFixtures.policy002;
import static dev.kiroku.jointuse.group.JointUseFixtures.withItems;
import static dev.kiroku.jointuse.group.JointUseFixtures.withMembers;
import static dev.kiroku.jointuse.group.JointUseFixtures.withPurposes;
import static dev.kiroku.jointuse.group.JointUseFixtures.withResponsible;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Joint-use groups over HTTP against a real PostgreSQL: lifecycle, change rules, notices, public view, checks. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JointUseGroupResourceTest {

    static final String GROUPS = "/api/v1/joint-use-groups";
    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");
    static final String AUDITOR = LocalTokens.user("auditor", "auditor");
    static final String CRM = LocalTokens.user("crm", "ingest");
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static String createDraft(JointUseDefinition definition) {
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(definition)
                .when().post(GROUPS)
                .then().statusCode(201)
                .header("Location", containsString(GROUPS + "/"))
                .body("status", equalTo("DRAFT"))
                .extract().path("id");
    }

    private static String createPublished() {
        String id = createDraft(policy002());
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of("effectiveFrom", TODAY.toString()))
                .when().post(GROUPS + "/" + id + "/publication")
                .then().statusCode(201)
                .header("Location", endsWith("/notices/1"))
                .body("version", equalTo(1)).body("status", equalTo("PUBLISHED"));
        return id;
    }

    private static Map<String, Object> change(JointUseDefinition definition, Object... extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("definition", definition, "reason", "変更"));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    @Test
    void anOfficerCreatesAndPublishesThePolicy002GroupWithItsForeignMemberFlagged() {
        String id = createPublished();
        given().auth().oauth2(AUDITOR).when().get(GROUPS + "/" + id)
                .then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("noticeInForce.version", equalTo(1))
                .body("foreignMembers", equalTo(List.of(FOREIGN_MEMBER.name())))
                .body("art28Note", containsString("Art. 28"));
    }

    @Test
    void aDraftIsEditableButAPublishedGroupIsNotWith409() {
        String id = createDraft(policy002());
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(withItems(policy002(), List.of("お名前")))
                .when().put(GROUPS + "/" + id + "/definition")
                .then().statusCode(200).body("definition.dataItems", equalTo(List.of("お名前")));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of("effectiveFrom", TODAY.toString()))
                .when().post(GROUPS + "/" + id + "/publication").then().statusCode(201);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(policy002())
                .when().put(GROUPS + "/" + id + "/definition")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:joint-use-group-state"));
    }

    @Test
    void aResponsiblePartyWithoutAddressOrRepresentativeIsRejectedAs400() {
        JointUseDefinition incomplete = withResponsible(policy002(),
                new Party("GMOグローバルサイン・ホールディングス株式会社", "", null, null));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(incomplete)
                .when().post(GROUPS)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("responsibleParty.address"))
                .body("violations.field", hasItem("responsibleParty.representative"));
    }

    @Test
    void changeRulesAreEnforcedOverHttpWithTheArticleInTheProblem() {
        String id = createPublished();
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(change(withItems(policy002(), List.of("お名前", "購買履歴"))))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:joint-use-change-refused"))
                .body("violations[0].field", equalTo("definition.dataItems"))
                .body("violations[0].rule", containsString("guideline 3-6-3"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(change(withPurposes(policy002(), List.of("新しい目的")), "effectiveFrom", TODAY.toString()))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("effectiveFrom"))
                .body("violations[0].rule", containsString("Art. 27(6)"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(change(withPurposes(policy002(), List.of("新しい目的")), "effectiveFrom",
                        TODAY.plusDays(14).toString()))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(201)
                .body("version", equalTo(2))
                .body("changeKinds", equalTo(List.of("PURPOSES")));
        // as of today version 1 is in force; from the scheduled day version 2
        given().auth().oauth2(AUDITOR).accept(ContentType.JSON)
                .when().get(GROUPS + "/" + id + "/notices/in-force?date=" + TODAY)
                .then().statusCode(200).body("version", equalTo(1));
        given().auth().oauth2(AUDITOR).accept(ContentType.JSON)
                .when().get(GROUPS + "/" + id + "/notices/in-force?date=" + TODAY.plusDays(14))
                .then().statusCode(200).body("version", equalTo(2)).body("content.purposes[0]", equalTo("新しい目的"));
        given().auth().oauth2(AUDITOR).accept(ContentType.JSON)
                .when().get(GROUPS + "/" + id + "/notices/in-force?date=" + TODAY.minusDays(1))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aPendingRepresentativeNoticeIsTrackedThenPublished() {
        String id = createPublished();
        Party newRepresentative = new Party(RESPONSIBLE.name(), RESPONSIBLE.address(), "代表取締役社長 鈴木 花子",
                RESPONSIBLE.corporateNumber());
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(change(withResponsible(policy002(), newRepresentative), "occurredOn", TODAY.minusDays(10).toString(),
                        "publishNow", false))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("dueBy", equalTo(TODAY.minusDays(3).toString()))
                .body("overdue", equalTo(true));
        given().auth().oauth2(AUDITOR).when().get(GROUPS + "/" + id)
                .then().statusCode(200)
                .body("pendingNotice.version", equalTo(2))
                .body("pendingNotice.overdue", equalTo(true));
        given().auth().oauth2(OFFICER).when().post(GROUPS + "/" + id + "/notices/2/publication")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("publishedBy", equalTo("officer"));
        given().auth().oauth2(AUDITOR).when().get(GROUPS + "/" + id)
                .then().statusCode(200).body("pendingNotice", nullValue()).body("noticeInForce.version", equalTo(2));
    }

    @Test
    void aRenamedMemberNeedsAJustificationWhichIsKept() {
        String id = createPublished();
        Member renamed = new Member("GMOグローバルサイン・ジャパン株式会社", GROUP_COMPANY.address(),
                GROUP_COMPANY.representative(), "JP", GROUP_COMPANY.corporateNumber());
        JointUseDefinition proposed = withMembers(policy002(), List.of(renamed, FOREIGN_MEMBER));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(change(proposed))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(422).body("violations[0].field", equalTo("definition.scope"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(change(proposed, "nonSubstantive", true, "justification", "商号変更のみ（法人番号同一）"))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(201)
                .body("changeKinds", equalTo(List.of("MEMBER_SCOPE")))
                .body("nonSubstantiveJustification", equalTo("商号変更のみ（法人番号同一）"));
        given().auth().oauth2(AUDITOR).when().get(GROUPS + "/" + id + "/notices")
                .then().statusCode(200).body("", hasSize(2)).body("[1].reason", equalTo("変更"));
    }

    @Test
    void theJapaneseNoticeRendersAllFiveItemsAndTheEnglishOneToo() {
        String id = createPublished();
        given().auth().oauth2(AUDITOR).accept(ContentType.HTML)
                .when().get(GROUPS + "/" + id + "/notices/1")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(allOf(containsString("当社は、以下のとおり個人データを共同利用します。"),
                        containsString("共同して利用される個人データの項目"), containsString("E-Mailアドレス"),
                        containsString("共同して利用する者の範囲"), containsString("GMOグローバルサイン株式会社"),
                        containsString("利用する者の利用目的"), containsString("共同利用会社全社共通の利用目的"),
                        containsString("管理について責任を有する者"), containsString("東京都渋谷区道玄坂1丁目2番3号"),
                        containsString("代表取締役社長 山田 太郎"), containsString("第28条")));
        given().auth().oauth2(AUDITOR).accept("text/markdown")
                .when().get(GROUPS + "/" + id + "/notices/1?lang=en")
                .then().statusCode(200)
                .contentType(containsString("text/markdown"))
                .body(allOf(containsString("# Joint use of personal data"), containsString("## 1. Items"),
                        containsString("## 4. Party responsible"), containsString("Article 28")));
    }

    @Test
    void theHtmlNoticeEscapesWhatTheOfficerTyped() {
        JointUseDefinition scripted = new JointUseDefinition("<script>alert(1)</script>", null, List.of("<b>お名前</b>"),
                policy002().scope(), policy002().purposes(), RESPONSIBLE);
        String id = createDraft(scripted);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of("effectiveFrom", TODAY.toString()))
                .when().post(GROUPS + "/" + id + "/publication").then().statusCode(201);
        given().accept(ContentType.HTML).when().get("/public/v1/joint-use-notices/" + id)
                .then().statusCode(200)
                .body(not(containsString("<script>")))
                .body(containsString("&lt;b&gt;お名前&lt;/b&gt;"));
    }

    @Test
    void theMarkdownNoticeEscapesHtmlAndLinksInWhatTheOfficerTyped() {
        JointUseDefinition hostile = new JointUseDefinition("<script>alert(1)</script>",
                "<script>alert(1)</script> [click](javascript:alert(1)) **loud**",
                List.of("<img src=x onerror=alert(1)>", "お名前"), policy002().scope(),
                List.of("[details](javascript:alert(document.cookie))", "<a href=\"javascript:alert(1)\">x</a>"),
                RESPONSIBLE);
        String id = createDraft(hostile);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of("effectiveFrom", TODAY.toString()))
                .when().post(GROUPS + "/" + id + "/publication").then().statusCode(201);
        for (String lang : List.of("ja", "en")) {
            String markdown = given().accept("text/markdown").queryParam("lang", lang)
                    .when().get("/public/v1/joint-use-notices/" + id)
                    .then().statusCode(200).contentType(containsString("text/markdown")).extract().asString();
            org.assertj.core.api.Assertions.assertThat(markdown)
                    .doesNotContain("<script", "<img", "<a ", "](javascript", "](", "**loud**")
                    .contains("&lt;img src=x onerror=alert\\(1\\)&gt;")
                    .contains("\\[details\\]\\(javascript\\:alert\\(document\\.cookie\\)\\)");
        }
        String html = given().accept(ContentType.HTML).when().get("/public/v1/joint-use-notices/" + id)
                .then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(html).doesNotContain("<script", "<img", "<a href=\"javascript");
    }

    @Test
    void thePublicReadsPublishedNoticesWithoutATokenButNeverDrafts() {
        String published = createPublished();
        String draft = createDraft(policy002());
        given().accept(ContentType.JSON).when().get("/public/v1/joint-use-notices/" + published)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("content.responsibleParty.name", equalTo(RESPONSIBLE.name()))
                .body("createdBy", nullValue());
        given().accept(ContentType.HTML).when().get("/public/v1/joint-use-notices/" + published)
                .then().statusCode(200).body(containsString("個人データの共同利用について"));
        given().accept(ContentType.JSON).when().get("/public/v1/joint-use-notices")
                .then().statusCode(200).body("groupId", hasItem(published)).body("groupId", not(hasItem(draft)));
        given().accept(ContentType.JSON).when().get("/public/v1/joint-use-notices/" + draft)
                .then().statusCode(404).contentType("application/problem+json");
        // nothing else is public
        given().when().get(GROUPS + "/" + published).then().statusCode(401);
        given().when().get(GROUPS + "/" + published + "/notices/1").then().statusCode(401);
        given().when().get(GROUPS + "/" + published + "/notices/in-force").then().statusCode(401);
        given().when().get(GROUPS).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("items", List.of("お名前"), "date", TODAY.toString()))
                .when().post("/api/v1/joint-use-checks").then().statusCode(401);
        given().when().get("/api/v1/audit/joint-use/entries").then().statusCode(401);
        given().when().get("/api/v1/joint-use/caller").then().statusCode(401);
    }

    @Test
    void otherSystemsAskWhetherACounterpartyIsAJointUser() {
        String id = createPublished();
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("counterpartyCorporateNumber", GROUP_COMPANY.corporateNumber(),
                        "items", List.of("お名前", "E-Mailアドレス"), "date", TODAY.toString()))
                .when().post("/api/v1/joint-use-checks")
                .then().statusCode(200)
                .body("jointUser", equalTo(true))
                .body("matches.groupId", hasItem(id))
                .body("matches[0].noticeVersion", notNullValue())
                .body("recordsRequired", equalTo(false))
                .body("basis", containsString("Art. 27(5)(iii)"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("counterpartyName", "GlobalSign  NV", "items", List.of("お名前"), "date", TODAY.toString()))
                .when().post("/api/v1/joint-use-checks")
                .then().statusCode(200)
                .body("jointUser", equalTo(true))
                // APPI Art. 28(1), Rule 15: Belgium is a designated country, so joint use still lifts the record duty
                .body("recordsRequired", equalTo(false))
                .body("basis", containsString("Art. 27(5)(iii)"))
                .body("basis", containsString("designated"))
                .body("matches[0].foreignMember", equalTo(true))
                .body("matches[0].decidedBy", equalTo("designated-country"))
                .body("matches[0].article", containsString("Rule 15"))
                .body("matches[0].art28Note", containsString("Art. 28"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("counterpartyName", "GlobalSign NV", "items", List.of("購買履歴"), "date", TODAY.toString()))
                .when().post("/api/v1/joint-use-checks")
                .then().statusCode(200).body("jointUser", equalTo(false)).body("matches", hasSize(0));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("counterpartyName", "GlobalSign NV", "items", List.of("お名前"),
                        "date", TODAY.minusDays(1).toString()))
                .when().post("/api/v1/joint-use-checks")
                .then().statusCode(200).body("matches.groupId", not(hasItem(id)));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("items", List.of("お名前"), "date", TODAY.toString()))
                .when().post("/api/v1/joint-use-checks")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aForeignJointUserNeedsRecordsOnlyWhereArticle28ConsentIsNeeded() {
        Member consent = new Member("Example Analytics Inc.", "1 Market St, San Francisco", "CEO", "US", null);
        Member system = new Member("Example Cloud Inc.", "2 Market St, San Francisco", "CEO", "US", null,
                Art28Route.RECIPIENT_SYSTEM);
        // APPI Art. 28(1), Rule 15: a member in China cannot be on the equivalent-country route
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(withMembers(policy002(), List.of(GROUP_COMPANY, new Member("示例有限公司", "北京市", null, "CN",
                        null, Art28Route.EQUIVALENT_COUNTRY))))
                .when().post(GROUPS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("scope.members[1].art28Route"))
                .body("violations[0].rule", containsString("APPI Art. 28(1)"))
                .body("violations[0].message", containsString("RECIPIENT_SYSTEM"));
        String id = createDraft(withMembers(withItems(policy002(), List.of("購買履歴")), List.of(consent, system)));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of("effectiveFrom", TODAY.toString()))
                .when().post(GROUPS + "/" + id + "/publication").then().statusCode(201);
        // APPI Art. 28(1), Art. 29(1) bracketed text: no designation, no system stated → consent and a record
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("counterpartyName", "Example Analytics Inc.", "items", List.of("購買履歴"),
                        "date", TODAY.toString()))
                .when().post("/api/v1/joint-use-checks")
                .then().statusCode(200)
                .body("jointUser", equalTo(true))
                .body("recordsRequired", equalTo(true))
                .body("matches[0].decidedBy", equalTo("consent-28-1"))
                .body("basis", containsString("Art. 28(1)"));
        // Rule 16 (体制整備): the system route keeps joint use, and says the provider's Rule 18 measures apply
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("counterpartyName", "Example Cloud Inc.", "items", List.of("購買履歴"),
                        "date", TODAY.toString()))
                .when().post("/api/v1/joint-use-checks")
                .then().statusCode(200)
                .body("recordsRequired", equalTo(false))
                .body("matches[0].decidedBy", equalTo("recipient-system"))
                .body("matches[0].article", containsString("Rule 18"))
                .body("matches[0].member.art28Route", equalTo("RECIPIENT_SYSTEM"));
    }

    @Test
    void aNullJointUserIsRefusedWith400AndNothingIsStored() {
        String body = """
                {"name":"g","dataItems":["a"],"purposes":["p"],"scope":{"description":"d","members":[null]},
                 "responsibleParty":{"name":"r","address":"a","representative":"x"}}""";
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(body)
                .when().post(GROUPS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("members")));
        // before, the row was stored and then every list of groups answered 500
        given().auth().oauth2(AUDITOR).when().get(GROUPS).then().statusCode(200);
    }

    @Test
    void aPurposesChangeMayTakeEffectTheDayAfterItsNoticeAsTheActSays() {
        String id = createPublished();
        // APPI Art. 27(6): "in advance" — not the same day the notice is published
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(change(withPurposes(policy002(), List.of("翌日からの目的")), "effectiveFrom", TODAY.toString()))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("effectiveFrom"))
                .body("violations[0].rule", startsWith("APPI Art. 27(6)"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(change(withPurposes(policy002(), List.of("翌日からの目的")), "effectiveFrom",
                        TODAY.plusDays(1).toString()))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(201)
                .body("changeKinds", equalTo(List.of("PURPOSES")));
    }

    @Test
    void auditorsReadButNeverWriteAndIngestOnlyChecks() {
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body(policy002())
                .when().post(GROUPS).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(CRM).when().get(GROUPS).then().statusCode(403);
        given().auth().oauth2(AUDITOR).when().get(GROUPS + "/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void everyChangeIsInTheAuditChainWithActorAndReasonAndTheChainVerifies() {
        String id = createPublished();
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("endsOn", TODAY.plusDays(30).toString(), "reason", "グループ再編"))
                .when().post(GROUPS + "/" + id + "/ending")
                .then().statusCode(200).body("status", equalTo("ENDED"));
        given().auth().oauth2(AUDITOR)
                .when().get("/api/v1/audit/joint-use/entries?aggregateType=joint-use-group&aggregateId=" + id)
                .then().statusCode(200)
                .body("items.action", equalTo(List.of("joint-use-group.created", "joint-use-group.published",
                        "joint-use-group.ended")))
                .body("items.actor", everyItemIs("officer"))
                .body("items[2].reason", equalTo("グループ再編"))
                .body("items[1].content.noticeVersion", equalTo(1));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/joint-use/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    @Test
    void neitherTheContractNorARefusedChangeCarriesAVerificationMarkerOfTheLawSummary() {
        String id = createPublished();
        String refused = given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(change(withItems(policy002(), List.of("お名前", "購買履歴"))))
                .when().post(GROUPS + "/" + id + "/changes")
                .then().statusCode(422).extract().asString();
        String openapi = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        for (String answer : List.of(refused, openapi)) {
            org.assertj.core.api.Assertions.assertThat(dev.kiroku.platform.web.LawTexts.hasMarker(answer))
                    .as("a verification marker ([M], [S], [V]) in an answer; they belong in docs/law.md").isFalse();
        }
        org.assertj.core.api.Assertions.assertThat(refused).contains("APPI Art. 27(5)(iii); guideline 3-6-3");
    }
}
