package dev.kiroku.platform.audit.merkle;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stored perfect subtrees in a map, filled the way the log fills its table: by {@link CompactRange#append}. */
final class InMemoryNodes implements NodeReader {

    private final Map<NodeId, byte[]> nodes = new HashMap<>();
    private final CompactRange edge = new CompactRange();
    int reads;
    int lastReadSize;

    static InMemoryNodes of(List<byte[]> leaves) {
        InMemoryNodes store = new InMemoryNodes();
        leaves.forEach(leaf -> store.append(Rfc9162.leafHash(leaf)));
        return store;
    }

    void append(byte[] leafHash) {
        for (CompactRange.Node node : edge.append(leafHash)) {
            nodes.put(node.id(), node.hash());
        }
    }

    int stored() {
        return nodes.size();
    }

    @Override
    public Map<NodeId, byte[]> read(Collection<NodeId> ids) {
        reads++;
        lastReadSize = ids.size();
        Map<NodeId, byte[]> out = new HashMap<>();
        for (NodeId id : ids) {
            byte[] hash = nodes.get(id);
            if (hash != null) {
                out.put(id, hash);
            }
        }
        return out;
    }
}
