package dev.kiroku.platform.audit.merkle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Root hashes and proofs of a log whose perfect subtrees are stored ({@link NodeReader}). Every hash RFC 9162 asks for
 * is the hash of a range {@code D[start:end]}; such a range is at most {@code log2(n)} stored perfect subtrees (the
 * right edge of the tree is the only ragged part), so a root, an inclusion proof or a consistency proof is one batched
 * read of at most about {@code 2·log2(n)} nodes by primary key, whatever the size of the log.
 * <p>
 * The proofs are the ones of RFC 9162 §2.1.3.1 ({@code PATH}) and §2.1.4.1 ({@code PROOF}/{@code SUBPROOF}), in the
 * RFC's order: from the leaf (or the older tree) upwards.
 */
public final class MerkleTree {

    private final NodeReader nodes;

    public MerkleTree(NodeReader nodes) {
        this.nodes = nodes;
    }

    /** {@code MTH(D[0:size])}. */
    public byte[] rootHash(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        if (size == 0) {
            return Rfc9162.emptyRoot();
        }
        return hashes(List.of(new long[]{0, size})).get(0);
    }

    /** {@code PATH(index, D[0:size])}: the audit path of the leaf at {@code index} in the tree of {@code size}. */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<long[]> ranges = new ArrayList<>();
        path(index, 0, size, ranges);
        return hashes(ranges);
    }

    /** A leaf's hash, the root of a tree that holds it and the leaf's audit path in it. */
    public record Inclusion(byte[] leafHash, byte[] rootHash, List<byte[]> path) {
    }

    /**
     * {@link #inclusionProof} with the leaf's hash and {@link #rootHash} of the same tree, all in one batched read (what
     * an inclusion proof is served with).
     */
    public Inclusion inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<long[]> ranges = new ArrayList<>();
        ranges.add(new long[]{index, index + 1});
        ranges.add(new long[]{0, size});
        path(index, 0, size, ranges);
        List<byte[]> hashes = hashes(ranges);
        return new Inclusion(hashes.get(0), hashes.get(1), List.copyOf(hashes.subList(2, hashes.size())));
    }

    /** {@code PROOF(first, D[0:second])}: that the tree of {@code first} leaves is a prefix of the one of {@code second}. */
    public List<byte[]> consistencyProof(long first, long second) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to size " + second);
        }
        List<long[]> ranges = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, ranges);
        }
        return hashes(ranges);
    }

    /** The roots of two tree sizes and the consistency proof between them. */
    public record Consistency(byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
    }

    /** {@link #consistencyProof} with both {@link #rootHash}es, all in one batched read. */
    public Consistency consistency(long first, long second) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to size " + second);
        }
        List<long[]> ranges = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, ranges);
        }
        List<byte[]> hashes = new ArrayList<>(hashes(withRoots(ranges, first, second)));
        byte[] firstRoot = first == 0 ? Rfc9162.emptyRoot() : hashes.remove(0);
        byte[] secondRoot = second == 0 ? Rfc9162.emptyRoot() : hashes.remove(0);
        return new Consistency(firstRoot, secondRoot, List.copyOf(hashes));
    }

    private static List<long[]> withRoots(List<long[]> ranges, long first, long second) {
        List<long[]> all = new ArrayList<>(ranges.size() + 2);
        if (first > 0) {
            all.add(new long[]{0, first});
        }
        if (second > 0) {
            all.add(new long[]{0, second});
        }
        all.addAll(ranges);
        return all;
    }

    /** The largest power of two smaller than {@code n} ({@code n > 1}). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void path(long m, long start, long end, List<long[]> out) {
        long n = end - start;
        if (n <= 1) {
            return;
        }
        long k = split(n);
        if (m - start < k) {
            path(m, start, start + k, out);
            out.add(new long[]{start + k, end});
        } else {
            path(m, start + k, end, out);
            out.add(new long[]{start, start + k});
        }
    }

    private static void subproof(long m, long start, long end, boolean complete, List<long[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(new long[]{start, end});
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, out);
            out.add(new long[]{start + k, end});
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(new long[]{start, start + k});
        }
    }

    /** The perfect subtrees that make up {@code D[start:end]}, left to right (largest first). */
    public static List<NodeId> perfectSubtrees(long start, long end) {
        List<NodeId> out = new ArrayList<>();
        while (start < end) {
            int level = 63 - Long.numberOfLeadingZeros(end - start);
            if (start != 0) {
                level = Math.min(level, Long.numberOfTrailingZeros(start));
            }
            out.add(new NodeId(level, start >> level));
            start += 1L << level;
        }
        return out;
    }

    private List<byte[]> hashes(List<long[]> ranges) {
        Set<NodeId> wanted = new LinkedHashSet<>();
        List<List<NodeId>> parts = new ArrayList<>(ranges.size());
        for (long[] range : ranges) {
            List<NodeId> part = perfectSubtrees(range[0], range[1]);
            parts.add(part);
            wanted.addAll(part);
        }
        Map<NodeId, byte[]> read = wanted.isEmpty() ? Map.of() : nodes.read(wanted);
        List<byte[]> out = new ArrayList<>(ranges.size());
        for (List<NodeId> part : parts) {
            byte[] hash = null;
            for (int i = part.size() - 1; i >= 0; i--) {
                byte[] node = require(read, part.get(i));
                hash = hash == null ? node : Rfc9162.nodeHash(node, hash);
            }
            out.add(hash);
        }
        return out;
    }

    private static byte[] require(Map<NodeId, byte[]> read, NodeId id) {
        byte[] hash = read.get(id);
        if (hash == null) {
            throw new MissingNodeException(id);
        }
        return hash;
    }

    /** A node the log should hold is not stored (the log is shorter than asked, or was tampered with). */
    public static final class MissingNodeException extends RuntimeException {
        public MissingNodeException(NodeId id) {
            super("the log holds no node at level " + id.level() + ", index " + id.index());
        }
    }
}
