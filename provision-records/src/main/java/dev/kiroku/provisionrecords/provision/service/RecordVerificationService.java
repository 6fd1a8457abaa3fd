package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEntry;
import dev.kiroku.platform.web.Digests;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
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
 * every row's content is recomputed and compared with its stored hash; the stored hashes with what the chain entry
 * that recorded them holds (the hash itself for a single record; for a batch, the root of the Merkle tree over its
 * rows, or the flat digest over them that batches recorded before had); each subject,
 * until purged, with its commitment; and the number of rows with the number of record versions the chain lists.
 * Catches a row changed, added or removed behind the service's back, even by someone who switched the database's
 * append-only guard off. Then the erasures (issue 13 item 6): a version whose personal data is gone without a purge
 * leaf naming it, purged before its retention ended, purged only in part, or disagreeing with its purge leaf.
 */
@ApplicationScoped
public class RecordVerificationService {

    static final String BATCH = "provision.batch-recorded";
    private static final List<String> RECORDING_ACTIONS = List.of("provision.recorded", "provision.corrected", BATCH);

    private final ProvisionRecordRepository records;
    private final AuditChain chain;
    private final ObjectMapper json;
    private final Clock clock;

    public RecordVerificationService(ProvisionRecordRepository records, AuditChain chain, ObjectMapper json,
            Clock clock) {
        this.clock = clock;
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
     * @param firstBrokenRecordId the first record (in chain order; for an erasure, in id order) that does not hold
     * @param auditSeq            the chain entry that recorded it (its sequence number, when it exists); for an
     *                            erasure, the purge leaf that names the record (the recording entry when none does)
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
        walk.closeGroup();
        long listed = listedInChain();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        if (walk.broken != null) {
            return new Result(false, walk.verified, listed, walk.broken.id(), walk.brokenSeq,
                    walk.broken.auditEntryId(), walk.problem, now);
        }
        if (walk.verified != listed) {
            return new Result(false, walk.verified, listed, null, null, null, "the audit chain lists " + listed
                    + " record versions but the table holds " + walk.verified
                    + " (rows removed or added behind the service's back)", now);
        }
        Optional<Result> erasure = erasures(walk.verified, listed, now);
        if (erasure.isPresent()) {
            return erasure.get();
        }
        return new Result(true, walk.verified, listed, null, null, null, null, now);
    }

    /**
     * The purge checks (issue 13 item 6), after the records themselves held: every version whose personal data is
     * gone must be named by a purge leaf of the audit log ({@link PurgeLeaves}), purged after the retention it was
     * kept under and completely (nothing left that could reveal the subject, {@link PurgeChecks}), and agree with what
     * the leaf says; every version a leaf names must be purged; and no purged version's create request may still have
     * its fingerprint in the {@code Idempotency-Key} table. The first that does not hold names the record, and the
     * purge leaf (or, when none names it, the entry that recorded it).
     */
    private Optional<Result> erasures(long verified, long listed, OffsetDateTime now) {
        Map<UUID, PurgeLeaves.Claim> claims = purgeClaims();
        Result[] broken = new Result[1];
        records.streamErased(row -> {
            PurgeLeaves.Claim claim = claims.remove(row.id());
            if (broken[0] != null) {
                return;
            }
            String problem = PurgeChecks.problem(row, claim);
            if (problem != null) {
                Optional<AuditEntry> at = claim != null ? Optional.empty() : chain.entry(row.auditEntryId());
                broken[0] = new Result(false, verified, listed, row.id(),
                        claim != null ? Long.valueOf(claim.seq()) : at.map(AuditEntry::seq).orElse(null),
                        claim != null ? claim.entryId() : row.auditEntryId(), problem, now);
            }
        });
        if (broken[0] != null) {
            return Optional.of(broken[0]);
        }
        for (Map.Entry<UUID, PurgeLeaves.Claim> named : claims.entrySet()) {
            PurgeLeaves.Claim claim = named.getValue();
            String problem = records.find(named.getKey()).isPresent()
                    ? "purge leaf " + claim.seq() + " names the record but its row still holds its personal data"
                    : "purge leaf " + claim.seq() + " names a record version the table does not hold";
            return Optional.of(new Result(false, verified, listed, named.getKey(), claim.seq(), claim.entryId(),
                    problem, now));
        }
        return records.firstPurgedWithStoredKeyFingerprint(RecordRetention.RECORD_OPERATIONS).map(id -> new Result(
                false, verified, listed, id, null, null, "the record was purged but the Idempotency-Key table still "
                + "holds its request's fingerprint (a plain hash over its subject)", now));
    }

    /** Every version the purge leaves name, with what the leaf says of it (the latest leaf, should two name one). */
    private Map<UUID, PurgeLeaves.Claim> purgeClaims() {
        Map<UUID, PurgeLeaves.Claim> claims = new HashMap<>();
        long after = 0;
        List<AuditEntry> page;
        do {
            page = chain.entries(PurgeLeaves.AGGREGATE, null, after, 500);
            for (AuditEntry e : page) {
                if (PurgeLeaves.ACTION.equals(e.action())) {
                    claims.putAll(PurgeLeaves.claims(e, parse(e)));
                }
                after = e.seq();
            }
        } while (page.size() == 500);
        return claims;
    }

    /** The pass over the rows, grouped by the chain entry that recorded them. */
    private final class Walk {
        long verified;
        ProvisionRecord broken;
        Long brokenSeq;
        String problem;
        // the current group
        UUID entryId;
        AuditEntry entry;
        JsonNode content;
        ProvisionRecord firstOfGroup;
        MessageDigest rows;
        BatchTree tree;
        long groupSize;

        void check(ProvisionRecord record, String salt) {
            if (broken != null) {
                return;
            }
            if (!record.auditEntryId().equals(entryId)) {
                closeGroup();
                if (broken != null) {
                    return;
                }
                openGroup(record);
            }
            if (entry == null || !RECORDING_ACTIONS.contains(entry.action())) {
                fail(record, entry == null ? "the audit entry the record points to does not exist"
                        : "the audit entry " + entry.seq() + " the record points to does not record records");
                return;
            }
            String recomputed = RecordContent.sha256(json, RecordContent.of(json, record));
            if (!recomputed.equals(record.contentSha256())) {
                fail(record, "the record's content no longer matches its hash: changed after it was recorded");
            } else if (salt != null && record.event().subject() != null && !AuditChain.commitment(salt,
                    record.event().subject().indexInput()).equals(record.subjectCommitment())) {
                fail(record, "the record's subject does not match its commitment: changed after it was recorded");
            } else if (!BATCH.equals(entry.action()) && (!record.id().toString().equals(content.path("id").asText())
                    || !record.contentSha256().equals(content.path("contentSha256").asText()))) {
                fail(record, "the record's hash differs from the one audit entry " + entry.seq() + " recorded");
            } else {
                addToGroup(record);
                groupSize++;
                verified++;
            }
        }

        private void openGroup(ProvisionRecord record) {
            entryId = record.auditEntryId();
            Optional<AuditEntry> found = chain.entry(entryId);
            entry = found.orElse(null);
            content = found.map(RecordVerificationService.this::parse).orElse(null);
            firstOfGroup = record;
            boolean merkle = content != null && content.has("recordsRoot");
            rows = merkle ? null : RecordContent.rowsDigest();
            tree = merkle ? BatchTree.rootOnly() : null;
            groupSize = 0;
        }

        /** The row into what its batch entry committed to: the Merkle tree, or the earlier flat digest. */
        private void addToGroup(ProvisionRecord record) {
            if (tree != null) {
                tree.add(record.id(), record.contentSha256());
            } else {
                RecordContent.addRow(rows, record.id(), record.contentSha256());
            }
        }

        /**
         * A batch entry's rows must be exactly the rows it recorded: same count, and the same Merkle root
         * ({@code recordsRoot}, RFC 9162 over the rows in id order) or, for a batch recorded before batches had one,
         * the same flat digest ({@code recordsSha256}).
         */
        void closeGroup() {
            if (broken != null || entry == null || !BATCH.equals(entry.action())) {
                return;
            }
            boolean merkle = tree != null;
            boolean same = merkle ? tree.rootBase64().equals(content.path("recordsRoot").asText())
                    : Digests.hex(rows).equals(content.path("recordsSha256").asText());
            if (groupSize != content.path("count").asLong() || !same) {
                broken = firstOfGroup;
                brokenSeq = entry.seq();
                problem = "the rows of audit entry " + entry.seq() + " no longer match the " + content.path("count")
                        + " rows it recorded (a row added, removed or its hash changed): "
                        + (groupSize != content.path("count").asLong() ? "the table holds " + groupSize
                        : merkle ? "their Merkle tree has another root than the entry's recordsRoot"
                        : "their digest is not the entry's recordsSha256");
                verified -= groupSize;
            }
        }

        private void fail(ProvisionRecord record, String why) {
            broken = record;
            brokenSeq = entry == null ? null : entry.seq();
            problem = why;
        }
    }

    private long listedInChain() {
        long count = 0;
        for (String type : List.of("provision-record", "provision-batch")) {
            long after = 0;
            List<AuditEntry> page;
            do {
                page = chain.entries(type, null, after, 500);
                for (AuditEntry e : page) {
                    if (BATCH.equals(e.action())) {
                        count += parse(e).path("count").asLong();
                    } else if (RECORDING_ACTIONS.contains(e.action())) {
                        count++;
                    }
                    after = e.seq();
                }
            } while (page.size() == 500);
        }
        return count;
    }

    private JsonNode parse(AuditEntry entry) {
        try {
            return json.readTree(entry.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
