package dev.kiroku.platform.audit.witness;

import dev.kiroku.platform.audit.AuditChainException;
import dev.kiroku.platform.audit.merkle.MerkleVerifier;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.Cosignature;
import dev.kiroku.platform.audit.note.NoteException;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
import dev.kiroku.platform.persistence.CryptoConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * This service as a C2SP {@code tlog-witness} of other services' audit logs. {@link #addCheckpoint} checks, in the
 * spec's order, that the request is well formed (400), that the checkpoint's origin is a log it witnesses (404), that
 * the log's known key signed it (403), that the old size is the size it last cosigned for that origin (409, with that
 * size) and that the consistency proof leads from that tree to the new one (422; a different root at the same size,
 * a fork, is 422 too); then it records the new tree and answers its cosignature. The check and the record are one
 * transaction under a per-origin lock, and a size is kept once per origin: two concurrent submissions from the same
 * old size cannot both advance the witness, and no two roots of one size are ever cosigned.
 */
@Startup
@ApplicationScoped
public class Witness {

    /** A request larger than this is malformed (a checkpoint with 63 proof lines is under 4 KiB). */
    static final int MAX_BODY = 16 * 1024;
    /** RFC 9162 proofs of trees up to 2^63 leaves have at most 63 hashes (the Go witness's bound). */
    static final int MAX_PROOF_LINES = 63;

    private static final Pattern OLD = Pattern.compile("old (0|[1-9][0-9]{0,18})");

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Map<String, NoteKey> logs = new LinkedHashMap<>();
    private final NoteKey key;

    public Witness(AgroalDataSource dataSource, Clock clock, WitnessConfig config, CryptoConfig crypto,
                   @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.dataSource = dataSource;
        this.clock = clock;
        for (String verifierKey : config.witness().logs().orElse(List.of())) {
            if (verifierKey.isBlank()) {
                continue;
            }
            NoteKey log;
            try {
                log = NoteKey.verifier(verifierKey);
            } catch (NoteException e) {
                throw new IllegalStateException("kiroku.audit.witness.logs holds a key that is not a signed-note "
                        + "Ed25519 verifier key: " + e.getMessage());
            }
            logs.put(log.name(), log);
        }
        String name = config.witness().name().orElse("kiroku.localhost/" + serviceName + "/witness");
        Optional<String> seed = crypto.auditWitnessKey();
        if (seed.isEmpty() && !logs.isEmpty()) {
            throw new IllegalStateException("kiroku.audit.witness.logs names logs to witness but the cosigning key "
                    + "kiroku.crypto.audit-witness-key (environment KIROKU_CRYPTO_AUDIT_WITNESS_KEY, Secret "
                    + "kiroku-crypto) is not set (k8s/README.md)");
        }
        this.key = seed.map(s -> NoteKey.cosigning(name, seed(s))).orElse(null);
    }

    private static byte[] seed(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("kiroku.crypto.audit-witness-key is not base64 of 32 bytes");
        }
        return bytes;
    }

    /** The witness's cosignature verifier key ({@code <name>+<key id>+<base64(0x04 ‖ key)>}), when it has a key. */
    public Optional<String> verifierKey() {
        return Optional.ofNullable(key).map(NoteKey::verifierKey);
    }

    /** The origins this service witnesses. */
    public List<String> origins() {
        return List.copyOf(logs.keySet());
    }

    /** A parsed add-checkpoint request. */
    record Request(long oldSize, List<byte[]> proof, String note) {
    }

    /**
     * Handles one add-checkpoint request body and answers the cosignature line(s); refuses with a
     * {@link WitnessRefusal} that says what does not hold.
     */
    @Transactional
    public String addCheckpoint(byte[] body) {
        Request request = parse(body);
        int split = request.note().lastIndexOf("\n\n");
        if (split < 0) {
            throw WitnessRefusal.malformed("the checkpoint is not a signed note (text, blank line, signatures)");
        }
        Checkpoint unverified;
        try {
            unverified = Checkpoint.parse(request.note().substring(0, split + 1));
        } catch (NoteException e) {
            throw WitnessRefusal.malformed("the checkpoint cannot be read: " + e.getMessage());
        }
        NoteKey log = logs.get(unverified.origin());
        if (log == null || key == null) {
            throw WitnessRefusal.unknownOrigin(unverified.origin());
        }
        Checkpoint checkpoint;
        try {
            checkpoint = SignedNote.openCheckpoint(request.note(), log, unverified.origin());
        } catch (NoteException e) {
            throw WitnessRefusal.untrusted(e.getMessage());
        }
        if (request.oldSize() > checkpoint.size()) {
            throw WitnessRefusal.malformed("the old size " + request.oldSize() + " is larger than the checkpoint's, "
                    + checkpoint.size());
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "kiroku-audit-witness:" + checkpoint.origin());
                lock.execute();
            }
            long knownSize = 0;
            byte[] knownRoot = Rfc9162.emptyRoot();
            try (PreparedStatement latest = connection.prepareStatement("SELECT tree_size, root_hash FROM "
                    + "audit_witnessed_checkpoint WHERE origin = ? ORDER BY tree_size DESC LIMIT 1")) {
                latest.setString(1, checkpoint.origin());
                try (ResultSet rs = latest.executeQuery()) {
                    if (rs.next()) {
                        knownSize = rs.getLong(1);
                        knownRoot = rs.getBytes(2);
                    }
                }
            }
            if (request.oldSize() != knownSize) {
                throw WitnessRefusal.conflict(knownSize);
            }
            if (checkpoint.size() == knownSize) {
                if (!request.proof().isEmpty() || !MessageDigest.isEqual(knownRoot, checkpoint.rootHash())) {
                    throw WitnessRefusal.inconsistent("the checkpoint has the size " + knownSize + " this witness "
                            + "already cosigned but " + (request.proof().isEmpty() ? "another root hash (a fork)"
                            : "a non-empty consistency proof"));
                }
            } else if (!MerkleVerifier.verifyConsistency(knownSize, checkpoint.size(), knownRoot,
                    checkpoint.rootHash(), request.proof())) {
                throw WitnessRefusal.inconsistent("the consistency proof does not lead from the tree of " + knownSize
                        + " leaves this witness cosigned to the checkpoint's tree of " + checkpoint.size());
            }
            Instant now = clock.instant();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_witnessed_checkpoint "
                    + "(origin, tree_size, root_hash, note, cosigned_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, checkpoint.origin());
                insert.setLong(2, checkpoint.size());
                insert.setBytes(3, checkpoint.rootHash());
                insert.setString(4, request.note());
                insert.setTimestamp(5, Timestamp.from(now));
                insert.executeUpdate();
            }
            return Cosignature.sign(checkpoint, key, now.getEpochSecond()).line();
        } catch (SQLException e) {
            throw new AuditChainException("could not record the witnessed checkpoint", e);
        }
    }

    /** {@code old <size>\n}, the proof's base64 hashes one per line, a blank line, the signed checkpoint. */
    static Request parse(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BODY) {
            throw WitnessRefusal.malformed("the request body is empty or larger than " + MAX_BODY + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw WitnessRefusal.malformed("the request body is not UTF-8 text");
        }
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw WitnessRefusal.malformed("the request is an old-size line, the proof lines, a blank line and the "
                    + "checkpoint");
        }
        String[] lines = text.substring(0, blank).split("\n", -1);
        var old = OLD.matcher(lines[0]);
        if (!old.matches()) {
            throw WitnessRefusal.malformed("the first line is 'old <size>' with the size in decimal");
        }
        long oldSize;
        try {
            oldSize = Long.parseLong(old.group(1));
        } catch (NumberFormatException e) {
            throw WitnessRefusal.malformed("the old size is out of range");
        }
        if (lines.length - 1 > MAX_PROOF_LINES) {
            throw WitnessRefusal.malformed("a consistency proof has at most " + MAX_PROOF_LINES + " hashes");
        }
        List<byte[]> proof = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            byte[] hash = SignedNote.strictBase64(lines[i]);
            if (hash == null || hash.length != Rfc9162.HASH_SIZE) {
                throw WitnessRefusal.malformed("proof line " + i + " is not the base64 of a 32-byte hash");
            }
            proof.add(hash);
        }
        return new Request(oldSize, proof, text.substring(blank + 2));
    }

    /** The request body of C2SP tlog-witness add-checkpoint. */
    public static String requestBody(long oldSize, List<byte[]> proof, String note) {
        StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
        for (byte[] hash : proof) {
            body.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return body.append('\n').append(note).toString();
    }
}
