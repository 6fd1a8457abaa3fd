package dev.kiroku.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.merkle.MerkleVerifier;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.SignedNote;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receipts (C2SP tlog-proof) of audit entries against a real PostgreSQL: the text is the spec's (header, extra,
 * index, the proof's hashes, a blank line, the signed checkpoint), the extra data is the entry's leaf, and the proof
 * leads from that leaf to the root of a checkpoint the log's key signed — also for entries committed a moment ago,
 * before the scheduled signer ran.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AuditReceiptsTest {

    @Inject
    AuditChain chain;

    @Inject
    AuditReceipts receipts;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    ObjectMapper json;

    @Test
    void everyReceiptIsATlogProofFromTheEntrysLeafToASignedRoot() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            String id = "receipt-" + UUID.randomUUID();
            entries.add(QuarkusTransaction.requiringNew().call(() -> chain.append(new AuditEvent("thing.created",
                    "thing", id, "officer", null, Map.of("n", 1)))));
        }
        AuditReceipts.Receipts answer = receipts.of(entries.stream().map(AuditEntry::entryId).toList());

        assertThat(answer.byEntry()).hasSize(entries.size());
        assertThat(answer.treeSize()).isGreaterThanOrEqualTo(entries.get(entries.size() - 1).leafIndex() + 1);
        Checkpoint signed = SignedNote.openCheckpoint(answer.checkpoint(), checkpoints.verifier(), checkpoints.origin());
        for (AuditEntry entry : entries) {
            String proof = answer.byEntry().get(entry.entryId());
            int blank = proof.indexOf("\n\n");
            String[] head = proof.substring(0, blank).split("\n", -1);
            assertThat(head[0]).isEqualTo("c2sp.org/tlog-proof@v1");
            assertThat(head[2]).isEqualTo("index " + entry.leafIndex());
            byte[] leaf = Base64.getDecoder().decode(head[1].substring("extra ".length()));
            assertThat(leaf).isEqualTo(AuditHashing.leaf(json, entry));
            assertThat(Base64.getEncoder().encodeToString(Rfc9162.leafHash(leaf))).isEqualTo(entry.leafHash());
            List<byte[]> hashes = new ArrayList<>();
            for (int i = 3; i < head.length; i++) {
                hashes.add(Base64.getDecoder().decode(head[i]));
            }
            assertThat(proof.substring(blank + 2)).isEqualTo(answer.checkpoint());
            assertThat(MerkleVerifier.verifyInclusion(entry.leafIndex(), signed.size(), Rfc9162.leafHash(leaf),
                    hashes, signed.rootHash())).as("entry %d", entry.seq()).isTrue();
        }
    }

    @Test
    void unknownEntriesHaveNoReceipt() {
        assertThat(receipts.of(List.of(UUID.randomUUID())).byEntry()).isEmpty();
    }
}
