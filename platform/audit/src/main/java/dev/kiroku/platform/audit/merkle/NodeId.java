package dev.kiroku.platform.audit.merkle;

/**
 * A perfect subtree of the log: the {@code 2^level} leaves from {@code index · 2^level}. Level 0 is a leaf. Such a
 * subtree never changes once its last leaf is appended, which is why it is what the log stores.
 */
public record NodeId(int level, long index) {

    public NodeId {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
        }
    }

    /** The first leaf it covers. */
    public long start() {
        return index << level;
    }

    /** One past the last leaf it covers. */
    public long end() {
        return (index + 1) << level;
    }

    // written out: a proof looks nodes up in hash maps tens of times, and the record's generated ones showed in profiles

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeId node && node.level == level && node.index == index;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index * 63 + level);
    }
}
