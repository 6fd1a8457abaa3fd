package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.platform.audit.merkle.MerkleVerifier;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.provisionrecords.provision.BatchInclusion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Merkle tree a batch's audit entry commits its rows to (issue 13 item 1): RFC 9162 §2.1 over the rows
 * {@code "<id> <contentSha256>\n"} in id order. Golden vectors: the reference implementation's
 * ({@code transparency-dev/merkle} {@code testonly/constants.go} and {@code proof/verify_test.go}, as data, the same
 * the log's own {@code MerkleTreeTest} uses) and, for the rows' encoding, roots and audit paths computed by
 * platform/audit's {@code ReferenceMerkle} (the RFC's recursive definitions transcribed literally) over seven fixed
 * rows, cross-checked with an independent Python transcription.
 */
class BatchTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    /** transparency-dev/merkle testonly.LeafInputs(). */
    private static final List<String> REFERENCE_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** transparency-dev/merkle testonly.RootHashes(), sizes 1..8. */
    private static final List<String> REFERENCE_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** ReferenceMerkle.mth over the first n of the seven rows, n = 1..7 (base64, as entries record it). */
    private static final List<String> ROW_ROOTS = List.of(
            "2caZCRFUbds51kjpBuA2PIZbM+vBraCUARSnUf2kdfc=",
            "Yxm5cjZFBbhp5NwYe+baTn6v7v/FfnYdnl2Jai8BoeM=",
            "apFb3WQkWnl/xu/qKVIYvYtF1aIqwAT2fD+8H3fWpBk=",
            "CgrXlRNE3NIMqlqKUHKiA+tByFO6VsoHqtREzkyPXeQ=",
            "X8ahGJZnYXs/cJe/vcAKsyqpVhxV58PBJorpRrbuNz0=",
            "Zh7d1UhTazQnlUBihyHKGO4Kh/etvWopFtNyajOPmIY=",
            "3Fer5NxS3m/o0WUz9yt27lGM5X3ErCBeeWddNRNmd50=");

    /** ReferenceMerkle.path(m, rows) for every row m of the seven. */
    private static final List<List<String>> ROW_PATHS = List.of(
            List.of("o73ijS48n6RmESyPvBbGxX6EbBGf327cXAZunXK5PB0=", "5ZdOoZU1mEBk7q1xlPXUejUdWE2Kz8/ZBvuAt6KP38M=",
                    "nN+rZyGHEwVw7kUbr5dpeeyizo8u9AS7+ZiQEGIch24="),
            List.of("2caZCRFUbds51kjpBuA2PIZbM+vBraCUARSnUf2kdfc=", "5ZdOoZU1mEBk7q1xlPXUejUdWE2Kz8/ZBvuAt6KP38M=",
                    "nN+rZyGHEwVw7kUbr5dpeeyizo8u9AS7+ZiQEGIch24="),
            List.of("B1NkdIU2KraxVgR2KVWaXK04K90OIlTgWHL37AO/4bs=", "Yxm5cjZFBbhp5NwYe+baTn6v7v/FfnYdnl2Jai8BoeM=",
                    "nN+rZyGHEwVw7kUbr5dpeeyizo8u9AS7+ZiQEGIch24="),
            List.of("oTMZXHiosFdD5kTT1nONtrlqXlj7Beg/A56qIZaqFAU=", "Yxm5cjZFBbhp5NwYe+baTn6v7v/FfnYdnl2Jai8BoeM=",
                    "nN+rZyGHEwVw7kUbr5dpeeyizo8u9AS7+ZiQEGIch24="),
            List.of("J9hN2SQATkcBLpyPJzQz+ozmQovKnrKRt5XsWSCxyMo=", "4aga1hpvbkiIZKDUkNvOhACcRRPf2+7Sdp/jmwngfX0=",
                    "CgrXlRNE3NIMqlqKUHKiA+tByFO6VsoHqtREzkyPXeQ="),
            List.of("UoRQdNO7TpKBgvSAdYj1tR/8G+3HC7eCV91x+xKfj+E=", "4aga1hpvbkiIZKDUkNvOhACcRRPf2+7Sdp/jmwngfX0=",
                    "CgrXlRNE3NIMqlqKUHKiA+tByFO6VsoHqtREzkyPXeQ="),
            List.of("fQ7FehTJp/o973mnYyUJQiXfVTCROhGu6SAz4iVThlo=", "CgrXlRNE3NIMqlqKUHKiA+tByFO6VsoHqtREzkyPXeQ="));

    /** Row i: id 01a2467d-c3e0-7000-8000-00000000000i, contentSha256 = SHA-256("row i") in hex. */
    private static UUID id(int i) {
        return UUID.fromString(String.format("01a2467d-c3e0-7000-8000-%012x", i));
    }

    private static String contentSha256(int i) {
        return sha256Hex(("row " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static BatchTree rows(int n) {
        BatchTree tree = BatchTree.withProofs();
        for (int i = 0; i < n; i++) {
            tree.add(id(i), contentSha256(i));
        }
        return tree;
    }

    @Test
    void theTreeOverTheReferenceLeavesHasTheReferenceRootsAndProofs() {
        BatchTree tree = BatchTree.withProofs();
        for (int n = 1; n <= REFERENCE_LEAVES.size(); n++) {
            tree.append(HEX.parseHex(REFERENCE_LEAVES.get(n - 1)));
            assertThat(HEX.formatHex(tree.root())).as("size %d", n).isEqualTo(REFERENCE_ROOTS.get(n - 1));
        }
        // proof/verify_test.go inclusionProofs, leaf 1 and leaf 6 of 8 (1-based)
        assertThat(tree.inclusion(0).stream().map(HEX::formatHex).toList()).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(tree.inclusion(5).stream().map(HEX::formatHex).toList()).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void aRowIsTheAsciiLineOfItsIdAndContentHash() {
        byte[] row = RecordContent.row(id(3), contentSha256(3));
        assertThat(new String(row, StandardCharsets.US_ASCII)).isEqualTo(
                "01a2467d-c3e0-7000-8000-000000000003 "
                        + "bb858e06516117b563ef929766e61ee93586a94d89312442c7259dad2e3c3a02\n");
        assertThat(row).hasSize(102);
    }

    @Test
    void theRootsAndProofsOfTheRowsAreTheReferenceMerkleOnes() {
        for (int n = 1; n <= 7; n++) {
            assertThat(rows(n).rootBase64()).as("root of %d rows", n).isEqualTo(ROW_ROOTS.get(n - 1));
            BatchTree rootOnly = BatchTree.rootOnly();
            for (int i = 0; i < n; i++) {
                rootOnly.add(id(i), contentSha256(i));
            }
            assertThat(rootOnly.rootBase64()).isEqualTo(ROW_ROOTS.get(n - 1));
        }
        BatchTree seven = rows(7);
        for (int m = 0; m < 7; m++) {
            BatchInclusion inclusion = seven.inclusion(id(m));
            assertThat(inclusion.index()).isEqualTo(m);
            assertThat(inclusion.size()).isEqualTo(7);
            assertThat(inclusion.hashes()).as("path of row %d", m).containsExactlyElementsOf(ROW_PATHS.get(m));
        }
    }

    @Test
    void everyRowOfEveryBatchUpTo130RowsIsProvenIntoItsRootAndNoOtherRowIs() {
        int checked = 0;
        for (int n = 1; n <= 130; n++) {
            BatchTree tree = rows(n);
            byte[] root = tree.root();
            for (int m = 0; m < n; m++) {
                BatchInclusion inclusion = tree.inclusion(id(m));
                List<byte[]> proof = inclusion.hashes().stream().map(Base64.getDecoder()::decode).toList();
                assertThat(MerkleVerifier.verifyInclusion(m, n, Rfc9162.leafHash(RecordContent.row(id(m),
                        contentSha256(m))), proof, root)).as("row %d of %d", m, n).isTrue();
                assertThat(MerkleVerifier.verifyInclusion(m, n, Rfc9162.leafHash(RecordContent.row(id(m),
                        contentSha256(m + 1))), proof, root)).as("row %d of %d, another content", m, n).isFalse();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(130 * 131 / 2);
    }

    @Test
    void everySingleBitFlippedInABatchProofIsRefused() {
        BatchTree tree = rows(7);
        byte[] root = tree.root();
        int refused = 0;
        for (int m = 0; m < 7; m++) {
            byte[] leaf = Rfc9162.leafHash(RecordContent.row(id(m), contentSha256(m)));
            List<byte[]> proof = tree.inclusion(m);
            for (int h = 0; h < proof.size(); h++) {
                for (int bit = 0; bit < 256; bit++) {
                    List<byte[]> flipped = new ArrayList<>(proof);
                    byte[] hash = proof.get(h).clone();
                    hash[bit / 8] ^= (byte) (1 << (bit % 8));
                    flipped.set(h, hash);
                    assertThat(MerkleVerifier.verifyInclusion(m, 7, leaf, flipped, root)).isFalse();
                    refused++;
                }
            }
            // the size is not free: the batch's entry records it (count), and the verifiers hold the proof to it
            for (int bit = 0; bit < 63; bit++) {
                assertThat(MerkleVerifier.verifyInclusion(m ^ (1L << bit), 7, leaf, proof, root)).isFalse();
                refused++;
            }
        }
        assertThat(refused).isEqualTo(20 * 256 + 7 * 63);
    }

    @Test
    void theFlatDigestOfEarlierBatchEntriesIsUnchanged() {
        MessageDigest flat = RecordContent.rowsDigest();
        for (int i = 0; i < 7; i++) {
            RecordContent.addRow(flat, id(i), contentSha256(i));
        }
        assertThat(HEX.formatHex(flat.digest()))
                .isEqualTo("c27613eccf69494994ee307220c97acd1144f315e0f3c94c9928ef3bd0e48f6e");
        assertThat(rows(7).lines()).hasSize(7).first().isEqualTo(id(0) + " " + contentSha256(0));
    }

    @Test
    void aRootOnlyTreeAnswersNoProofsAndAStrangerHasNone() {
        BatchTree rootOnly = BatchTree.rootOnly();
        rootOnly.add(id(0), contentSha256(0));
        assertThatThrownBy(() -> rootOnly.inclusion(id(0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rows(3).inclusion(id(5))).isInstanceOf(IllegalArgumentException.class);
        assertThat(B64.encodeToString(rows(1).root())).isEqualTo(ROW_ROOTS.get(0));
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
