package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditEntry;
import dev.kiroku.provisionrecords.provision.PurgedVersion;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository.ErasureState;
import dev.kiroku.provisionrecords.provision.service.PurgeLeaves.Claim;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge leaf and the record verification's purge checks (issue 13 item 6) on their own: an erasure is the
 * retention purge of APPI Art. 29(2) / 30(4), Rules 21 / 25 — after the last day the record is kept (Asia/Tokyo),
 * complete, recorded in the audit log, and as its leaf says.
 */
class PurgeChecksTest {

    private static final UUID ID = UUID.fromString("019a9000-aaaa-7bbb-8ccc-ddddeeeeffff");
    private static final LocalDate KEPT_UNTIL = LocalDate.of(2025, 12, 5);
    /** 2025-12-05T15:30Z is already 2025-12-06 in Tokyo: the first day after the retention. */
    private static final OffsetDateTime PURGED = OffsetDateTime.of(2025, 12, 5, 15, 30, 0, 123_000, ZoneOffset.UTC);

    private static ErasureState purged(OffsetDateTime at) {
        return new ErasureState(ID, UUID.randomUUID(), at, KEPT_UNTIL, KEPT_UNTIL, false, false, false, false, false);
    }

    private static Claim leaf(OffsetDateTime at, LocalDate keptUntil) {
        return new Claim(42, UUID.randomUUID(), true, at, KEPT_UNTIL, keptUntil);
    }

    @Test
    @DisplayName("APPI Rules 21/25: a complete purge after the retention, as its leaf says, holds")
    void aCompletePurgeAfterTheRetentionAsItsLeafSaysHolds() {
        assertThat(PurgeChecks.problem(purged(PURGED), leaf(PURGED, KEPT_UNTIL))).isNull();
    }

    @Test
    @DisplayName("APPI Rules 21/25: the last day kept is a Tokyo day; a purge on it is early")
    void aPurgeOnTheLastTokyoDayKeptIsEarly() {
        OffsetDateTime lastDay = OffsetDateTime.of(2025, 12, 5, 14, 59, 0, 0, ZoneOffset.UTC); // 23:59 in Tokyo
        assertThat(PurgeChecks.premature(lastDay, KEPT_UNTIL)).isTrue();
        assertThat(PurgeChecks.premature(PURGED, KEPT_UNTIL)).isFalse();
        assertThat(PurgeChecks.premature(PURGED, null)).as("a record without an end is never purged").isTrue();
        assertThat(PurgeChecks.problem(purged(lastDay), leaf(lastDay, KEPT_UNTIL)))
                .contains("purged on 2025-12-05 (Asia/Tokyo), before its retention ended: kept until 2025-12-05");
    }

    @Test
    @DisplayName("Issue 13 item 6: personal data gone without a purge leaf is named as an erasure behind the service's back")
    void personalDataGoneWithoutALeafIsNamed() {
        assertThat(PurgeChecks.problem(purged(PURGED), null)).contains("no purge leaf of the audit log names it")
                .doesNotContain("before its retention");
        ErasureState saltOnly = new ErasureState(ID, UUID.randomUUID(), null, KEPT_UNTIL, KEPT_UNTIL, true, true,
                true, false, true);
        assertThat(PurgeChecks.problem(saltOnly, null)).contains("its subject removed) but no purge leaf");
        assertThat(PurgeChecks.problem(saltOnly, leaf(PURGED, KEPT_UNTIL))).contains("its row was not purged");
    }

    @Test
    @DisplayName("Issue 13 item 6: a purge leaf whose own dates put the purge before the retention's end is named")
    void aLeafThatSaysThePurgeWasEarlyIsNamed() {
        OffsetDateTime early = PURGED.minusYears(1);
        ErasureState row = purged(PURGED);
        assertThat(PurgeChecks.problem(row, leaf(PURGED, KEPT_UNTIL.plusDays(1))))
                .startsWith("purge leaf 42 says the record was purged on 2025-12-06");
        assertThat(PurgeChecks.problem(row, leaf(early, KEPT_UNTIL))).startsWith("purge leaf 42 says");
    }

    @Test
    @DisplayName("Issue 13 item 6: a purged row whose dates disagree with its leaf is named, each date")
    void aRowThatDisagreesWithItsLeafIsNamed() {
        ErasureState row = new ErasureState(ID, UUID.randomUUID(), PURGED.plusHours(1), KEPT_UNTIL.minusDays(1),
                KEPT_UNTIL, false, false, false, false, false);
        assertThat(PurgeChecks.problem(row, leaf(PURGED, KEPT_UNTIL)))
                .contains("disagrees with purge leaf 42").contains("purgedAt").contains("retainUntil 2025-12-04");
        Claim undated = new Claim(7, UUID.randomUUID(), false, null, null, null);
        assertThat(PurgeChecks.problem(row, undated)).as("a leaf written before leaves carried dates").isNull();
    }

    @Test
    @DisplayName("Issue 13 item 6 (crypto-shredding): a purged row that still stores anything that could reveal the subject is named")
    void aPartialPurgeIsNamedWithWhatRemains() {
        ErasureState row = new ErasureState(ID, UUID.randomUUID(), PURGED, KEPT_UNTIL, KEPT_UNTIL, false, false, true,
                true, true);
        assertThat(PurgeChecks.problem(row, leaf(PURGED, KEPT_UNTIL)))
                .contains("still stores its subject's name ciphertext, commitment salt, request fingerprint");
    }

    @Test
    @DisplayName("Issue 13 item 6: the leaf groups versions by rule and dates; older leaves name versions without dates")
    void theLeafNamesEachVersionWithItsRuleAndDatesAndOlderLeavesAreStillRead() {
        ObjectMapper json = new ObjectMapper();
        UUID other = UUID.randomUUID();
        PurgedVersion a = new PurgedVersion(ID, ID, "contract", "APPI Rule 21(1)(i)", "LAST_PROVISION", "P1Y",
                KEPT_UNTIL.minusYears(1), KEPT_UNTIL, KEPT_UNTIL, KEPT_UNTIL, PURGED);
        PurgedVersion b = new PurgedVersion(other, other, "per-event", "APPI Rule 21(1)(iii)", "RECORD_CREATION",
                "P3Y", KEPT_UNTIL.minusYears(3), KEPT_UNTIL, KEPT_UNTIL, KEPT_UNTIL, PURGED);
        Map<String, Object> facts = PurgeLeaves.facts(UUID.randomUUID(), KEPT_UNTIL.plusDays(1), List.of(a, b));
        assertThat(facts.get("recordIds")).isEqualTo(List.of(ID.toString(), other.toString()));
        assertThat((List<?>) facts.get("retention")).hasSize(2);
        AuditEntry entry = new AuditEntry(9, UUID.randomUUID(), PURGED, "officer", PurgeLeaves.ACTION,
                PurgeLeaves.AGGREGATE, "run", null, "{}", 8, null);
        Map<UUID, Claim> claims = PurgeLeaves.claims(entry, json.valueToTree(facts));
        assertThat(claims.get(ID)).isEqualTo(new Claim(9, entry.entryId(), true, PURGED, KEPT_UNTIL, KEPT_UNTIL));
        assertThat(claims).containsKey(other);

        Map<UUID, Claim> older = PurgeLeaves.claims(entry, json.valueToTree(Map.of("runId", "r", "count", 1,
                "recordIds", List.of(ID.toString()))));
        assertThat(older.get(ID)).isEqualTo(new Claim(9, entry.entryId(), false, null, null, null));
    }
}
