package dev.kiroku.platform.audit;

import dev.kiroku.platform.audit.merkle.MerkleTree;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inclusion and consistency proofs of the audit log (RFC 9162 §2.1.3, §2.1.4), each one batched read of stored
 * subtrees. A proof is only given for tree sizes the log has reached; by default up to the latest signed checkpoint,
 * so that the proof leads to a root someone signed.
 */
@ApplicationScoped
public class AuditProofs {

    static final URI OUT_OF_RANGE = ProblemType.of("audit-tree-size-out-of-range");

    private final AgroalDataSource dataSource;
    private final AuditCheckpoints checkpoints;
    private final AuditNodeCache nodes;
    /**
     * The largest tree size this instance has seen the log hold: the log only grows (its rows refuse UPDATE and
     * DELETE), so a proof up to that size needs no query of the size (one round trip less per proof).
     */
    private final AtomicLong reached = new AtomicLong();

    public AuditProofs(AgroalDataSource dataSource, AuditCheckpoints checkpoints, AuditNodeCache nodes) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.nodes = nodes;
    }

    /** RFC 9162 inclusion proof: the leaf at {@code leafIndex} in the tree of {@code treeSize} (default: latest checkpoint). */
    @Schema(name = "AuditInclusionProof", description = "RFC 9162 §2.1.3 inclusion proof of one leaf in a tree size")
    public record Inclusion(@Schema(example = "41") long leafIndex, @Schema(example = "1342") long treeSize,
                            @Schema(description = "SHA-256(0x00 ‖ leaf), base64",
                                    example = "YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=") String leafHash,
                            @Schema(description = "The root hash of the tree of treeSize leaves, base64") String rootHash,
                            @Schema(description = "The audit path, leaf upwards, base64") List<String> hashes,
                            @Schema(description = "The signed checkpoint of treeSize (C2SP signed note), when one was "
                                    + "signed at exactly that size") String checkpoint) {
    }

    /** RFC 9162 consistency proof between two tree sizes. */
    @Schema(name = "AuditConsistencyProof", description = "RFC 9162 §2.1.4 consistency proof between two tree sizes")
    public record Consistency(@Schema(example = "1300") long firstSize, @Schema(example = "1342") long secondSize,
                              @Schema(description = "Root of the first tree, base64") String firstRootHash,
                              @Schema(description = "Root of the second tree, base64") String secondRootHash,
                              @Schema(description = "The proof, base64, in the RFC's order") List<String> hashes) {
    }

    public Inclusion inclusion(long leafIndex, Long treeSize) {
        try (Connection connection = dataSource.getConnection()) {
            long size = size(connection, treeSize);
            if (leafIndex >= size) {
                throw ProblemException.unprocessable(OUT_OF_RANGE, "Leaf not in this tree",
                        "leaf " + leafIndex + " is not in a tree of " + size + " leaves");
            }
            // the leaf, the root and the path: one batched read of stored subtrees
            MerkleTree.Inclusion proof;
            try {
                proof = new MerkleTree(nodes.reader(connection)).inclusion(leafIndex, size);
            } catch (MerkleTree.MissingNodeException e) {
                throw shrunk(connection, size, e);
            }
            return new Inclusion(leafIndex, size, b64(proof.leafHash()), b64(proof.rootHash()),
                    proof.path().stream().map(AuditProofs::b64).toList(),
                    checkpoints.ofSize(size).map(AuditCheckpoint::note).orElse(null));
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's tree", e);
        }
    }

    public Consistency consistency(long firstSize, Long secondSize) {
        try (Connection connection = dataSource.getConnection()) {
            long second = size(connection, secondSize);
            if (firstSize > second) {
                throw ProblemException.unprocessable(OUT_OF_RANGE, "Sizes out of order",
                        "the first size " + firstSize + " is larger than the second, " + second);
            }
            // both roots and the proof: one batched read of stored subtrees
            MerkleTree.Consistency proof;
            try {
                proof = new MerkleTree(nodes.reader(connection)).consistency(firstSize, second);
            } catch (MerkleTree.MissingNodeException e) {
                throw shrunk(connection, second, e);
            }
            return new Consistency(firstSize, second, b64(proof.firstRoot()), b64(proof.secondRoot()),
                    proof.proof().stream().map(AuditProofs::b64).toList());
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's tree", e);
        }
    }

    /** The asked size once checked against the log (it must have reached it), or the latest checkpoint's. */
    private long size(Connection connection, Long asked) throws SQLException {
        if (asked == null) {
            return checkpoints.latest().map(AuditCheckpoint::treeSize).orElse(0L);
        }
        if (asked <= reached.get()) {
            return asked;
        }
        reached.accumulateAndGet(checkReached(connection, asked), Math::max);
        return asked;
    }

    /** The log's size now, once it is known to hold {@code asked} leaves (422 otherwise). */
    private static long checkReached(Connection connection, long asked) throws SQLException {
        long size = AuditChain.treeSize(connection);
        if (asked > size) {
            throw ProblemException.unprocessable(OUT_OF_RANGE, "Tree size not reached",
                    "the log holds " + size + " leaves, fewer than " + asked);
        }
        return size;
    }

    /**
     * A node of a size this instance saw reached is missing: the log was shrunk behind its back (the verification
     * and the witnesses report that). The size is checked again and the kept subtrees forgotten; a size the log no
     * longer holds is refused as one it never held.
     */
    private RuntimeException shrunk(Connection connection, long size, MerkleTree.MissingNodeException missing)
            throws SQLException {
        reached.set(AuditChain.treeSize(connection));
        nodes.clear();
        checkReached(connection, size);
        return missing;
    }

    private static String b64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
