package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Receipts of record versions (what a disclosure answer or a regulator export links to): for each record its content
 * and event exactly as they are hashed, the rows of its batch when a batch recorded it, and the C2SP tlog-proof of its
 * audit entry into the newest signed checkpoint.
 */
@ApplicationScoped
public class RecordReceipts {

    private static final Set<String> BATCH = Set.of("provision.batch-recorded");

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
        Map<UUID, List<String>> rows = new HashMap<>();
        List<RecordReceipt> out = versions.stream().map(r -> receipt(r, proofs.byEntry().get(r.auditEntryId()), rows))
                .toList();
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
        Map<UUID, List<String>> rows = new HashMap<>();
        for (ProvisionRecord r : chunk) {
            String proof = proofs.get(r.auditEntryId());
            if (proof != null) {
                sink.accept(receipt(r, proof, rows));
            }
        }
        chunk.clear();
    }

    private RecordReceipt receipt(ProvisionRecord r, String proof, Map<UUID, List<String>> rows) {
        List<String> batch = isBatch(proof) ? rows.computeIfAbsent(r.auditEntryId(), records::rowsOfEntry) : null;
        return new RecordReceipt(r.id(), r.auditEntryId(), text(RecordContent.of(json, r)),
                text(r.event().withoutSubject()), batch, proof);
    }

    /** A batch entry is named by its action in the leaf (the proof's extra data); a single record's names the record. */
    private boolean isBatch(String proof) {
        if (proof == null) {
            return false;
        }
        String extra = proof.lines().skip(1).findFirst().orElse("");
        try {
            return BATCH.contains(json.readTree(Base64.getDecoder().decode(extra.substring("extra ".length())))
                    .path("action").asText());
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
