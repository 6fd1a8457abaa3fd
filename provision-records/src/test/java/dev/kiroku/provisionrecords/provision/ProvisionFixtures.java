package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.testing.LocalTokens;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events and tokens for the REST tests (no real person; every subject id is random per test). */
public final class ProvisionFixtures {

    public static final String PROVISIONS = "/api/v1/provisions";
    public static final String OFFICER = LocalTokens.forClient("kiroku-swagger", "officer", "compliance-officer");
    public static final String AUDITOR = LocalTokens.forClient("kiroku-swagger", "auditor", "auditor");
    public static final String CRM = LocalTokens.forClient("demo-crm", "service-account-demo-crm", "ingest");
    public static final String BILLING = LocalTokens.forClient("demo-billing", "service-account-demo-billing", "ingest");
    public static final String BREACH_MANAGER = LocalTokens.user("breach-manager", "breach-manager");
    public static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    private ProvisionFixtures() {
    }

    public static String newSubjectId() {
        return "C-" + UUID.randomUUID();
    }

    public static Map<String, Object> corporation(String name) {
        Map<String, Object> cp = new LinkedHashMap<>();
        cp.put("kind", "CORPORATION");
        cp.put("name", name);
        cp.put("address", "東京都千代田区丸の内一丁目1番1号");
        cp.put("representative", "代表取締役 山田太郎");
        cp.put("country", "JP");
        return cp;
    }

    /** An opt-out provision (privacy policy 001 Art. 12) of the subject to the counterparty on the day. */
    public static Map<String, Object> optOutProvision(String subjectId, String counterparty, LocalDate day) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("clientEventId", "evt-" + UUID.randomUUID());
        e.put("direction", "PROVIDED");
        e.put("legalBasis", "OPT_OUT_27_2");
        e.put("method", "PER_EVENT");
        e.put("counterparty", corporation(counterparty));
        e.put("subject", Map.of("scheme", "customer-number", "identifier", subjectId, "name", "佐藤花子"));
        e.put("dataItems", List.of("NAME", "ADDRESS", "PHONE"));
        e.put("otherItems", List.of("購入履歴（直近1年）"));
        e.put("providedOn", day.toString());
        return e;
    }

    /** A consent-based receipt from a corporation. */
    public static Map<String, Object> consentReceipt(String subjectId, String provider, LocalDate day) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("clientEventId", "evt-" + UUID.randomUUID());
        e.put("direction", "RECEIVED");
        e.put("legalBasis", "CONSENT_27_1");
        e.put("method", "PER_EVENT");
        e.put("counterparty", corporation(provider));
        e.put("subject", Map.of("scheme", "customer-number", "identifier", subjectId));
        e.put("dataItems", List.of("NAME", "EMAIL"));
        e.put("providedOn", day.toString());
        e.put("consentRef", "提供元の会員規約第8条");
        e.put("acquisitionCircumstances", "提供元が自社会員から同意を得て取得");
        return e;
    }

    /** A consent-based provision recorded by contract (Rule 19(3)), retained one year from the provision. */
    public static Map<String, Object> contractProvision(String subjectId, String counterparty, LocalDate day) {
        Map<String, Object> e = optOutProvision(subjectId, counterparty, day);
        e.put("legalBasis", "CONSENT_27_1");
        e.put("method", "CONTRACT");
        e.put("goodsOrServices", true);
        e.put("contractRef", "会員規約 第12条（2024年4月版）");
        return e;
    }

    public static Map<String, Object> with(Map<String, Object> event, Object... pairs) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                copy.remove((String) pairs[i]);
            } else {
                copy.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return copy;
    }
}
