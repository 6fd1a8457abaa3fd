package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.platform.audit.AuditEntry;
import dev.kiroku.provisionrecords.provision.PurgedVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The purge leaf: the audit-log entry a retention purge appends (issue 13 item 6), and how the record verification
 * reads it back. It names, per record version purged, its id, its retention rule and the dates that rule used, and when
 * it was purged; never any personal data. Versions that share all of these are listed together:
 * <pre>
 * {"runId": …, "asOf": "2026-12-05", "count": 3, "recordIds": [all ids],
 *  "retention": [{"rule": "contract", "basis": "APPI Rule 21(1)(i) / …", "anchor": "LAST_PROVISION", "period": "P1Y",
 *                 "countedFrom": "2024-12-05", "legalRetainUntil": "2025-12-05", "retainUntil": "2025-12-05",
 *                 "keptUntil": "2025-12-05", "purgedAt": "2026-12-05T00:00:00.123456Z", "recordIds": [ids]}, …]}
 * </pre>
 * {@code keptUntil} is the end the purge obeyed (the current version's {@code retainUntil}: an older version is kept as
 * long as its record). Leaves written before this format list only {@code recordIds}; they are read as naming those
 * versions without dates.
 */
public final class PurgeLeaves {

    public static final String ACTION = "provision.purged";
    public static final String AGGREGATE = "provision-purge";

    private PurgeLeaves() {
    }

    /** The facts of the leaf of one purge run. */
    public static Map<String, Object> facts(UUID runId, LocalDate asOf, List<PurgedVersion> purged) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runId", runId.toString());
        facts.put("asOf", asOf.toString());
        facts.put("count", purged.size());
        facts.put("recordIds", purged.stream().map(v -> v.id().toString()).toList());
        Map<List<String>, List<String>> groups = new LinkedHashMap<>();
        for (PurgedVersion v : purged) {
            List<String> key = Arrays.asList(v.rule(), v.basis(), v.anchor(), v.period(), text(v.countedFrom()),
                    text(v.legalRetainUntil()), text(v.retainUntil()), text(v.keptUntil()),
                    v.purgedAt().toInstant().toString());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(v.id().toString());
        }
        List<Map<String, Object>> retention = new ArrayList<>();
        groups.forEach((key, ids) -> {
            Map<String, Object> group = new LinkedHashMap<>();
            String[] names = {"rule", "basis", "anchor", "period", "countedFrom", "legalRetainUntil", "retainUntil",
                    "keptUntil", "purgedAt"};
            for (int i = 0; i < names.length; i++) {
                group.put(names[i], key.get(i));
            }
            group.put("recordIds", ids);
            retention.add(group);
        });
        facts.put("retention", retention);
        return facts;
    }

    /**
     * What one leaf says of one version.
     *
     * @param seq         the leaf's sequence number in the audit log
     * @param entryId     the leaf's entry id
     * @param dated       whether the leaf carries the dates (false for leaves written before they did)
     * @param purgedAt    when it says the version was purged
     * @param retainUntil the version's own retention end it names
     * @param keptUntil   the retention end it says the purge obeyed
     */
    public record Claim(long seq, UUID entryId, boolean dated, OffsetDateTime purgedAt, LocalDate retainUntil,
                        LocalDate keptUntil) {
    }

    /** The versions a leaf names, each with what it says of it (a malformed leaf names nothing). */
    static Map<UUID, Claim> claims(AuditEntry entry, JsonNode content) {
        Map<UUID, Claim> claims = new LinkedHashMap<>();
        JsonNode retention = content.path("retention");
        if (retention.isArray()) {
            for (JsonNode group : retention) {
                Claim claim = new Claim(entry.seq(), entry.entryId(), true, instant(group.path("purgedAt")),
                        date(group.path("retainUntil")), date(group.path("keptUntil")));
                for (JsonNode id : group.path("recordIds")) {
                    claims.put(UUID.fromString(id.asText()), claim);
                }
            }
        } else {
            Claim undated = new Claim(entry.seq(), entry.entryId(), false, null, null, null);
            for (JsonNode id : content.path("recordIds")) {
                claims.put(UUID.fromString(id.asText()), undated);
            }
        }
        return claims;
    }

    private static String text(LocalDate day) {
        return day == null ? null : day.toString();
    }

    private static LocalDate date(JsonNode node) {
        return node.isTextual() ? LocalDate.parse(node.asText()) : null;
    }

    private static OffsetDateTime instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()).atOffset(ZoneOffset.UTC) : null;
    }
}
