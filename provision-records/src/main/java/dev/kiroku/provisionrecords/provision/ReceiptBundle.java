package dev.kiroku.provisionrecords.provision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Receipts of records, all proving into one signed checkpoint of the service's audit log. The verifier key is given
 * for convenience only: an auditor checks against the key published by the operator, never against this copy.
 */
@Schema(name = "ReceiptBundle", description = "Receipts (C2SP tlog-proof) of records, into one signed checkpoint")
public record ReceiptBundle(
        @Schema(description = "The log's origin", example = "kiroku.localhost/provision-records") String origin,
        @Schema(description = "The log's signed-note verifier key (check against the published one)",
                example = "kiroku.localhost/provision-records+3a9c0f12+AcT1ZGmJ2kGhQ5d8RzjW3lT6v0Yp8sD1uM4nK7bE2xQ9")
        String verifierKey,
        @Schema(description = "Size of the checkpoint every receipt proves into", example = "1342") long treeSize,
        @Schema(description = "That checkpoint, as the signed note") String checkpoint,
        @Schema(description = "One receipt per record, in the order of the records") List<RecordReceipt> receipts) {
}
