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
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline verifier on a real disclosure and its receipts, as the provision-records service produced them
 * (DisclosureReceiptsTest writes them; copied under src/test/resources/receipts with the test profile's key): the
 * untouched pair is valid, and each kind of tampering is reported as what it is, with exit status 1.
 */
class OfflineVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String key;
    private static JsonNode disclosure;
    private static JsonNode receipts;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTheServicesOutput() throws IOException {
        key = resource("verifier-key.txt").trim();
        disclosure = JSON.readTree(resource("disclosure.json"));
        receipts = JSON.readTree(resource("receipts.json"));
    }

    @Test
    void aDisclosureWithItsReceiptsIsValidRecordByRecord() throws IOException {
        Run run = run(disclosure, receipts, "--key", key);
        assertThat(run.status()).as(run.out()).isEqualTo(0);
        assertThat(run.out().lines().filter(l -> l.startsWith("VALID   "))).hasSize(3);
        assertThat(run.out()).contains("VALID: all 3 records are in the signed log", "(a batch of 3)");
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
    void aChangedContentNoLongerMatchesTheLeaf() throws IOException {
        for (int i = 0; i < 3; i++) {
            Run run = run(disclosure, receipt(i, r -> r.put("content", r.path("content").asText()
                    .replaceFirst("\"retainUntil\":\"[0-9-]+\"", "\"retainUntil\":\"2099-12-31\""))), "--key", key);
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains("leaf-mismatch");
        }
    }

    @Test
    void aRowAddedToABatchIsReported() throws IOException {
        int batched = indexOf(r -> r.has("batchRows"));
        Run run = run(disclosure, receipt(batched, r -> ((ArrayNode) r.path("batchRows"))
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
        ReceiptVerifier verifier = new ReceiptVerifier(java.util.List.of(VerifierKey.parse(key)));
        int tried = 0;
        for (int i = 0; i < 3; i++) {
            for (String field : java.util.List.of("proof", "content", "event")) {
                byte[] bytes = receipts.path("receipts").get(i).path(field).asText().getBytes(StandardCharsets.UTF_8);
                for (int bit = 0; bit < bytes.length * 8; bit++) {
                    byte[] flipped = bytes.clone();
                    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                    String text = new String(flipped, StandardCharsets.UTF_8);
                    if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), flipped)) {
                        continue; // no longer UTF-8: no JSON document can carry it
                    }
                    int index = i;
                    JsonNode changed = receipt(index, r -> r.put(field, text));
                    String id = receipts.path("receipts").get(index).path("recordId").asText();
                    assertThat(verifier.verify(disclosure, changed).stream()
                            .filter(v -> v.recordId().equals(id)).findFirst().orElseThrow().isValid())
                            .as("%s of receipt %d with bit %d flipped", field, index, bit).isFalse();
                    tried++;
                }
            }
        }
        assertThat(tried).isGreaterThan(10_000);
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
        ObjectNode copy = receipts.deepCopy();
        change.accept((ObjectNode) copy.path("receipts").get(index));
        return copy;
    }

    private static int indexOf(java.util.function.Predicate<JsonNode> test) {
        for (int i = 0; i < receipts.path("receipts").size(); i++) {
            if (test.test(receipts.path("receipts").get(i))) {
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
