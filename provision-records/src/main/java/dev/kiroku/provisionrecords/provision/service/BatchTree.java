package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.merkle.MerkleTree;
import dev.kiroku.platform.audit.merkle.NodeId;
import dev.kiroku.platform.audit.merkle.NodeReader;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.provisionrecords.provision.BatchInclusion;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The RFC 9162 Merkle tree over the rows one batch's audit entry recorded (issue 13 item 1): leaf {@code i} is the
 * {@code i}-th row in id order, as {@link RecordContent#row} writes it. The entry holds the tree's root as
 * {@code recordsRoot} (base64, like the log's own roots and proof hashes) and its size as {@code count}; the receipt
 * of a record of the batch is the row's inclusion proof here and the entry's proof in the log. Built in memory with
 * the log's own Merkle code ({@link CompactRange} appends, {@link MerkleTree} reads roots and proofs).
 */
final class BatchTree implements NodeReader {

    /** Roots and proof hashes are base64, as in the log's checkpoints and tlog-proofs. */
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final CompactRange edge = new CompactRange();
    /** Every perfect subtree, when proofs are wanted; null when only the root is. */
    private final Map<NodeId, byte[]> nodes;
    private final Map<UUID, Long> positions;
    private final List<String> lines;

    private BatchTree(boolean proofs) {
        this.nodes = proofs ? new HashMap<>() : null;
        this.positions = proofs ? new HashMap<>() : null;
        this.lines = proofs ? new ArrayList<>() : null;
    }

    /** A tree that computes its root only (ingest, verification). */
    static BatchTree rootOnly() {
        return new BatchTree(false);
    }

    /** A tree that also answers inclusion proofs and the rows as lines (receipts). */
    static BatchTree withProofs() {
        return new BatchTree(true);
    }

    /** Appends the next row; rows come in id order. */
    void add(UUID id, String contentSha256) {
        if (positions != null) {
            positions.put(id, edge.size());
            lines.add(id + " " + contentSha256);
        }
        append(RecordContent.row(id, contentSha256));
    }

    /** Appends a leaf as it is (the rows' encoding is {@link #add}'s; tests give the reference leaves). */
    void append(byte[] leaf) {
        for (CompactRange.Node node : edge.append(Rfc9162.leafHash(leaf))) {
            if (nodes != null) {
                nodes.put(node.id(), node.hash());
            }
        }
    }

    long size() {
        return edge.size();
    }

    /** {@code MTH} of the rows added. */
    byte[] root() {
        return edge.root();
    }

    /** The root as the entry records it: base64. */
    String rootBase64() {
        return BASE64.encodeToString(root());
    }

    /** The rows as lines {@code "<id> <contentSha256>"}, in their order (what receipts of the flat form carry). */
    List<String> lines() {
        requireProofs();
        return List.copyOf(lines);
    }

    /** The inclusion proof of the row of record {@code id} (a record of this batch). */
    BatchInclusion inclusion(UUID id) {
        requireProofs();
        Long index = positions.get(id);
        if (index == null) {
            throw new IllegalArgumentException("record " + id + " is not a row of this batch");
        }
        return new BatchInclusion(index, size(), inclusion(index).stream().map(BASE64::encodeToString).toList());
    }

    /** {@code PATH(index, rows)}, leaf upwards. */
    List<byte[]> inclusion(long index) {
        requireProofs();
        return new MerkleTree(this).inclusionProof(index, size());
    }

    @Override
    public Map<NodeId, byte[]> read(Collection<NodeId> ids) {
        requireProofs();
        Map<NodeId, byte[]> out = new HashMap<>();
        for (NodeId id : ids) {
            byte[] hash = nodes.get(id);
            if (hash != null) {
                out.put(id, hash);
            }
        }
        return out;
    }

    private void requireProofs() {
        if (nodes == null) {
            throw new IllegalStateException("a root-only batch tree answers no proofs");
        }
    }
}
