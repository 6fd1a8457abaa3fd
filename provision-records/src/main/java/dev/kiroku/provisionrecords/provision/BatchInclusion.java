package dev.kiroku.provisionrecords.provision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The first of the two proofs of a record of a batch: that its row is a leaf of the RFC 9162 Merkle tree whose root
 * the batch's audit entry recorded ({@code recordsRoot}, with {@code count} rows). The second is the entry's own
 * tlog-proof into the signed log. Leaf {@code index} of the tree is the row {@code "<recordId> <contentSha256>\n"}
 * (ASCII: the lowercase UUID, one space, the 64 lowercase hex digits of SHA-256 of the receipt's content, a newline),
 * the rows in id order; a verifier recomputes the row from the receipt, hashes it as a leaf
 * ({@code SHA-256(0x00 ‖ row)}) and up the proof (RFC 9162 §2.1.3.2) to the entry's {@code recordsRoot}.
 */
@Schema(name = "BatchInclusion", description = "RFC 9162 inclusion proof of a record's row in the Merkle tree of its "
        + "batch, whose root (recordsRoot, base64) and size (count) the batch's audit entry recorded. Leaf `index` is "
        + "the ASCII line \"<recordId> <contentSha256>\\n\" (contentSha256: the SHA-256 of the receipt's content, "
        + "lowercase hex); the rows are in id order")
public record BatchInclusion(
        @Schema(description = "The row's leaf index in the batch's tree (its position in id order, from 0)",
                example = "1") long index,
        @Schema(description = "The number of rows of the batch: the tree size, the audit entry's count",
                example = "3") long size,
        @Schema(description = "The audit path from the row's leaf up to the batch's root (RFC 9162 §2.1.3.1), each "
                + "hash base64 like the log's own proofs; ceil(log2(size)) hashes at most",
                example = "[\"ZGi6cNjUbqRkbC5x6ZsAf6hnvZ8o4yrhIr2mq9HqQ9E=\", "
                        + "\"3GNnKHPVgWsLMvtyj5Xe8w1RpcQmV/Wq0vF4x5y8f1E=\"]") List<String> hashes) {
}
