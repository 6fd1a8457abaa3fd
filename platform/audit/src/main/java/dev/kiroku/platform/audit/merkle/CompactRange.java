package dev.kiroku.platform.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing tree: the roots of its perfect subtrees, largest first (at most 63 hashes). Appending a
 * leaf answers the perfect subtrees it completes, which is what the log stores; the root of the whole tree folds the
 * edge. Used to append (from the stored edge) and to recompute a whole log in one streaming pass.
 */
public final class CompactRange {

    private final List<NodeId> ids = new ArrayList<>();
    private final List<byte[]> hashes = new ArrayList<>();
    private long size;

    /** An empty tree. */
    public CompactRange() {
    }

    /** The edge of a tree of {@code size} leaves, from its perfect subtrees (as {@link #edge} names them). */
    public CompactRange(long size, List<byte[]> edgeHashes) {
        List<NodeId> edge = edge(size);
        if (edge.size() != edgeHashes.size()) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + edge.size() + " edge nodes");
        }
        this.size = size;
        ids.addAll(edge);
        hashes.addAll(edgeHashes);
    }

    /** The perfect subtrees of a tree of {@code size} leaves, largest first. */
    public static List<NodeId> edge(long size) {
        return MerkleTree.perfectSubtrees(0, size);
    }

    /** How many leaves it covers. */
    public long size() {
        return size;
    }

    /** Appends a leaf hash; answers every node it completes, the leaf first, bottom up. */
    public List<Node> append(byte[] leafHash) {
        List<Node> completed = new ArrayList<>();
        NodeId id = new NodeId(0, size);
        byte[] hash = leafHash;
        completed.add(new Node(id, hash));
        while (!ids.isEmpty() && ids.get(ids.size() - 1).level() == id.level()) {
            int last = ids.size() - 1;
            hash = Rfc9162.nodeHash(hashes.get(last), hash);
            id = new NodeId(id.level() + 1, id.index() >> 1);
            ids.remove(last);
            hashes.remove(last);
            completed.add(new Node(id, hash));
        }
        ids.add(id);
        hashes.add(hash);
        size++;
        return completed;
    }

    /** {@code MTH} of the leaves appended so far. */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return Rfc9162.emptyRoot();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = Rfc9162.nodeHash(hashes.get(i), root);
        }
        return root;
    }

    /** A stored node: a perfect subtree and its hash. */
    public record Node(NodeId id, byte[] hash) {
    }
}
