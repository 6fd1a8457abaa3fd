package dev.kiroku.platform.audit.merkle;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 9162 §2.1 hashing, proofs and their verification, against golden vectors. The first vectors are data from the
 * reference implementation {@code transparency-dev/merkle} (files {@code testonly/constants.go}: leaf inputs, node
 * and root hashes; {@code proof/verify_test.go}: inclusion and consistency proofs), copied as data only. The others
 * compare the stored-subtree implementation with a literal transcription of the RFC's recursive definitions, for every
 * tree size from 1 to 300 and every index.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** transparency-dev/merkle testonly.LeafInputs(). */
    private static final List<byte[]> LEAVES = hex("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    /** transparency-dev/merkle testonly.RootHashes(): the root of the first n leaves, n = 0..8. */
    private static final List<byte[]> ROOTS = hex(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** transparency-dev/merkle testonly.NodeHashes(): every perfect subtree of the 8 leaves, by level. */
    private static final List<List<byte[]>> NODES = List.of(
            hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
            hex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            hex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            hex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    private static List<byte[]> hex(String... values) {
        List<byte[]> out = new ArrayList<>();
        for (String value : values) {
            out.add(HEX.parseHex(value));
        }
        return out;
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void assertSameHashes(List<byte[]> actual, List<byte[]> expected) {
        assertThat(actual.stream().map(HEX::formatHex).toList())
                .containsExactlyElementsOf(expected.stream().map(HEX::formatHex).toList());
    }

    @Test
    void rootsOfTheReferenceLeavesAreTheReferenceRootsAtEverySize() {
        for (int n = 0; n <= LEAVES.size(); n++) {
            InMemoryNodes store = InMemoryNodes.of(LEAVES.subList(0, n));
            assertThat(HEX.formatHex(new MerkleTree(store).rootHash(n))).as("size %d", n)
                    .isEqualTo(HEX.formatHex(ROOTS.get(n)));
            assertThat(HEX.formatHex(ReferenceMerkle.mth(LEAVES.subList(0, n)))).isEqualTo(HEX.formatHex(ROOTS.get(n)));
        }
    }

    @Test
    void theStoredPerfectSubtreesAreTheReferenceNodeHashes() {
        InMemoryNodes store = InMemoryNodes.of(LEAVES);
        assertThat(store.stored()).isEqualTo(8 + 4 + 2 + 1);
        for (int level = 0; level < NODES.size(); level++) {
            for (int index = 0; index < NODES.get(level).size(); index++) {
                NodeId id = new NodeId(level, index);
                assertThat(HEX.formatHex(store.read(List.of(id)).get(id))).as("node %s", id)
                        .isEqualTo(HEX.formatHex(NODES.get(level).get(index)));
            }
        }
    }

    @Test
    void inclusionProofsAreTheReferenceProofs() {
        // proof/verify_test.go inclusionProofs: {leaf (1-based), size, proof}
        Map<long[], List<byte[]>> vectors = new HashMap<>();
        vectors.put(new long[]{1, 8}, hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        vectors.put(new long[]{6, 8}, hex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        vectors.put(new long[]{3, 3}, hex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
        vectors.put(new long[]{2, 5}, hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        vectors.put(new long[]{1, 1}, List.of());
        vectors.forEach((at, proof) -> {
            long index = at[0] - 1;
            int size = (int) at[1];
            MerkleTree tree = new MerkleTree(InMemoryNodes.of(LEAVES.subList(0, size)));
            assertSameHashes(tree.inclusionProof(index, size), proof);
            assertThat(MerkleVerifier.verifyInclusion(index, size, Rfc9162.leafHash(LEAVES.get((int) index)), proof,
                    ROOTS.get(size))).isTrue();
        });
    }

    @Test
    void consistencyProofsAreTheReferenceProofs() {
        // proof/verify_test.go consistencyProofs: {size1, size2, proof}
        Map<long[], List<byte[]>> vectors = new HashMap<>();
        vectors.put(new long[]{1, 1}, List.of());
        vectors.put(new long[]{1, 8}, hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        vectors.put(new long[]{6, 8}, hex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        vectors.put(new long[]{2, 5}, hex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        vectors.put(new long[]{6, 7}, hex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        vectors.forEach((sizes, proof) -> {
            MerkleTree tree = new MerkleTree(InMemoryNodes.of(LEAVES));
            assertSameHashes(tree.consistencyProof(sizes[0], sizes[1]), proof);
            assertThat(MerkleVerifier.verifyConsistency(sizes[0], sizes[1], ROOTS.get((int) sizes[0]),
                    ROOTS.get((int) sizes[1]), proof)).isTrue();
        });
    }

    @Test
    void everyInclusionProofOfEveryTreeUpTo300LeavesIsTheRfcPathAndVerifies() {
        List<byte[]> all = leaves(300);
        InMemoryNodes store = new InMemoryNodes();
        MerkleTree tree = new MerkleTree(store);
        int checked = 0;
        for (int n = 1; n <= all.size(); n++) {
            store.append(Rfc9162.leafHash(all.get(n - 1)));
            List<byte[]> prefix = all.subList(0, n);
            byte[] root = tree.rootHash(n);
            assertThat(HEX.formatHex(root)).isEqualTo(HEX.formatHex(ReferenceMerkle.mth(prefix)));
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = tree.inclusionProof(m, n);
                assertSameHashes(proof, ReferenceMerkle.path(m, prefix));
                assertThat(MerkleVerifier.verifyInclusion(m, n, Rfc9162.leafHash(all.get(m)), proof, root))
                        .as("leaf %d of %d", m, n).isTrue();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(300 * 301 / 2);
    }

    @Test
    void everyConsistencyProofBetweenTreesUpTo130LeavesAndFromEverySizeTo300IsTheRfcProofAndVerifies() {
        List<byte[]> all = leaves(300);
        MerkleTree tree = new MerkleTree(InMemoryNodes.of(all));
        List<byte[]> roots = new ArrayList<>();
        for (int n = 0; n <= all.size(); n++) {
            roots.add(tree.rootHash(n));
        }
        for (int n = 1; n <= 300; n++) {
            for (int m = 0; m <= n; m++) {
                if (n > 130 && n != 300 && n != 256 && n != 257) {
                    continue;
                }
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertSameHashes(proof, ReferenceMerkle.proof(m, all.subList(0, n)));
                assertThat(MerkleVerifier.verifyConsistency(m, n, roots.get(m), roots.get(n), proof))
                        .as("%d to %d", m, n).isTrue();
            }
        }
    }

    @Test
    void anInclusionWithItsLeafAndRootIsOneReadAndEqualsTheSeparateAnswers() {
        List<byte[]> all = leaves(300);
        InMemoryNodes store = InMemoryNodes.of(all);
        MerkleTree tree = new MerkleTree(store);
        for (int n : new int[] {1, 2, 3, 7, 64, 65, 255, 256, 257, 300}) {
            for (int m = 0; m < n; m++) {
                int reads = store.reads;
                MerkleTree.Inclusion inclusion = tree.inclusion(m, n);
                assertThat(store.reads - reads).as("reads for leaf %d of %d", m, n).isEqualTo(1);
                assertThat(inclusion.leafHash()).isEqualTo(Rfc9162.leafHash(all.get(m)));
                assertThat(inclusion.rootHash()).isEqualTo(ReferenceMerkle.mth(all.subList(0, n)));
                assertSameHashes(inclusion.path(), ReferenceMerkle.path(m, all.subList(0, n)));
            }
        }
        assertThatThrownBy(() -> tree.inclusion(300, 300)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConsistencyWithBothRootsIsOneReadAndEqualsTheSeparateAnswers() {
        List<byte[]> all = leaves(300);
        InMemoryNodes store = InMemoryNodes.of(all);
        MerkleTree tree = new MerkleTree(store);
        for (int n : new int[] {0, 1, 2, 3, 7, 64, 65, 256, 257, 300}) {
            for (int m = 0; m <= n; m++) {
                int reads = store.reads;
                MerkleTree.Consistency consistency = tree.consistency(m, n);
                assertThat(store.reads - reads).as("reads from %d to %d", m, n).isLessThanOrEqualTo(1);
                assertThat(consistency.firstRoot()).isEqualTo(ReferenceMerkle.mth(all.subList(0, m)));
                assertThat(consistency.secondRoot()).isEqualTo(ReferenceMerkle.mth(all.subList(0, n)));
                assertSameHashes(consistency.proof(), ReferenceMerkle.proof(m, all.subList(0, n)));
            }
        }
        assertThatThrownBy(() -> tree.consistency(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySingleBitFlippedInAnInclusionProofIsRefused() {
        List<byte[]> all = leaves(64);
        MerkleTree tree = new MerkleTree(InMemoryNodes.of(all));
        long flips = 0;
        for (int n = 1; n <= all.size(); n++) {
            byte[] root = tree.rootHash(n);
            for (int m = 0; m < n; m++) {
                byte[] leaf = Rfc9162.leafHash(all.get(m));
                List<byte[]> proof = tree.inclusionProof(m, n);
                for (int element = 0; element < proof.size(); element++) {
                    for (int bit = 0; bit < 256; bit++) {
                        List<byte[]> flipped = flip(proof, element, bit);
                        assertThat(MerkleVerifier.verifyInclusion(m, n, leaf, flipped, root))
                                .as("leaf %d of %d, proof[%d] bit %d", m, n, element, bit).isFalse();
                        flips++;
                    }
                }
                for (int bit = 0; bit < 256; bit++) {
                    assertThat(MerkleVerifier.verifyInclusion(m, n, flipBit(leaf, bit), proof, root)).isFalse();
                    assertThat(MerkleVerifier.verifyInclusion(m, n, leaf, proof, flipBit(root, bit))).isFalse();
                }
            }
        }
        assertThat(flips).isGreaterThan(500_000);
    }

    @Test
    void everySingleBitFlippedInAConsistencyProofIsRefused() {
        List<byte[]> all = leaves(48);
        MerkleTree tree = new MerkleTree(InMemoryNodes.of(all));
        long flips = 0;
        for (int n = 2; n <= all.size(); n++) {
            for (int m = 1; m < n; m++) {
                byte[] first = tree.rootHash(m);
                byte[] second = tree.rootHash(n);
                List<byte[]> proof = tree.consistencyProof(m, n);
                for (int element = 0; element < proof.size(); element++) {
                    for (int bit = 0; bit < 256; bit++) {
                        assertThat(MerkleVerifier.verifyConsistency(m, n, first, second, flip(proof, element, bit)))
                                .as("%d to %d, proof[%d] bit %d", m, n, element, bit).isFalse();
                        flips++;
                    }
                }
                for (int bit = 0; bit < 256; bit++) {
                    assertThat(MerkleVerifier.verifyConsistency(m, n, flipBit(first, bit), second, proof)).isFalse();
                    assertThat(MerkleVerifier.verifyConsistency(m, n, first, flipBit(second, bit), proof)).isFalse();
                }
            }
        }
        assertThat(flips).isGreaterThan(400_000);
    }

    @Test
    void proofsWithAWrongIndexSizeOrShapeAreRefused() {
        List<byte[]> all = leaves(21);
        MerkleTree tree = new MerkleTree(InMemoryNodes.of(all));
        byte[] root = tree.rootHash(21);
        byte[] leaf = Rfc9162.leafHash(all.get(6));
        List<byte[]> proof = tree.inclusionProof(6, 21);
        assertThat(MerkleVerifier.verifyInclusion(6, 21, leaf, proof, root)).isTrue();
        assertThat(MerkleVerifier.verifyInclusion(5, 21, leaf, proof, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(7, 21, leaf, proof, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(6, 42, leaf, proof, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(6, 10, leaf, proof, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(21, 21, leaf, proof, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(6, 21, leaf, proof.subList(0, proof.size() - 1), root)).isFalse();
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(root);
        assertThat(MerkleVerifier.verifyInclusion(6, 21, leaf, longer, root)).isFalse();
        List<byte[]> shortHash = new ArrayList<>(proof);
        shortHash.set(0, new byte[31]);
        assertThat(MerkleVerifier.verifyInclusion(6, 21, leaf, shortHash, root)).isFalse();

        List<byte[]> consistency = tree.consistencyProof(6, 21);
        byte[] six = tree.rootHash(6);
        assertThat(MerkleVerifier.verifyConsistency(6, 21, six, root, consistency)).isTrue();
        assertThat(MerkleVerifier.verifyConsistency(21, 6, root, six, consistency)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(6, 21, root, six, consistency)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(6, 21, six, root, List.of())).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(5, 21, six, root, consistency)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(6, 42, six, root, consistency)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(6, 10, six, root, consistency)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(21, 21, root, root, List.of())).isTrue();
        assertThat(MerkleVerifier.verifyConsistency(21, 21, root, six, List.of())).isFalse();
        assertThatThrownBy(() -> tree.inclusionProof(21, 21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(22, 21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.rootHash(22)).isInstanceOf(MerkleTree.MissingNodeException.class);
    }

    @Test
    void aRootOrProofIsOneBatchedReadOfAtMostTwoNodesPerLevelAtAnySize() {
        long size = 10_000_000_000_003L;
        List<Integer> batch = new ArrayList<>();
        MerkleTree tree = new MerkleTree(ids -> {
            batch.add(ids.size());
            Map<NodeId, byte[]> out = new HashMap<>();
            ids.forEach(id -> out.put(id, Rfc9162.leafHash((id.level() + ":" + id.index()).getBytes())));
            return out;
        });
        int levels = 64 - Long.numberOfLeadingZeros(size);
        tree.rootHash(size);
        tree.inclusionProof(size / 3, size);
        tree.inclusionProof(size - 1, size);
        tree.consistencyProof(size / 2 + 7, size);
        assertThat(batch).hasSize(4).allSatisfy(nodes -> assertThat(nodes).isLessThanOrEqualTo(2 * levels));
    }

    private static List<byte[]> flip(List<byte[]> proof, int element, int bit) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(element, flipBit(proof.get(element), bit));
        return copy;
    }

    private static byte[] flipBit(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
