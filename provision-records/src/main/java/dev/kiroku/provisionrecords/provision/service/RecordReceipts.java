package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditCheckpoint;
import dev.kiroku.platform.audit.AuditReceipts;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.ReceiptBundle;
import dev.kiroku.provisionrecords.provision.RecordReceipt;
import dev.kiroku.provisionrecords.provision.SearchCriteria;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Receipts of record versions (what a disclosure answer or a regulator export links to): for each record its content
 * and event exactly as they are hashed, the C2SP tlog-proof of its audit entry into the newest signed checkpoint, and
 * when a batch recorded it, the proof of its row in the batch's Merkle tree (or, for a batch of the earlier flat form,
 * all of the batch's rows).
 */
@ApplicationScoped
public class RecordReceipts {

    private static final String BATCH = "provision.batch-recorded";

    /** How the entry a proof names commits to its records. */
    private enum Form {
        /** One record: the leaf names its contentSha256. */
        SINGLE,
        /** A batch with a Merkle root over its rows ({@code recordsRoot}): the receipt carries the row's proof. */
        MERKLE_BATCH,
        /** A batch of the earlier form, a flat digest over its rows ({@code recordsSha256}): the receipt carries them. */
        FLAT_BATCH
    }

    private final AuditReceipts receipts;
    private final ProvisionRecordRepository records;
    private final ObjectMapper json;

    RecordReceipts(AuditReceipts receipts, ProvisionRecordRepository records, ObjectMapper json) {
        this.receipts = receipts;
        this.records = records;
        this.json = json;
    }

    /** The receipts of these versions, in their order, all into one checkpoint. */
    public ReceiptBundle of(List<ProvisionRecord> versions) {
        AuditReceipts.Receipts proofs = receipts.of(versions.stream().map(ProvisionRecord::auditEntryId).toList());
        Map<UUID, BatchTree> batches = new HashMap<>();
        List<RecordReceipt> out = versions.stream().map(r -> receipt(r, proofs.byEntry().get(r.auditEntryId()),
                batches)).toList();
        return new ReceiptBundle(proofs.origin(), proofs.verifierKey(), proofs.treeSize(), proofs.checkpoint(), out);
    }

    /** What every receipt of a stream proves into. */
    public record Into(String origin, String verifierKey, long treeSize, String checkpoint) {
    }

    /**
     * Streams the receipts of the current versions a regulator export of these criteria holds, in its order (chunks of
     * {@value #CHUNK} records, never the whole export in memory), all into the newest checkpoint, which is given to
     * {@code header} first. A version recorded after that checkpoint was signed has no receipt in this stream.
     */
    public void export(SearchCriteria criteria, Consumer<Into> header, Consumer<RecordReceipt> sink) {
        AuditCheckpoint checkpoint = receipts.current();
        header.accept(new Into(receipts.origin(), receipts.verifierKey(), checkpoint.treeSize(), checkpoint.note()));
        List<ProvisionRecord> chunk = new ArrayList<>(CHUNK);
        records.stream(criteria, r -> {
            chunk.add(r);
            if (chunk.size() == CHUNK) {
                flush(chunk, checkpoint, sink);
            }
        });
        flush(chunk, checkpoint, sink);
    }

    private static final int CHUNK = 500;

    private void flush(List<ProvisionRecord> chunk, AuditCheckpoint checkpoint, Consumer<RecordReceipt> sink) {
        Map<UUID, String> proofs = receipts.into(chunk.stream().map(ProvisionRecord::auditEntryId).toList(),
                checkpoint);
        Map<UUID, BatchTree> batches = new HashMap<>();
        for (ProvisionRecord r : chunk) {
            String proof = proofs.get(r.auditEntryId());
            if (proof != null) {
                sink.accept(receipt(r, proof, batches));
            }
        }
        chunk.clear();
    }

    private RecordReceipt receipt(ProvisionRecord r, String proof, Map<UUID, BatchTree> batches) {
        Form form = formOf(proof);
        BatchTree batch = form == Form.SINGLE ? null : batches.computeIfAbsent(r.auditEntryId(), this::treeOf);
        return new RecordReceipt(r.id(), r.auditEntryId(), text(RecordContent.of(json, r)),
                text(r.event().withoutSubject()), form == Form.FLAT_BATCH ? batch.lines() : null,
                form == Form.MERKLE_BATCH ? batch.inclusion(r.id()) : null, proof);
    }

    /** The tree over the rows the entry recorded, in id order (as the entry's recordsRoot was computed). */
    private BatchTree treeOf(UUID auditEntryId) {
        BatchTree tree = BatchTree.withProofs();
        records.rowsOfEntry(auditEntryId).forEach(row -> tree.add(row.id(), row.contentSha256()));
        return tree;
    }

    /**
     * What the entry commits to, read from the leaf (the proof's extra data): its action names a batch, and the batch's
     * content holds a Merkle root or, written before batches had one, a flat digest.
     */
    private Form formOf(String proof) {
        if (proof == null) {
            return Form.SINGLE;
        }
        String extra = proof.lines().skip(1).findFirst().orElse("");
        try {
            JsonNode leaf = json.readTree(Base64.getDecoder().decode(extra.substring("extra ".length())));
            if (!BATCH.equals(leaf.path("action").asText())) {
                return Form.SINGLE;
            }
            return json.readTree(leaf.path("content").asText()).has("recordsRoot") ? Form.MERKLE_BATCH
                    : Form.FLAT_BATCH;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the audit leaf is not JSON", e);
        }
    }

    private String text(Object value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the record content", e);
        }
    }
}
