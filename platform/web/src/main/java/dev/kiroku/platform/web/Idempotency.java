package dev.kiroku.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.security.Principal;

/**
 * {@code Idempotency-Key} handling shared by every create (IETF httpapi idempotency-key draft semantics): the key is
 * scoped to the calling client; a retry with the same key and the same request answers the first result again; the
 * same key with a different request is refused with a 422 problem and writes nothing. Its refusals are plain
 * exceptions ({@link InvalidKey}, {@link KeyReused}, {@link InProgress}) that services throw and the REST layer
 * answers as problems. The decision itself (one write per client and key, decided by a unique constraint) is
 * {@code dev.kiroku.platform.persistence.IdempotencyStore}.
 */
public final class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    /** Set on an answer that repeats the first result of a retried request. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final URI KEY_REUSED = ProblemType.of("idempotency-key-reused");
    public static final URI IN_PROGRESS = ProblemType.of("idempotency-key-in-progress");
    /** Seconds a client waits before retrying a request whose key is still in progress. */
    public static final int RETRY_AFTER_SECONDS = 1;
    private static final int MAX_LENGTH = 200;

    private Idempotency() {
    }

    /**
     * A malformed key, or a header and body id that disagree: the request is not valid. A plain exception, not an HTTP
     * one, so services throw it; {@link ProblemExceptionMappers} answers it as a 400 problem naming the field.
     */
    public static final class InvalidKey extends RuntimeException {

        private final String field;
        private final String in;
        private final String violation;

        InvalidKey(String detail, String field, String in, String violation) {
            super(detail, null, false, false);
            this.field = field;
            this.in = in;
            this.violation = violation;
        }

        public String field() {
            return field;
        }

        public String in() {
            return in;
        }

        public String violation() {
            return violation;
        }

        /** The problem it is answered with. */
        public ProblemException toProblem() {
            return new ProblemException(400, ProblemType.VALIDATION, "Request is not valid", getMessage())
                    .withViolation(Problem.Violation.of(field, in, violation));
        }
    }

    /** The key was already used by this client with a different request; answered as a 422 problem. */
    public static final class KeyReused extends RuntimeException {

        private final String key;

        KeyReused(String key) {
            super("This idempotency key was already used by this client with a different request; nothing was "
                    + "written. Use a new key for a new request.", null, false, false);
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The problem it is answered with. */
        public ProblemException toProblem() {
            return new ProblemException(422, KEY_REUSED, "Idempotency key reused with a different request",
                    getMessage()).with("idempotencyKey", key);
        }
    }

    /**
     * The same key is held by a concurrent request of this client that has not finished; answered as a 409 problem
     * with {@code Retry-After}. A retry then gets that request's answer.
     */
    public static final class InProgress extends RuntimeException {

        private final String key;

        public InProgress(String key) {
            super("A request with this idempotency key is still being processed; retry after "
                    + RETRY_AFTER_SECONDS + " second(s) to get its answer.", null, false, false);
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The problem it is answered with. */
        public ProblemException toProblem() {
            return new ProblemException(409, IN_PROGRESS, "Idempotency key in progress", getMessage())
                    .with("idempotencyKey", key).withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
    }

    /** The client a key is scoped to: the token's {@code azp} (the OAuth client), else the principal's name. */
    public static String clientOf(Principal principal) {
        if (principal instanceof JsonWebToken jwt) {
            String azp = jwt.getClaim("azp");
            if (azp != null) {
                return azp;
            }
        }
        return principal.getName();
    }

    /**
     * The key of a create: the header, else the client's own id in the body; both may be absent (then the create is
     * not deduplicated). Refuses a malformed key, and a header and body id that disagree.
     */
    public static String key(String header, String bodyId) {
        if (header != null) {
            check(header, HEADER, "header");
            if (bodyId != null && !bodyId.equals(header)) {
                throw new InvalidKey("The Idempotency-Key header and the body's client event id differ", HEADER,
                        "header", "must equal clientEventId when both are given");
            }
            return header;
        }
        if (bodyId != null) {
            check(bodyId, "clientEventId", "body");
        }
        return bodyId;
    }

    /** SHA-256 (hex) of the request as the service understood it: equal requests give equal fingerprints. */
    public static String fingerprint(ObjectMapper json, Object request) {
        try {
            return Digests.sha256Hex(json.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    /** The refusal of a key reused with a different request. */
    public static KeyReused reused(String key) {
        return new KeyReused(key);
    }

    private static void check(String key, String field, String in) {
        if (key.isBlank() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidKey("The idempotency key must be 1 to " + MAX_LENGTH + " visible ASCII characters",
                    field, in, "must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
    }
}
