package dev.kiroku.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Repository;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit logs' witnesses and outside sink on Kubernetes (issue 13 item 4): provision-records, joint-use and
 * breach-reporting witness each other in-cluster, each with its own cosigning key from the Secret
 * kiroku-audit-witness (no pod gets another's), each knowing the two others' log and cosignature keys from the same
 * Secret, its log submitting with the realm's client kiroku-audit-witness; with components/audit-sink-s3 (prod), each
 * appends its checkpoints to a file a native sidecar ships to locked object storage.
 */
class AuditWitnessingTest {

    static final List<String> LOGS = List.of("provision-records", "joint-use", "breach-reporting");
    static final String KEYS = "kiroku-audit-witness";
    static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    static List<Kustomize.Target> targets() {
        return Kustomize.targets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void eachServiceSubmitsToTheOtherTwoInClusterAndWitnessesTheirLogsWithItsOwnKey(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (String service : LOGS) {
            Repository.ServiceModule module = Repository.service(service);
            Map<String, String> plain = installation.environment(module);
            List<EnvVar> env = installation.container(module).getEnv();
            List<String> peers = LOGS.stream().filter(s -> !s.equals(service)).toList();

            assertThat(plain.get("KIROKU_AUDIT_WITNESS_NAME")).as(service + ": a witness name beside its log's origin")
                    .isEqualTo(plain.get("KIROKU_AUDIT_ORIGIN") + "/witness");
            assertThat(secretKey(env, "KIROKU_CRYPTO_AUDIT_WITNESS_KEY")).as(service + "'s cosigning key")
                    .contains(KEYS + "/" + service + "-witness-key");
            List<String> submittedTo = new ArrayList<>();
            for (int i = 0; i < peers.size(); i++) {
                URI url = URI.create(plain.get("KIROKU_AUDIT_WITNESS_SUBMIT_TO_" + i + "__URL"));
                Installation.Target witness = installation.resolve(url).orElseThrow(
                        () -> new AssertionError(service + ": " + url + " names no Service of the installation"));
                String peer = witness.pods().name();
                assertThat(url.getPath()).isEqualTo("/api/v1/audit/" + peer + "/witness/add-checkpoint");
                assertThat(witness.port().number()).isEqualTo(Repository.service(peer).httpPort());
                assertThat(secretKey(env, "KIROKU_AUDIT_WITNESS_SUBMIT_TO_" + i + "__VERIFIER_KEY"))
                        .as(service + ": the cosignature key of the witness at " + url)
                        .contains(KEYS + "/" + peer + "-witness-verifier-key");
                submittedTo.add(peer);
            }
            assertThat(submittedTo).as(service + "'s log submits to").containsExactlyInAnyOrderElementsOf(peers);
            assertThat(plain).doesNotContainKey("KIROKU_AUDIT_WITNESS_SUBMIT_TO_2__URL");

            // the logs it witnesses: the two others' log keys, joined from variables defined before (Kubernetes
            // expands $(NAME) only from variables earlier in the list)
            int logsAt = indexOf(env, "KIROKU_AUDIT_WITNESS_LOGS");
            assertThat(logsAt).as(service + " has KIROKU_AUDIT_WITNESS_LOGS").isNotNegative();
            Matcher refs = REFERENCE.matcher(env.get(logsAt).getValue());
            List<String> witnessed = new ArrayList<>();
            while (refs.find()) {
                int at = indexOf(env, refs.group(1));
                assertThat(at).as(service + ": $(" + refs.group(1) + ") is defined before it").isBetween(0, logsAt - 1);
                witnessed.add(secretKey(env, refs.group(1)).orElseThrow());
            }
            assertThat(env.get(logsAt).getValue().replaceAll(REFERENCE.pattern(), "")).isEqualTo(",");
            assertThat(witnessed).containsExactlyInAnyOrderElementsOf(
                    peers.stream().map(p -> KEYS + "/" + p + "-log-verifier-key").toList());

            assertThat(plain.get("KIROKU_AUDIT_WITNESS_CLIENT_TOKEN_URL")).as(service + ": tokens from Keycloak in-cluster")
                    .isEqualTo(plain.get("QUARKUS_OIDC_AUTH_SERVER_URL") + "/protocol/openid-connect/token");
            assertThat(plain.get("KIROKU_AUDIT_WITNESS_CLIENT_ID")).isEqualTo("kiroku-audit-witness");
            assertThat(secretKey(env, "KIROKU_AUDIT_WITNESS_CLIENT_SECRET"))
                    .contains("kiroku-oidc-clients/kiroku-audit-witness");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void noPodReadsAnotherServicesCosigningKey(Kustomize.Target target) {
        List<String> found = new ArrayList<>();
        for (Deployment d : target.manifests().list(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container c : containers) {
                for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    if (from.getSecretRef() != null && from.getSecretRef().getName().equals(KEYS)) {
                        found.add(d.getMetadata().getName() + "/" + c.getName() + " reads all of " + KEYS);
                    }
                }
                for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    SecretKeySelector ref = e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef();
                    if (ref != null && ref.getName().equals(KEYS) && ref.getKey().endsWith("-witness-key")
                            && !ref.getKey().equals(d.getMetadata().getName() + "-witness-key")) {
                        found.add(d.getMetadata().getName() + "/" + c.getName() + " reads " + ref.getKey());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theRealmImportHasTheSubmittingClientWithExactlyTheRoleTheWitnessEndpointAsksFor(Kustomize.Target target) {
        JsonNode realm = new Installation(target.manifests()).realmImport().spec().path("realm");
        JsonNode client = null;
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals("kiroku-audit-witness")) {
                client = c;
            }
        }
        assertThat(client).as("client kiroku-audit-witness").isNotNull();
        assertThat(client.path("publicClient").asBoolean(true)).isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("secret").asText()).isEqualTo("${KIROKU_AUDIT_WITNESS_CLIENT_SECRET}");
        List<String> roles = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            if (user.path("serviceAccountClientId").asText().equals("kiroku-audit-witness")) {
                user.path("realmRoles").forEach(r -> roles.add(r.asText()));
            }
        }
        assertThat(roles).containsExactly("auditor");
    }

    @Test
    void prodShipsEachServicesCheckpointsFromItsSinkFileWithANativeSidecarThatOutlivesTheService() {
        Installation installation = new Installation(Kustomize.overlay("prod").manifests());

        for (String service : LOGS) {
            Repository.ServiceModule module = Repository.service(service);
            PodSpec pod = installation.deployment(module).getSpec().getTemplate().getSpec();
            String file = installation.environment(module).get("KIROKU_AUDIT_SINK_FILE");
            assertThat(file).as(service + "'s sink file").isNotNull();
            VolumeMount mount = mountOf(installation.container(module), file);
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow();
            assertThat(volume.getEmptyDir()).as(service + ": the sink's volume").isNotNull();

            Container shipper = pod.getInitContainers().stream().filter(c -> c.getName().equals("audit-sink-shipper"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " has no audit-sink-shipper"));
            assertThat(shipper.getRestartPolicy()).as("a native sidecar: stopped after the service").isEqualTo("Always");
            assertThat(mountOf(shipper, file).getName()).isEqualTo(mount.getName());
            assertThat(shipper.getArgs()).singleElement().asString()
                    .contains("aws s3api put-object").contains("trap 'rotate; ship; exit 0' TERM")
                    .contains("mv checkpoints.jsonl");
            assertThat(file).endsWith("/checkpoints.jsonl");
            var sc = shipper.getSecurityContext();
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getCapabilities().getDrop()).contains("ALL");
            assertThat(shipper.getResources().getLimits()).containsKeys("cpu", "memory");
        }
        assertThat(new Installation(Kustomize.overlay("dev").manifests()).environment(Repository.service("joint-use")))
                .as("dev ships nothing (no bucket): no sink file").doesNotContainKey("KIROKU_AUDIT_SINK_FILE");
    }

    private static VolumeMount mountOf(Container c, String file) {
        return c.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " mounts nothing at " + file));
    }

    private static int indexOf(List<EnvVar> env, String name) {
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The Secret and key a variable is read from, as {@code <secret>/<key>}. */
    private static Optional<String> secretKey(List<EnvVar> env, String name) {
        return env.stream().filter(e -> e.getName().equals(name) && e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey())
                .findFirst();
    }
}
