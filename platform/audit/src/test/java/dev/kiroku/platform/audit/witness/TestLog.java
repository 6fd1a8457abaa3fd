package dev.kiroku.platform.audit.witness;

import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.merkle.MerkleTree;
import dev.kiroku.platform.audit.merkle.NodeId;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A log the tests keep in memory and sign with a TEST-ONLY key: the real RFC 9162 tree code, the real signed notes, so
 * a witness sees exactly what a Kiroku service would send, and the tests can also fork or roll it back at will.
 */
final class TestLog {

    static final String ORIGIN = "kiroku.test/remote-log";
    /** TEST-ONLY: the ASCII of "test-only-remote-log-seed-32byte"; its verifier key is in the test properties. */
    static final NoteKey KEY = NoteKey.signing(ORIGIN,
            Base64.getDecoder().decode("dGVzdC1vbmx5LXJlbW90ZS1sb2ctc2VlZC0zMmJ5dGU="));

    private final Map<NodeId, byte[]> nodes = new HashMap<>();
    private final CompactRange edge = new CompactRange();
    private final String prefix;

    /** A log whose leaves are {@code <prefix>-<index>}: two logs with other prefixes fork from the first leaf. */
    TestLog(String prefix) {
        this.prefix = prefix;
    }

    TestLog grow(long size) {
        while (edge.size() < size) {
            for (CompactRange.Node node : edge.append(Rfc9162.leafHash(
                    (prefix + "-" + edge.size()).getBytes(StandardCharsets.UTF_8)))) {
                nodes.put(node.id(), node.hash());
            }
        }
        return this;
    }

    MerkleTree tree() {
        return new MerkleTree(ids -> {
            Map<NodeId, byte[]> out = new HashMap<>();
            ids.forEach(id -> {
                if (nodes.containsKey(id)) {
                    out.put(id, nodes.get(id));
                }
            });
            return out;
        });
    }

    Checkpoint checkpoint(long size) {
        return new Checkpoint(ORIGIN, size, tree().rootHash(size));
    }

    String note(long size) {
        return SignedNote.sign(checkpoint(size).body(), KEY);
    }

    /** The add-checkpoint request from {@code oldSize} to the checkpoint of {@code size}, with a real proof. */
    String request(long oldSize, long size) {
        List<byte[]> proof = oldSize == 0 || oldSize == size ? List.of() : tree().consistencyProof(oldSize, size);
        return Witness.requestBody(oldSize, proof, note(size));
    }
}
