package dev.kiroku.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The offline verifier on real disclosures and their receipts, as the provision-records service produced them
 * (DisclosureReceiptsTest writes them to provision-records/target/receipts in a run of the provision-records suite;
 * copied under src/test/resources/receipts with the test profile's key): one record made alone and two of a batch,
 * whose receipts are two proofs each (the row in the batch's Merkle tree, the batch's leaf in the log); and, under
 * receipts/flat-batch, the same kind of disclosure as the service produced it before batch entries had a Merkle root
 * (its batched records' receipts carry all of the batch's rows). The untouched pairs are valid, each kind of tampering
 * is reported as what it is, with exit status 1, and the Node.js verifier written independently agrees.
 */
class OfflineVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE_VERIFIER = Path.of("src/test/node/verify-receipts.mjs");
    private static String key;
    private static JsonNode disclosure;
    private static JsonNode receipts;
    private static JsonNode flatDisclosure;
    private static JsonNode flatReceipts;
    private static ReceiptVerifier verifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTheServicesOutput() throws IOException {
        key = resource("verifier-key.txt").trim();
        disclosure = JSON.readTree(resource("disclosure.json"));
        receipts = JSON.readTree(resource("receipts.json"));
        flatDisclosure = JSON.readTree(resource("flat-batch/disclosure.json"));
        flatReceipts = JSON.readTree(resource("flat-batch/receipts.json"));
        verifier = new ReceiptVerifier(List.of(VerifierKey.parse(key)));
    }

    @Test
    void aDisclosureWithItsReceiptsIsValidRecordByRecord() throws IOException {
        Run run = run(disclosure, receipts, "--key", key);
        assertThat(run.status()).as(run.out()).isEqualTo(0);
        assertThat(run.out().lines().filter(l -> l.startsWith("VALID   "))).hasSize(3);
        assertThat(run.out().lines().filter(l -> l.matches("VALID   .*, row [0-2] of a batch of 3"))).hasSize(2);
        assertThat(run.out()).contains("VALID: all 3 records are in the signed log");
        assertThat(receipts.findValues("batchInclusion")).hasSize(2);
        assertThat(receipts.findValues("batchRows")).isEmpty();
    }

    @Test
    void aDisclosureWhoseBatchIsOfTheEarlierFlatFormIsStillValid() throws IOException {
        Run run = run(flatDisclosure, flatReceipts, "--key", key);
        assertThat(run.status()).as(run.out()).isEqualTo(0);
        assertThat(run.out().lines().filter(l -> l.endsWith("(a batch of 3, its rows given)"))).hasSize(2);
        assertThat(run.out()).contains("VALID: all 3 records are in the signed log");
    }

    @Test
    void aDisclosedFactThatDiffersFromTheLoggedOneIsReported() throws IOException {
        ObjectNode changed = disclosure.deepCopy();
        ((ObjectNode) changed.path("records").get(0).path("counterparty")).put("name", "株式会社別会社");
        Run run = run(changed, receipts, "--key", key);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("facts-differ: 'counterparty'").contains("INVALID: 1 of 3");
    }

    @Test
    void aRecordWithoutAReceiptIsReported() throws IOException {
        ObjectNode fewer = receipts.deepCopy();
        ((ArrayNode) fewer.path("receipts")).remove(1);
        Run run = run(disclosure, fewer, "--key", key);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("no-receipt");
    }

    @Test
    void aChangedEventNoLongerHashesToTheContent() throws IOException {
        Run run = run(disclosure, receipt(0, r -> r.put("event", r.path("event").asText().replace("\"PROVIDED\"",
                "\"RECEIVED\""))), "--key", key);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).containsAnyOf("content-mismatch: SHA-256 of the event", "facts-differ: 'direction'");
    }

    @Test
    void aChangedContentNoLongerMatchesTheLeafOrItsBatchsRoot() throws IOException {
        for (int i = 0; i < 3; i++) {
            Run run = run(disclosure, receipt(i, r -> r.put("content", r.path("content").asText()
                    .replaceFirst("\"retainUntil\":\"[0-9-]+\"", "\"retainUntil\":\"2099-12-31\""))), "--key", key);
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains(receipts.path("receipts").get(i).has("batchInclusion")
                    ? "batch-proof-does-not-reach-root: the record's row" : "leaf-mismatch");
        }
    }

    @Test
    void aChangedHashOfABatchProofDoesNotReachTheBatchsRoot() throws IOException {
        int batched = indexOf(r -> r.has("batchInclusion"));
        Run run = run(disclosure, receipt(batched, r -> ((ArrayNode) r.path("batchInclusion").path("hashes"))
                .set(0, Base64.getEncoder().encodeToString(new byte[32]))), "--key", key);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("batch-proof-does-not-reach-root: the record's row",
                "does not lead up the batch proof to the Merkle root of the 3 rows");
    }

    @Test
    void aBatchProofOfAnotherRowOrAnotherSizeIsRefused() throws IOException {
        int batched = indexOf(r -> r.has("batchInclusion"));
        long index = receipts.path("receipts").get(batched).path("batchInclusion").path("index").asLong();
        Run otherRow = run(disclosure, receipt(batched, r -> ((ObjectNode) r.path("batchInclusion"))
                .put("index", (index + 1) % 3)), "--key", key);
        assertThat(otherRow.out()).contains("batch-proof-does-not-reach-root");
        Run otherSize = run(disclosure, receipt(batched, r -> ((ObjectNode) r.path("batchInclusion"))
                .put("size", 4)), "--key", key);
        assertThat(otherSize.out()).contains("leaf-mismatch: the batch proof is for a batch of 4 rows, but the "
                + "batch's leaf");
        Run notANumber = run(disclosure, receipt(batched, r -> ((ObjectNode) r.path("batchInclusion"))
                .put("index", "1")), "--key", key);
        assertThat(notANumber.out()).contains("malformed: the batch proof is not an index, a size and a list of "
                + "hashes");
        Run notAHash = run(disclosure, receipt(batched, r -> ((ArrayNode) r.path("batchInclusion").path("hashes"))
                .set(0, "AAAA")), "--key", key);
        assertThat(notAHash.out()).contains("malformed: batch proof hash 1 is not the base64 of a hash");
        assertThat(otherRow.status()).isEqualTo(1);
    }

    @Test
    void aBatchedRecordIsNotProvenWithoutItsBatchProofNorByRowsOrAProofOfTheOtherForm() throws IOException {
        int batched = indexOf(r -> r.has("batchInclusion"));
        Run none = run(disclosure, receipt(batched, r -> r.remove("batchInclusion")), "--key", key);
        assertThat(none.out()).contains("leaf-mismatch: the leaf (entry ", "is a batch of 3 records, and the receipt "
                + "gives no proof of the record in it");
        JsonNode rows = flatReceipts.findValue("batchRows");
        Run byRows = run(disclosure, receipt(batched, r -> {
            r.remove("batchInclusion");
            r.set("batchRows", rows);
        }), "--key", key);
        assertThat(byRows.out()).contains("leaf-mismatch: the receipt gives batch rows but the batch's leaf",
                "holds a Merkle root");
        JsonNode inclusion = receipts.findValue("batchInclusion");
        int flat = indexOf(flatReceipts, r -> r.has("batchRows"));
        Run proofForFlat = run(flatDisclosure, receipt(flatReceipts, flat, r -> r.set("batchInclusion", inclusion)),
                "--key", key);
        assertThat(proofForFlat.out()).contains("leaf-mismatch: the receipt gives a batch proof but the batch's "
                + "leaf", "it is of the earlier flat form, proven by its batchRows");
        int single = indexOf(r -> !r.has("batchInclusion"));
        Run proofForSingle = run(disclosure, receipt(single, r -> r.set("batchInclusion", inclusion)), "--key", key);
        assertThat(proofForSingle.out()).contains("leaf-mismatch: the receipt gives a batch proof but the leaf",
                "is a 'provision.recorded' entry");
        assertThat(none.status()).isEqualTo(1);
    }

    @Test
    void aRowAddedToABatchOfTheFlatFormIsReported() throws IOException {
        int batched = indexOf(flatReceipts, r -> r.has("batchRows"));
        Run run = run(flatDisclosure, receipt(flatReceipts, batched, r -> ((ArrayNode) r.path("batchRows"))
                .add("01a24650-0000-7000-8000-000000000000 " + "0".repeat(64))), "--key", key);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("leaf-mismatch: the batch rows are not the rows the leaf recorded");
    }

    @Test
    void aChangedProofHashOrLeafDoesNotReachTheRoot() throws IOException {
        int withPath = indexOf(r -> r.path("proof").asText().split("\n\n")[0].lines().count() > 3);
        Run hash = run(disclosure, receipt(withPath, r -> r.put("proof", replaceLine(r.path("proof").asText(), 3,
                Base64.getEncoder().encodeToString(new byte[32])))), "--key", key);
        assertThat(hash.out()).contains("proof-does-not-reach-root");
        Run leaf = run(disclosure, receipt(0, r -> r.put("proof", replaceLine(r.path("proof").asText(), 1,
                "extra " + Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))))), "--key", key);
        assertThat(leaf.out()).contains("proof-does-not-reach-root");
        assertThat(hash.status()).isEqualTo(1);
    }

    @Test
    void aChangedCheckpointOrSignatureDoesNotVerify() throws IOException {
        String proof = receipts.path("receipts").get(0).path("proof").asText();
        String[] lines = proof.split("\n", -1);
        int rootLine = Arrays.asList(lines).indexOf("") + 3;
        Run root = run(disclosure, receipt(0, r -> r.put("proof", replaceLine(proof, rootLine,
                Base64.getEncoder().encodeToString(new byte[32])))), "--key", key);
        assertThat(root.out()).contains("bad-signature");
        String signature = lines[lines.length - 2];
        String forged = signature.substring(0, signature.length() - 6) + (signature.endsWith("AAAA==") ? "AQAA==" : "AAAA==");
        Run sig = run(disclosure, receipt(0, r -> r.put("proof", replaceLine(proof, lines.length - 2, forged))),
                "--key", key);
        assertThat(sig.out()).contains("bad-signature");
        assertThat(sig.status()).isEqualTo(1);
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsUnknown() throws IOException, NoSuchAlgorithmException {
        byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        String other = VerifierKey.text("kiroku.localhost/provision-records",
                Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        Run run = run(disclosure, receipts, "--key", other);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("unknown-key: the checkpoint is signed by none of the keys given");
    }

    @Test
    void aVerifierKeyWhoseBase64HoldsAPlusIsRead() throws NoSuchAlgorithmException {
        KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
        String text;
        do {
            byte[] spki = ed25519.generateKeyPair().getPublic().getEncoded();
            text = VerifierKey.text("log.example/a", Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        } while (text.chars().filter(c -> c == '+').count() < 3);
        assertThat(VerifierKey.parse(text).name()).isEqualTo("log.example/a");
    }

    @Test
    void everySingleBitFlippedInAnyReceiptIsRefused() throws IOException {
        int tried = 0;
        for (JsonNode[] pair : List.of(new JsonNode[] {disclosure, receipts},
                new JsonNode[] {flatDisclosure, flatReceipts})) {
            for (int i = 0; i < 3; i++) {
                for (String field : List.of("proof", "content", "event")) {
                    byte[] bytes = pair[1].path("receipts").get(i).path(field).asText()
                            .getBytes(StandardCharsets.UTF_8);
                    for (int bit = 0; bit < bytes.length * 8; bit++) {
                        byte[] flipped = bytes.clone();
                        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                        String text = new String(flipped, StandardCharsets.UTF_8);
                        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), flipped)) {
                            continue; // no longer UTF-8: no JSON document can carry it
                        }
                        assertRefused(pair[0], receipt(pair[1], i, r -> r.put(field, text)), i,
                                field + " with bit " + bit + " flipped");
                        tried++;
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(20_000);
    }

    @Test
    void everySingleBitFlippedInABatchProofIsRefused() throws IOException {
        int tried = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode inclusion = receipts.path("receipts").get(i).path("batchInclusion");
            if (inclusion.isMissingNode()) {
                continue;
            }
            int index = i;
            // every bit of every hash, of the index and of the size
            for (int h = 0; h < inclusion.path("hashes").size(); h++) {
                byte[] hash = Base64.getDecoder().decode(inclusion.path("hashes").get(h).asText());
                for (int bit = 0; bit < hash.length * 8; bit++) {
                    byte[] flipped = hash.clone();
                    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                    int at = h;
                    assertRefused(disclosure, receipt(index, r -> ((ArrayNode) r.path("batchInclusion")
                            .path("hashes")).set(at, Base64.getEncoder().encodeToString(flipped))), i,
                            "hash " + h + " bit " + bit);
                    tried++;
                }
            }
            for (String number : List.of("index", "size")) {
                for (int bit = 0; bit < 64; bit++) {
                    long flipped = inclusion.path(number).asLong() ^ (1L << bit);
                    assertRefused(disclosure, receipt(index, r -> ((ObjectNode) r.path("batchInclusion"))
                            .put(number, flipped)), i, number + " bit " + bit);
                    tried++;
                }
            }
            // and every bit of its JSON text that still reads as JSON
            byte[] text = inclusion.toString().getBytes(StandardCharsets.UTF_8);
            for (int bit = 0; bit < text.length * 8; bit++) {
                byte[] flipped = text.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                JsonNode changed;
                try {
                    changed = JSON.readTree(new String(flipped, StandardCharsets.UTF_8));
                } catch (IOException notJson) {
                    continue; // no receipt can carry it
                }
                if (changed == null || !Arrays.equals(new String(flipped, StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8), flipped)) {
                    continue;
                }
                assertRefused(disclosure, receipt(index, r -> r.set("batchInclusion", changed)), i,
                        "text bit " + bit);
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(2 * (2 * 256 + 128));
    }

    @Test
    void theNodeVerifierWrittenIndependentlyAgrees() throws IOException, InterruptedException {
        requireNode();
        Node both = node(disclosure, receipts);
        assertThat(both.status()).as(both.out()).isZero();
        assertThat(both.out()).contains("\"ok\":true", "\"valid\":3", "\"batchProofs\":2")
                .containsPattern("\"bitFlipsRefused\":[1-9][0-9]{2,}");
        assertThat(both.out().lines().filter(l -> l.matches("VALID   .*, row [0-2] of a batch of 3"))).hasSize(2);
        Node flat = node(flatDisclosure, flatReceipts);
        assertThat(flat.status()).as(flat.out()).isZero();
        assertThat(flat.out()).contains("\"ok\":true", "\"flatBatches\":2");

        int batched = indexOf(r -> r.has("batchInclusion"));
        Node changed = node(disclosure, receipt(batched, r -> ((ArrayNode) r.path("batchInclusion").path("hashes"))
                .set(0, Base64.getEncoder().encodeToString(new byte[32]))));
        assertThat(changed.status()).isEqualTo(1);
        assertThat(changed.out()).contains("batch-proof-does-not-reach-root", "\"ok\":false");
        Node facts = node(disclosure, receipts, "株式会社バッチ商事", "株式会社別会社");
        assertThat(facts.out()).contains("facts-differ: 'counterparty'");
        Node other = node(disclosure, receipts, "--key", otherKey());
        assertThat(other.out()).contains("unknown-key");
        assertThat(node(disclosure, receipts, "--key", "not-a-key").status()).isEqualTo(2);
    }

    @Test
    void unusableInputExitsWithTwo() throws IOException {
        assertThat(run(disclosure, receipts).status()).isEqualTo(2);
        assertThat(run(disclosure, receipts, "--key", "not-a-key").status()).isEqualTo(2);
        assertThat(run(disclosure, receipts, "--key", key.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+")).status())
                .isEqualTo(2);
        Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"records\": [");
        assertThat(Main.run(new String[] {"--key", key, notJson.toString(), notJson.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
        assertThat(Main.run(new String[] {"--key", key, dir.resolve("missing.json").toString(),
                        notJson.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }

    record Run(int status, String out) {
    }

    record Node(int status, String out) {
    }

    /** The changed receipt's record, verified alone (the others are untouched), is not valid. */
    private static void assertRefused(JsonNode document, JsonNode changed, int index, String what) {
        JsonNode receipt = changed.path("receipts").get(index);
        String id = receipt.path("recordId").asText();
        ObjectNode one = JSON.createObjectNode();
        for (JsonNode record : document.path("records")) {
            if (record.path("recordId").asText().equals(id)) {
                one.putArray("records").add(record);
            }
        }
        ObjectNode proofs = JSON.createObjectNode();
        proofs.putArray("receipts").add(receipt);
        List<Verdict> verdicts = verifier.verify(one, proofs);
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(0).isValid()).as("receipt %d, %s", index, what).isFalse();
    }

    /** The Node.js verifier on a document and receipts; {@code options} are a --key, or a fact replaced (two texts). */
    private Node node(JsonNode document, JsonNode proofs, String... options) throws IOException, InterruptedException {
        String answerText = document.toString();
        String keyOption = key;
        if (options.length == 2 && options[0].equals("--key")) {
            keyOption = options[1];
        } else if (options.length == 2) {
            answerText = answerText.replace(options[0], options[1]);
        }
        Path answer = Files.writeString(dir.resolve("node-answer.json"), answerText);
        Path receiptFile = Files.writeString(dir.resolve("node-receipts.json"), proofs.toString());
        Process process = new ProcessBuilder("node", NODE_VERIFIER.toAbsolutePath().toString(), "--key", keyOption,
                answer.toString(), receiptFile.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Node(process.exitValue(), out);
    }

    private static String otherKey() {
        try {
            byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            return VerifierKey.text("kiroku.localhost/provision-records",
                    Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireNode() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (version.waitFor() != 0 || !out.matches("v(1[89]|[2-9][0-9])\\..*")) {
                fail("Node.js 18 or newer is needed for the independent verifier (found " + out + "): install it, "
                        + "e.g. apt-get install -y nodejs");
            }
        } catch (IOException e) {
            fail("Node.js is needed for the independent verifier and 'node' is not on the PATH: install it, e.g. "
                    + "apt-get install -y nodejs (.ci/run does this when it is missing)");
        }
    }

    private Run run(JsonNode document, JsonNode proofs, String... options) throws IOException {
        Path answer = Files.writeString(dir.resolve("answer.json"), document.toString());
        Path receiptFile = Files.writeString(dir.resolve("receipts.json"), proofs.toString());
        String[] args = Arrays.copyOf(options, options.length + 2);
        args[options.length] = answer.toString();
        args[options.length + 1] = receiptFile.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode receipt(int index, Consumer<ObjectNode> change) {
        return receipt(receipts, index, change);
    }

    private static JsonNode receipt(JsonNode bundle, int index, Consumer<ObjectNode> change) {
        ObjectNode copy = bundle.deepCopy();
        change.accept((ObjectNode) copy.path("receipts").get(index));
        return copy;
    }

    private static int indexOf(java.util.function.Predicate<JsonNode> test) {
        return indexOf(receipts, test);
    }

    private static int indexOf(JsonNode bundle, java.util.function.Predicate<JsonNode> test) {
        for (int i = 0; i < bundle.path("receipts").size(); i++) {
            if (test.test(bundle.path("receipts").get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("the fixture has no such receipt");
    }

    private static String replaceLine(String text, int line, String with) {
        String[] lines = text.split("\n", -1);
        lines[line] = with;
        return String.join("\n", lines);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OfflineVerifierTest.class.getResourceAsStream("/receipts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
