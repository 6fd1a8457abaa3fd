package dev.kiroku.platform.audit.witness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Witnessing and the outside sink ({@code kiroku.audit.witness.*}, {@code kiroku.audit.sink.*}); all off when unset.
 * The witness's cosigning key is a {@code kiroku.crypto} key ({@code kiroku.crypto.audit-witness-key}).
 */
@ConfigMapping(prefix = "kiroku.audit")
public interface WitnessConfig {

    /** This service as a witness of other logs, and the witnesses of this service's log. */
    Witness witness();

    /** The outside, append-only copy of every checkpoint. */
    Sink sink();

    interface Witness {

        /**
         * The witness's name, the name of its cosignature key (environment KIROKU_AUDIT_WITNESS_NAME). Default
         * {@code kiroku.localhost/<service name>/witness}, for local and test use only.
         */
        Optional<String> name();

        /**
         * The logs this service witnesses: their signed-note verifier keys
         * ({@code <origin>+<key id>+<base64 key>}, the key's name being the log's origin), comma-separated
         * (environment KIROKU_AUDIT_WITNESS_LOGS). A checkpoint of any other origin is answered 404.
         */
        Optional<List<String>> logs();

        /**
         * The witnesses this service's log submits its checkpoints to (C2SP tlog-witness add-checkpoint), each
         * {@code kiroku.audit.witness.submit-to[i].url} and {@code .verifier-key} (environment
         * KIROKU_AUDIT_WITNESS_SUBMIT_TO_0__URL, …). None by default: nothing is submitted.
         */
        Optional<List<Target>> submitTo();

        /** How often the log submits its latest checkpoint to its witnesses. */
        @WithDefault("1s")
        Duration submitInterval();

        /** The answer timeout of a witness. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * The OAuth 2.0 client-credentials grant the log authenticates to its witnesses with (every Kiroku endpoint
         * wants a bearer token): the token endpoint, the client id and its secret (environment
         * KIROKU_AUDIT_WITNESS_CLIENT_TOKEN_URL, …_CLIENT_ID, …_CLIENT_SECRET). Unset: requests carry no token and a
         * Kiroku witness answers 401.
         */
        Client client();
    }

    interface Target {
        /** The witness's add-checkpoint URL, e.g. {@code http://127.0.0.1:8082/api/v1/audit/joint-use/witness/add-checkpoint}. */
        URI url();

        /** The witness's cosignature verifier key ({@code <name>+<key id>+<base64(0x04 ‖ key)>}). */
        String verifierKey();
    }

    /**
     * {@code kiroku.audit.witness.client.token-url}, {@code .id}, {@code .secret}: the environment variables
     * KIROKU_AUDIT_WITNESS_CLIENT_TOKEN_URL, KIROKU_AUDIT_WITNESS_CLIENT_ID, KIROKU_AUDIT_WITNESS_CLIENT_SECRET.
     */
    interface Client {
        Optional<URI> tokenUrl();

        Optional<String> id();

        Optional<String> secret();
    }

    interface Sink {
        /**
         * A local file every checkpoint is appended to (O_APPEND, fsync), one JSON line per checkpoint (environment
         * KIROKU_AUDIT_SINK_FILE). Unset: no sink. The file belongs outside the database owner's reach; on
         * Kubernetes, object storage under a retention lock (k8s/README.md).
         */
        Optional<Path> file();
    }
}
