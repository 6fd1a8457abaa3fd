package dev.kiroku.platform.audit.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditCheckpoint;
import dev.kiroku.platform.audit.AuditCheckpoints;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outside sink: every checkpoint the log signs is also appended to {@code kiroku.audit.sink.file}, one JSON line
 * per checkpoint ({@code treeSize}, {@code rootHash}, {@code keyId}, {@code signedAt}, {@code note}), the file opened
 * with O_APPEND and forced to disk after each batch. The database owner can rewrite the log's tables, not this file
 * (it belongs to another account, a write-once volume or, on Kubernetes, object storage under a retention lock:
 * k8s/README.md), so verification compares the log with the sink's latest checkpoint. Off when the file is unset.
 * <p>
 * A new sink (no file, or an empty one) starts at the log's latest checkpoint: a copy made now of the history the
 * database holds would vouch for nothing the database does not (its owner may have rewritten it), and a pod's fresh
 * volume, whose file is shipped to locked object storage and rotated away, must not receive the whole history again.
 */
@ApplicationScoped
public class CheckpointSink {

    private static final Logger LOG = Logger.getLogger(CheckpointSink.class);
    private static final int BATCH = 500;

    /** One checkpoint as the sink holds it. */
    public record Entry(long treeSize, String rootHash, String keyId, String signedAt, String note) {
    }

    private final Optional<Path> file;
    private final AuditCheckpoints checkpoints;
    private final ObjectMapper json;
    private long appended = -2;

    @Inject
    public CheckpointSink(WitnessConfig config, AuditCheckpoints checkpoints, ObjectMapper json) {
        this(config.sink().file(), checkpoints, json);
    }

    /** A sink on this file (none when empty), e.g. a second, new sink beside the configured one. */
    public CheckpointSink(Optional<Path> file, AuditCheckpoints checkpoints, ObjectMapper json) {
        this.file = file;
        this.checkpoints = checkpoints;
        this.json = json;
    }

    /** The sink's file, when one is configured. */
    public Optional<Path> file() {
        return file;
    }

    @Scheduled(identity = "kiroku-audit-checkpoint-sink", every = "${kiroku.audit.checkpoint-interval:200ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            appendNew();
        } catch (IOException | UncheckedIOException e) {
            LOG.errorf("audit checkpoint sink %s: could not append: %s", file.orElse(null), e.getMessage());
        }
    }

    /**
     * Appends the checkpoints by the log's current key larger than the sink's latest (a new sink: from the log's
     * latest checkpoint on); answers how many.
     */
    public synchronized int appendNew() throws IOException {
        if (file.isEmpty()) {
            return 0;
        }
        if (appended == -2) {
            appended = latest().map(Entry::treeSize)
                    .orElseGet(() -> checkpoints.latest().map(latest -> latest.treeSize() - 1).orElse(-1L));
        }
        String keyId = checkpoints.verifier().keyIdHex();
        int count = 0;
        while (true) {
            List<AuditCheckpoint> page = checkpoints.history(appended, BATCH);
            StringBuilder lines = new StringBuilder();
            long last = appended;
            for (AuditCheckpoint checkpoint : page) {
                last = checkpoint.treeSize();
                if (!checkpoint.keyId().equals(keyId)) {
                    continue;
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("treeSize", checkpoint.treeSize());
                line.put("rootHash", checkpoint.rootHash());
                line.put("keyId", checkpoint.keyId());
                line.put("signedAt", checkpoint.signedAt().toString());
                line.put("note", checkpoint.note());
                lines.append(json.writeValueAsString(line)).append('\n');
                count++;
            }
            if (!lines.isEmpty()) {
                Path path = file.get();
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    channel.force(true);
                }
            }
            appended = last;
            if (page.size() < BATCH) {
                return count;
            }
        }
    }

    /** The last checkpoint in the sink (its last complete line), if any. */
    public Optional<Entry> latest() throws IOException {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return Optional.empty();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.get().toFile(), "r")) {
            long end = in.length();
            while (end > 0) {
                in.seek(end - 1);
                if (in.read() == '\n') {
                    break;
                }
                end--;
            }
            if (end <= 0) {
                return Optional.empty();
            }
            long start = end - 1;
            while (start > 0) {
                in.seek(start - 1);
                if (in.read() == '\n') {
                    break;
                }
                start--;
            }
            byte[] line = new byte[(int) (end - 1 - start)];
            in.seek(start);
            in.readFully(line);
            JsonNode node = json.readTree(line);
            return Optional.of(new Entry(node.path("treeSize").asLong(), node.path("rootHash").asText(),
                    node.path("keyId").asText(), node.path("signedAt").asText(), node.path("note").asText()));
        }
    }
}
