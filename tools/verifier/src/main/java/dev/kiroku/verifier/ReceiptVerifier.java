package dev.kiroku.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the records of a disclosure answer ({@code {"records": [...]}}) or a regulator export (a JSON array of
 * records) against their receipts and the log's keys, from the outside in:
 * <ol>
 *   <li>the facts the document shows equal the logged event's (the receipt's {@code event});</li>
 *   <li>{@code SHA-256(event)} is the content's {@code eventSha256} and the content is this record's;</li>
 *   <li>the checkpoint is signed by one of the given keys, and its origin is that key's name;</li>
 *   <li>the leaf (the tlog-proof's extra data) hashes up the inclusion proof to the checkpoint's root: the entry is in
 *       the log;</li>
 *   <li>the leaf names the record: a record recorded alone by its {@code contentSha256}; a record of a batch through
 *       the receipt's {@code batchInclusion}, the second proof: its row {@code "<id> <SHA-256(content)>\n"} hashes up
 *       that RFC 9162 proof to the Merkle root the leaf holds ({@code recordsRoot}, of {@code count} rows). A batch
 *       recorded before batches had a Merkle root (its leaf holds a flat {@code recordsSha256}) is proven the earlier
 *       way: the receipt's {@code batchRows} hash to it, and the record's row is among them.</li>
 * </ol>
 * Both proofs of a batched record are checked, the signed root first, so that the reason given is the outermost that
 * fails: a changed leaf does not reach the log's root ({@code proof-does-not-reach-root}); an intact leaf with a
 * changed batch proof does not reach the batch's root ({@code batch-proof-does-not-reach-root}).
 */
final class ReceiptVerifier {

    static final String HEADER = "c2sp.org/tlog-proof@v1";
    private static final String DASH = "\u2014 ";
    private static final String BATCH = "provision.batch-recorded";
    /** What a disclosure answer shows of a record (APPI Art. 33(5), Rule 18 items). */
    private static final List<String> DISCLOSED_FACTS = List.of("direction", "providedOn", "period", "counterparty",
            "dataItems", "otherItems", "legalBasis");
    /** What a regulator export shows of a record, beyond the disclosed facts. */
    private static final List<String> EXPORTED_FACTS = List.of("direction", "providedOn", "period", "counterparty",
            "dataItems", "otherItems", "legalBasis", "clientEventId", "method", "contractRef", "goodsOrServices",
            "consentRef", "acquisitionCircumstances", "ppcPublicationRef", "order11Ground");

    private final ObjectMapper json = new ObjectMapper();
    private final List<VerifierKey> keys;

    ReceiptVerifier(List<VerifierKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** A verdict per record of the document, in its order. */
    List<Verdict> verify(JsonNode document, JsonNode receipts) {
        boolean export = document.isArray();
        JsonNode records = export ? document : document.path("records");
        if (!records.isArray()) {
            throw new IllegalArgumentException("the document is neither a disclosure answer (with records) nor an "
                    + "export (an array of records)");
        }
        Map<String, JsonNode> byRecord = new LinkedHashMap<>();
        receipts.path("receipts").forEach(r -> byRecord.putIfAbsent(r.path("recordId").asText(), r));
        List<Verdict> verdicts = new ArrayList<>();
        for (JsonNode record : records) {
            String id = record.path(export ? "id" : "recordId").asText();
            JsonNode receipt = byRecord.get(id);
            verdicts.add(receipt == null ? Verdict.invalid(id, Verdict.Kind.NO_RECEIPT, "no receipt is given for it")
                    : verify(id, record, receipt, export ? EXPORTED_FACTS : DISCLOSED_FACTS, export));
        }
        return verdicts;
    }

    private Verdict verify(String id, JsonNode record, JsonNode receipt, List<String> shown, boolean export) {
        String eventText = receipt.path("event").asText();
        String contentText = receipt.path("content").asText();
        JsonNode event;
        JsonNode content;
        try {
            event = json.readTree(eventText);
            content = json.readTree(contentText);
        } catch (IOException e) {
            return Verdict.invalid(id, Verdict.Kind.MALFORMED, "the receipt's event or content is not JSON");
        }
        // 1. the facts shown are the facts logged
        for (String field : shown) {
            JsonNode disclosed = orNull(record.get(field));
            JsonNode logged = orNull(event.get(field));
            if (!disclosed.equals(logged)) {
                return Verdict.invalid(id, Verdict.Kind.FACTS_DIFFER, "'" + field + "' is " + disclosed
                        + " in the document but " + logged + " in the logged record");
            }
        }
        // 2. the event and the content are this record's
        String contentSha256 = sha256Hex(contentText);
        if (!id.equals(content.path("id").asText())) {
            return Verdict.invalid(id, Verdict.Kind.CONTENT_MISMATCH, "the receipt's content is of record "
                    + content.path("id").asText());
        }
        if (!sha256Hex(eventText).equals(content.path("eventSha256").asText())) {
            return Verdict.invalid(id, Verdict.Kind.CONTENT_MISMATCH, "SHA-256 of the event is not the content's "
                    + "eventSha256");
        }
        if (export && !contentSha256.equals(record.path("contentSha256").asText())) {
            return Verdict.invalid(id, Verdict.Kind.CONTENT_MISMATCH, "SHA-256 of the content is not the exported "
                    + "contentSha256");
        }
        // 3-4. the tlog-proof: a signed checkpoint, the leaf in it
        Proof proof;
        try {
            proof = Proof.parse(receipt.path("proof").asText());
        } catch (IllegalArgumentException e) {
            return Verdict.invalid(id, Verdict.Kind.MALFORMED, e.getMessage());
        }
        Verdict signature = checkSignature(id, proof);
        if (signature != null) {
            return signature;
        }
        byte[] root = Merkle.rootFromInclusion(proof.index(), proof.size(), Merkle.leafHash(proof.leaf()),
                proof.hashes());
        if (root == null || !MessageDigest.isEqual(root, proof.root())) {
            return Verdict.invalid(id, Verdict.Kind.PROOF_DOES_NOT_REACH_ROOT, "the inclusion proof of leaf "
                    + proof.index() + " does not lead to the root of the checkpoint of size " + proof.size());
        }
        JsonNode entry;
        JsonNode change;
        try {
            entry = json.readTree(proof.leaf());
            change = json.readTree(entry.path("content").asText());
        } catch (IOException e) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the leaf is not the JSON of an audit entry");
        }
        if (entry.path("seq").asLong() != proof.index() + 1) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the leaf is entry " + entry.path("seq")
                    + ", not the entry at index " + proof.index());
        }
        // 5. the leaf names the record: alone, or through its batch
        String where = "leaf " + proof.index() + " in " + proof.origin() + " checkpoint of size " + proof.size();
        if (receipt.has("batchInclusion")) {
            return recordInBatch(id, contentSha256, receipt.path("batchInclusion"), entry, change, where);
        }
        if (receipt.has("batchRows")) {
            return recordAmongRows(id, contentSha256, receipt.path("batchRows"), entry, change, where);
        }
        if (BATCH.equals(entry.path("action").asText())) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the leaf (entry " + entry.path("seq") + ") is a "
                    + "batch of " + change.path("count") + " records, and the receipt gives no proof of the record in "
                    + "it (batchInclusion)");
        }
        if (!id.equals(change.path("id").asText())
                || !contentSha256.equals(change.path("contentSha256").asText())) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the leaf (entry " + entry.path("seq")
                    + ") names record " + change.path("id").asText() + " with content "
                    + change.path("contentSha256").asText() + ", not this record's content " + contentSha256);
        }
        return Verdict.valid(id, where);
    }

    /**
     * The second proof of a record of a batch: its row {@code "<id> <contentSha256>\n"} (ASCII), hashed as an RFC 9162
     * leaf, leads up the batch proof to the Merkle root the batch's leaf recorded, in a tree of the leaf's count.
     */
    private Verdict recordInBatch(String id, String contentSha256, JsonNode inclusion, JsonNode entry, JsonNode change,
            String where) {
        if (!BATCH.equals(entry.path("action").asText())) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the receipt gives a batch proof but the leaf "
                    + "(entry " + entry.path("seq") + ") is a '" + entry.path("action").asText() + "' entry");
        }
        if (!change.has("recordsRoot")) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the receipt gives a batch proof but the batch's "
                    + "leaf (entry " + entry.path("seq") + ") holds no Merkle root (recordsRoot)"
                    + (change.has("recordsSha256") ? ": it is of the earlier flat form, proven by its batchRows" : ""));
        }
        byte[] batchRoot = Base64s.strict(change.path("recordsRoot").asText());
        if (batchRoot == null || batchRoot.length != Merkle.HASH_SIZE) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the batch's leaf (entry " + entry.path("seq")
                    + ") holds a recordsRoot that is not the base64 of a hash");
        }
        JsonNode index = inclusion.path("index");
        JsonNode size = inclusion.path("size");
        JsonNode hashes = inclusion.path("hashes");
        if (!index.isIntegralNumber() || !index.canConvertToLong() || !size.isIntegralNumber()
                || !size.canConvertToLong() || !hashes.isArray()) {
            return Verdict.invalid(id, Verdict.Kind.MALFORMED, "the batch proof is not an index, a size and a list "
                    + "of hashes");
        }
        List<byte[]> path = new ArrayList<>();
        for (JsonNode hash : hashes) {
            byte[] bytes = hash.isTextual() ? Base64s.strict(hash.asText()) : null;
            if (bytes == null || bytes.length != Merkle.HASH_SIZE) {
                return Verdict.invalid(id, Verdict.Kind.MALFORMED, "batch proof hash " + (path.size() + 1)
                        + " is not the base64 of a hash");
            }
            path.add(bytes);
        }
        long count = change.path("count").asLong();
        if (size.asLong() != count) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the batch proof is for a batch of "
                    + size.asLong() + " rows, but the batch's leaf (entry " + entry.path("seq") + ") recorded " + count);
        }
        byte[] row = (id + " " + contentSha256 + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] root = Merkle.rootFromInclusion(index.asLong(), count, Merkle.leafHash(row), path);
        if (root == null || !MessageDigest.isEqual(root, batchRoot)) {
            return Verdict.invalid(id, Verdict.Kind.BATCH_PROOF_DOES_NOT_REACH_ROOT, "the record's row (" + id + " "
                    + contentSha256 + ") at index " + index.asLong() + " does not lead up the batch proof to the "
                    + "Merkle root of the " + count + " rows the batch's leaf (entry " + entry.path("seq")
                    + ") recorded");
        }
        return Verdict.valid(id, where + ", row " + index.asLong() + " of a batch of " + count);
    }

    /** A record of a batch of the earlier flat form: the batch's rows hash to the leaf's recordsSha256. */
    private Verdict recordAmongRows(String id, String contentSha256, JsonNode batchRows, JsonNode entry,
            JsonNode change, String where) {
        StringBuilder rows = new StringBuilder();
        batchRows.forEach(r -> rows.append(r.asText()).append('\n'));
        if (!BATCH.equals(entry.path("action").asText())) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the receipt gives batch rows but the leaf "
                    + "is a '" + entry.path("action").asText() + "' entry");
        }
        if (!change.has("recordsSha256")) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the receipt gives batch rows but the batch's "
                    + "leaf (entry " + entry.path("seq") + ") holds a Merkle root: the record is proven by its batch "
                    + "proof (batchInclusion)");
        }
        if (!sha256Hex(rows.toString()).equals(change.path("recordsSha256").asText())
                || change.path("count").asLong() != batchRows.size()) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the batch rows are not the rows the leaf "
                    + "recorded");
        }
        if (!("\n" + rows).contains("\n" + id + " " + contentSha256 + "\n")) {
            return Verdict.invalid(id, Verdict.Kind.LEAF_MISMATCH, "the record with this content is not among "
                    + "the rows of its batch");
        }
        return Verdict.valid(id, where + " (a batch of " + batchRows.size() + ", its rows given)");
    }

    /** Null when a given key signed the checkpoint and it is that key's origin, else why not. */
    private Verdict checkSignature(String id, Proof proof) {
        byte[] body = proof.body().getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (Proof.Signature s : proof.signatures()) {
            for (VerifierKey key : keys) {
                if (key.name().equals(s.name()) && Arrays.equals(key.keyId(), s.keyId())) {
                    known = true;
                    if (!key.verifies(body, s.signature())) {
                        return Verdict.invalid(id, Verdict.Kind.BAD_SIGNATURE, "the signature by " + key.text()
                                + " does not verify");
                    }
                    if (!key.name().equals(proof.origin())) {
                        return Verdict.invalid(id, Verdict.Kind.UNKNOWN_KEY, "the checkpoint is of origin "
                                + proof.origin() + ", signed by the key of " + key.name());
                    }
                }
            }
        }
        return known ? null : Verdict.invalid(id, Verdict.Kind.UNKNOWN_KEY, "the checkpoint is signed by none of "
                + "the keys given (" + String.join(", ", keys.stream().map(VerifierKey::text).toList()) + ")");
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(Merkle.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A parsed C2SP tlog-proof with its signed checkpoint. */
    record Proof(byte[] leaf, long index, List<byte[]> hashes, String body, String origin, long size, byte[] root,
                 List<Signature> signatures) {

        record Signature(String name, byte[] keyId, byte[] signature) {
        }

        static Proof parse(String text) {
            int split = text.indexOf("\n\n");
            if (split < 0) {
                throw new IllegalArgumentException("not a tlog-proof: no blank line before the checkpoint");
            }
            String[] head = text.substring(0, split).split("\n", -1);
            if (!HEADER.equals(head[0])) {
                throw new IllegalArgumentException("not a tlog-proof: the first line is not " + HEADER);
            }
            int line = 1;
            byte[] leaf = null;
            if (head.length > line && head[line].startsWith("extra ")) {
                leaf = Base64s.strict(head[line].substring(6));
                if (leaf == null) {
                    throw new IllegalArgumentException("the extra data is not base64");
                }
                line++;
            }
            if (leaf == null) {
                throw new IllegalArgumentException("the receipt carries no leaf (extra data)");
            }
            if (head.length <= line || !head[line].matches("index (0|[1-9][0-9]{0,18})")) {
                throw new IllegalArgumentException("no 'index <n>' line");
            }
            long index = Long.parseLong(head[line].substring(6));
            List<byte[]> hashes = new ArrayList<>();
            for (int i = line + 1; i < head.length; i++) {
                byte[] hash = Base64s.strict(head[i]);
                if (hash == null || hash.length != Merkle.HASH_SIZE) {
                    throw new IllegalArgumentException("proof line " + (i - line) + " is not the base64 of a hash");
                }
                hashes.add(hash);
            }
            String note = text.substring(split + 2);
            int sigs = note.indexOf("\n\n");
            if (sigs < 0 || !note.endsWith("\n")) {
                throw new IllegalArgumentException("the checkpoint is not a signed note");
            }
            String body = note.substring(0, sigs + 1);
            String[] lines = body.split("\n", -1);
            if (lines.length < 4 || !lines[1].matches("0|[1-9][0-9]{0,18}")) {
                throw new IllegalArgumentException("the checkpoint is not origin, size and root hash");
            }
            byte[] root = Base64s.strict(lines[2]);
            if (root == null || root.length != Merkle.HASH_SIZE) {
                throw new IllegalArgumentException("the checkpoint's root hash is not the base64 of a hash");
            }
            List<Signature> signatures = new ArrayList<>();
            String signed = note.substring(sigs + 2);
            for (String s : signed.substring(0, Math.max(0, signed.length() - 1)).split("\n", -1)) {
                if (!s.startsWith(DASH)) {
                    throw new IllegalArgumentException("a signature line does not start with an em dash");
                }
                String[] parts = s.substring(DASH.length()).split(" ", -1);
                byte[] blob = parts.length == 2 ? Base64s.strict(parts[1]) : null;
                if (blob == null || blob.length < 5 || parts[0].isEmpty()) {
                    throw new IllegalArgumentException("a signature line is not '— <name> <base64>'");
                }
                signatures.add(new Signature(parts[0], Arrays.copyOf(blob, 4), Arrays.copyOfRange(blob, 4,
                        blob.length)));
            }
            return new Proof(leaf, index, hashes, body, lines[0], Long.parseLong(lines[1]), root, signatures);
        }
    }
}
