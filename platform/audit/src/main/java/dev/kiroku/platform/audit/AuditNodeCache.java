package dev.kiroku.platform.audit;

import dev.kiroku.platform.audit.merkle.NodeId;
import dev.kiroku.platform.audit.merkle.NodeReader;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upper stored subtrees of the log, in memory. A stored perfect subtree never changes once written (its rows
 * refuse UPDATE and DELETE, and verification recomputes them from the leaves), so a hash read once can answer every
 * later proof: a proof at ten million leaves then reads about ten rows instead of thirty. Subtrees below
 * {@code kiroku.audit.node-cache-min-level} are not kept (there are too many and each is rarely asked twice).
 */
@ApplicationScoped
public class AuditNodeCache {

    /** Node indexes below this pack into one {@code long} key with their level. */
    private static final long MAX_INDEX = 1L << 56;

    private final int minLevel;
    private final long maxEntries;
    /**
     * Keyed by {@code level << 56 | index}. No eviction order to keep up on every read (a Caffeine cache cost a sixth
     * of a proof's CPU here): when full it is emptied and fills again with what proofs ask, which is rare, since the
     * upper levels of even a large log are few (about one node per 128 leaves at and above level 8).
     */
    private final Map<Long, byte[]> nodes;

    public AuditNodeCache(AuditConfig config) {
        this.minLevel = config.nodeCacheMinLevel();
        this.maxEntries = config.nodeCacheMaxEntries();
        this.nodes = maxEntries > 0 ? new ConcurrentHashMap<>() : null;
    }

    /** Reads the asked nodes from memory where kept, the others in one query on this connection. */
    public NodeReader reader(Connection connection) {
        if (nodes == null) {
            return AuditTreeNodes.reader(connection);
        }
        return ids -> {
            Map<NodeId, byte[]> out = new HashMap<>(ids.size() * 2);
            List<NodeId> missing = new ArrayList<>(ids.size());
            for (NodeId id : ids) {
                byte[] hash = kept(id) ? nodes.get(key(id)) : null;
                if (hash != null) {
                    out.put(id, hash);
                } else {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                Map<NodeId, byte[]> read = AuditTreeNodes.read(connection, missing);
                read.forEach((id, hash) -> {
                    if (kept(id)) {
                        if (nodes.size() >= maxEntries) {
                            nodes.clear();
                        }
                        nodes.put(key(id), hash);
                    }
                });
                out.putAll(read);
            }
            return out;
        };
    }

    private boolean kept(NodeId id) {
        return id.level() >= minLevel && id.index() < MAX_INDEX;
    }

    private static Long key(NodeId id) {
        return (long) id.level() << 56 | id.index();
    }

    /** How many subtree hashes are kept now. */
    long size() {
        return nodes == null ? 0 : nodes.size();
    }

    /** Forgets every kept hash (after the log was found shrunk by its database owner). */
    void clear() {
        if (nodes != null) {
            nodes.clear();
        }
    }
}
