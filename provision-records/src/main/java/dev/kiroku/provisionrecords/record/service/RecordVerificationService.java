package dev.kiroku.provisionrecords.record.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEntry;
import dev.kiroku.provisionrecords.record.ProvisionRecord;
import dev.kiroku.provisionrecords.record.repository.ProvisionRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks the records themselves against the audit chain (the chain's own verification recomputes only the chain):
 * every row's content is recomputed and compared with its stored hash and with the hash the chain recorded when the
 * row was written; the subject (while not purged) with its commitment; and the number of rows with the number of
 * record versions the chain lists. Catches a row changed or removed behind the service's back, even by someone who
 * switched the database's append-only guard off.
 */
@ApplicationScoped
public class RecordVerificationService {

    private static final List<String> RECORDING_ACTIONS = List.of("provision.recorded", "provision.corrected",
            "provision.batch-recorded");

    private final ProvisionRecordRepository records;
    private final AuditChain chain;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public RecordVerificationService(ProvisionRecordRepository records, AuditChain chain, ObjectMapper json) {
        this.records = records;
        this.chain = chain;
        this.json = json;
    }

    /**
     * The outcome.
     *
     * @param intact              every record holds
     * @param verifiedRecords     records that held before the first broken one (or all)
     * @param chainRecordVersions record versions the audit chain lists
     * @param firstBrokenRecordId the first record (in chain order) that does not hold
     * @param auditSeq            the chain entry that recorded it (its sequence number, when it exists)
     * @param auditEntryId        that entry's id
     * @param problem             what does not hold
     */
    public record Result(boolean intact, long verifiedRecords, long chainRecordVersions, UUID firstBrokenRecordId,
                         Long auditSeq, UUID auditEntryId, String problem, OffsetDateTime verifiedAt) {
    }

    @Transactional
    public Result verify() {
        Walk walk = new Walk();
        records.streamInChainOrder(walk::check);
        long listed = listedInChain();
        if (walk.broken == null && walk.verified != listed) {
            return new Result(false, walk.verified, listed, null, null, null, "the audit chain lists " + listed
                    + " record versions but the table holds " + walk.verified
                    + " (rows removed or added behind the service's back)", now());
        }
        if (walk.broken != null) {
            return new Result(false, walk.verified, listed, walk.broken.id(), walk.brokenSeq,
                    walk.broken.auditEntryId(), walk.problem, now());
        }
        return new Result(true, walk.verified, listed, null, null, null, null, now());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** The state of the pass over the rows in chain order. */
    private final class Walk {
        long verified;
        UUID entryId;
        Long seq;
        Map<String, String> listed = Map.of();
        ProvisionRecord broken;
        Long brokenSeq;
        String problem;

        void check(ProvisionRecord record, String salt) {
            if (broken != null) {
                return;
            }
            if (!record.auditEntryId().equals(entryId)) {
                entryId = record.auditEntryId();
                Optional<AuditEntry> entry = chain.entry(entryId);
                seq = entry.map(AuditEntry::seq).orElse(null);
                listed = entry.map(RecordVerificationService.this::hashesListedBy).orElse(Map.of());
            }
            String chained = listed.get(record.id().toString());
            String recomputed = RecordContent.sha256(json, RecordContent.of(record));
            if (chained == null) {
                fail(record, seq == null ? "the audit entry the record points to does not exist"
                        : "the audit entry " + seq + " the record points to does not record it");
            } else if (!recomputed.equals(record.contentSha256())) {
                fail(record, "the record's content no longer matches its hash: changed after it was recorded");
            } else if (!chained.equals(record.contentSha256())) {
                fail(record, "the record's hash differs from the one audit entry " + seq + " recorded");
            } else if (salt != null && record.event().subject() != null && !AuditChain.commitment(salt,
                    record.event().subject().indexInput()).equals(record.subjectCommitment())) {
                fail(record, "the record's subject does not match its commitment: changed after it was recorded");
            } else {
                verified++;
            }
        }

        private void fail(ProvisionRecord record, String why) {
            broken = record;
            brokenSeq = seq;
            problem = why;
        }
    }

    /** Record id → content hash, as a recording chain entry lists them. */
    private Map<String, String> hashesListedBy(AuditEntry entry) {
        Map<String, String> hashes = new HashMap<>();
        if (RECORDING_ACTIONS.contains(entry.action())) {
            collect(parse(entry), hashes);
        }
        return hashes;
    }

    private long listedInChain() {
        long count = 0;
        for (String type : List.of("provision-record", "provision-batch")) {
            long after = 0;
            List<AuditEntry> page;
            do {
                page = chain.entries(type, null, after, 500);
                for (AuditEntry e : page) {
                    if (RECORDING_ACTIONS.contains(e.action())) {
                        Map<String, String> hashes = new HashMap<>();
                        collect(parse(e), hashes);
                        count += hashes.size();
                    }
                    after = e.seq();
                }
            } while (page.size() == 500);
        }
        return count;
    }

    private static void collect(JsonNode content, Map<String, String> hashes) {
        if (content.has("records")) {
            content.get("records").forEach(r -> hashes.put(r.get("id").asText(), r.get("contentSha256").asText()));
        } else if (content.has("id") && content.has("contentSha256")) {
            hashes.put(content.get("id").asText(), content.get("contentSha256").asText());
        }
    }

    private JsonNode parse(AuditEntry entry) {
        try {
            return json.readTree(entry.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
