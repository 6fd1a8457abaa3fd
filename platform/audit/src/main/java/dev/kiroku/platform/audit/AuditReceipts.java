package dev.kiroku.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.merkle.MerkleTree;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Receipts (C2SP {@code tlog-proof}) that audit entries are in the log: per entry the proof text
 * {@code c2sp.org/tlog-proof@v1}, {@code extra <base64 of the leaf>}, {@code index <leaf index>}, the RFC 9162
 * inclusion proof hashes (one base64 line each), a blank line and the signed checkpoint note the proof leads to.
 * The extra data is the leaf itself (the entry's RFC 8785 canonical JSON, {@link AuditHashing#leaf}), so a verifier
 * recomputes the leaf hash and reads what the entry commits to without asking the log; the spec leaves extra data
 * unauthenticated, and here it is authenticated by the inclusion proof. Leaves hold no personal data (salted
 * commitments and hashes only), so neither do receipts.
 *
 * <p>All receipts of one call prove into the same checkpoint: the newest signed one, signed now if it does not yet
 * cover every entry asked for (an entry committed less than one signing interval ago).
 */
@ApplicationScoped
public class AuditReceipts {

    /** The first line of every receipt. */
    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    private final io.agroal.api.AgroalDataSource dataSource;
    private final AuditChain chain;
    private final AuditCheckpoints checkpoints;
    private final ObjectMapper json;

    public AuditReceipts(io.agroal.api.AgroalDataSource dataSource, AuditChain chain, AuditCheckpoints checkpoints,
                         ObjectMapper json) {
        this.dataSource = dataSource;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.json = json;
    }

    /** The receipts of these entries, all into one signed checkpoint, by entry id; unknown ids are left out. */
    public Receipts of(Collection<UUID> entryIds) {
        List<AuditEntry> entries = entries(entryIds);
        AuditCheckpoint checkpoint = covering(entries.stream().mapToLong(e -> e.leafIndex() + 1).max().orElse(0));
        return new Receipts(checkpoints.origin(), checkpoints.verifierKey(), checkpoint.treeSize(), checkpoint.note(),
                proofs(entries, checkpoint));
    }

    /**
     * The newest signed checkpoint, signed now if none covers {@code size} leaves yet: what a stream of receipts
     * (a large export) proves into, chunk by chunk through {@link #into}.
     */
    public AuditCheckpoint covering(long size) {
        AuditCheckpoint checkpoint = checkpoints.latest().filter(c -> c.treeSize() >= size).orElse(null);
        if (checkpoint == null) {
            checkpoints.signIfGrown();
            checkpoint = checkpoints.latest().filter(c -> c.treeSize() >= size).orElseThrow(() ->
                    new AuditChainException("no signed checkpoint covers the entries asked for", null));
        }
        return checkpoint;
    }

    /** The newest signed checkpoint, signed now when the log grew since: it covers every entry committed so far. */
    public AuditCheckpoint current() {
        checkpoints.signIfGrown();
        return checkpoints.latest().orElseThrow(() ->
                new AuditChainException("the audit log has no signed checkpoint", null));
    }

    /** The receipts of these entries into a given checkpoint; entries it does not cover, or unknown, are left out. */
    public Map<UUID, String> into(Collection<UUID> entryIds, AuditCheckpoint checkpoint) {
        return proofs(entries(entryIds).stream().filter(e -> e.leafIndex() < checkpoint.treeSize()).toList(),
                checkpoint);
    }

    private List<AuditEntry> entries(Collection<UUID> entryIds) {
        List<AuditEntry> entries = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(entryIds)) {
            chain.entry(id).ifPresent(entries::add);
        }
        return entries;
    }

    private Map<UUID, String> proofs(List<AuditEntry> entries, AuditCheckpoint checkpoint) {
        Map<UUID, String> proofs = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            MerkleTree tree = new MerkleTree(AuditTreeNodes.reader(connection));
            for (AuditEntry entry : entries) {
                proofs.put(entry.entryId(), text(AuditHashing.leaf(json, entry), entry.leafIndex(),
                        tree.inclusionProof(entry.leafIndex(), checkpoint.treeSize()), checkpoint.note()));
            }
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's tree", e);
        }
        return proofs;
    }

    /** The log's origin and verifier key (for the header of a stream of receipts). */
    public String origin() {
        return checkpoints.origin();
    }

    public String verifierKey() {
        return checkpoints.verifierKey();
    }

    /** Receipts of several entries into one checkpoint. */
    public record Receipts(String origin, String verifierKey, long treeSize, String checkpoint,
                           Map<UUID, String> byEntry) {
    }

    /** The {@code tlog-proof} text of one leaf. */
    static String text(byte[] leaf, long index, List<byte[]> proof, String note) {
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append("extra ").append(base64.encodeToString(leaf)).append('\n');
        out.append("index ").append(index).append('\n');
        for (byte[] hash : proof) {
            out.append(base64.encodeToString(hash)).append('\n');
        }
        return out.append('\n').append(note).toString();
    }
}
