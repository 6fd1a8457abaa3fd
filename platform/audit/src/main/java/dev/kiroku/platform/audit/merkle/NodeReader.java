package dev.kiroku.platform.audit.merkle;

import java.util.Collection;
import java.util.Map;

/** Reads stored perfect-subtree hashes, all the asked ones at once (one indexed query for a whole proof). */
@FunctionalInterface
public interface NodeReader {

    /** The hash of each asked node; a node that is not stored is missing from the answer. */
    Map<NodeId, byte[]> read(Collection<NodeId> nodes);
}
