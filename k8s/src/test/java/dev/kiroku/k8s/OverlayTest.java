package dev.kiroku.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Manifests;
import dev.kiroku.k8s.support.Network;
import dev.kiroku.k8s.support.Repository;
import dev.kiroku.k8s.support.Selectors;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the overlays promise: dev small and single, prod replicated and spread, drains never blocked. */
class OverlayTest {

    static List<Kustomize.Target> overlays() {
        return Kustomize.overlays();
    }

    @Test
    void devRunsOneReplicaOfEachServiceWithLessCpuAndMemoryThanProd() {
        Installation dev = new Installation(Kustomize.overlay("dev").manifests());
        Installation prod = new Installation(Kustomize.overlay("prod").manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            HorizontalPodAutoscaler hpa = autoscalerOf(dev, service);
            assertThat(hpa.getSpec().getMinReplicas()).as("dev replicas of %s", service.name()).isEqualTo(1);
            for (String resource : List.of("cpu", "memory")) {
                assertThat(Quantity.getAmountInBytes(dev.container(service).getResources().getRequests().get(resource)))
                        .as("dev %s request of %s", resource, service.name())
                        .isLessThan(Quantity.getAmountInBytes(prod.container(service).getResources().getRequests().get(resource)));
            }
        }
    }

    @Test
    void prodRunsAtLeastTwoReplicasOfEachServiceThatPreferDistinctNodesAndZones() {
        Installation prod = new Installation(Kustomize.overlay("prod").manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            HorizontalPodAutoscaler hpa = autoscalerOf(prod, service);
            assertThat(hpa.getSpec().getMinReplicas()).as("prod replicas of %s", service.name()).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            Deployment d = prod.deployment(service);
            var anti = d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
            List<String> topologies = anti.getPreferredDuringSchedulingIgnoredDuringExecution().stream()
                    .map(WeightedPodAffinityTerm::getPodAffinityTerm)
                    .filter(t -> Selectors.matches(t.getLabelSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
                    .map(t -> t.getTopologyKey()).toList();
            assertThat(topologies).as("anti-affinity of %s", service.name())
                    .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        }
    }

    @Test
    void prodGivesTheRecordsDatabaseAQuarterOfItsMemoryAsBuffersAndDevKeepsPostgresDefaults() {
        // docs/scaling.md: at ten million records the default 128 MB of buffers made a breach derivation 14 s against
        // 8.5-10.9 s with 3 GB
        JsonNode prod = Kustomize.overlay("prod").manifests().custom(Manifests.CNPG, "Cluster", "kiroku-postgres").spec();
        long memory = Quantity.getAmountInBytes(new Quantity(prod.path("resources").path("limits").path("memory").asText()))
                .longValue();
        String buffers = prod.path("postgresql").path("parameters").path("shared_buffers").asText();
        assertThat(buffers).isEqualTo("1GB");
        long bufferBytes = 1024L * 1024 * 1024;
        assertThat(memory).as("memory limit: four times shared_buffers").isEqualTo(4 * bufferBytes);
        assertThat(prod.path("resources").path("requests").path("memory").asText())
                .as("memory requested as limited (no overcommit for a database)")
                .isEqualTo(prod.path("resources").path("limits").path("memory").asText());
        assertThat(prod.path("postgresql").path("parameters").path("effective_cache_size").asText()).isEqualTo("3GB");

        JsonNode dev = Kustomize.overlay("dev").manifests().custom(Manifests.CNPG, "Cluster", "kiroku-postgres").spec();
        assertThat(dev.path("postgresql").path("parameters").has("shared_buffers")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDisruptionBudgetLetsARollingNodeDrainEvictOnePodAtATime(Kustomize.Target overlay) {
        Installation installation = new Installation(overlay.manifests());

        for (PodDisruptionBudget pdb : overlay.manifests().list(PodDisruptionBudget.class)) {
            Network.Endpoint pods = installation.pods().stream()
                    .filter(p -> Selectors.matches(pdb.getSpec().getSelector(), p.labels())).findFirst()
                    .orElseThrow(() -> new AssertionError("PodDisruptionBudget " + pdb.getMetadata().getName() + " selects nothing"));
            int replicas = minimumReplicas(installation, pods);
            int disruptions = allowedDisruptions(pdb, replicas);
            assertThat(disruptions).as("%s: evictions allowed with %d healthy pods of %s", pdb.getMetadata().getName(),
                    replicas, pods).isGreaterThanOrEqualTo(1);
            if (replicas >= 2) {
                assertThat(replicas - disruptions).as("%s: pods of %s left serving during the drain",
                        pdb.getMetadata().getName(), pods).isGreaterThanOrEqualTo(1);
            }
            assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).as("a crash-looping pod never blocks a drain")
                    .isEqualTo("AlwaysAllow");
        }
    }

    private static int minimumReplicas(Installation installation, Network.Endpoint pods) {
        if (pods.name().equals(installation.keycloak().name())) {
            return installation.keycloak().spec().path("instances").asInt(1);
        }
        Deployment d = installation.manifests().get(Deployment.class, pods.name());
        return installation.manifests().list(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(d.getMetadata().getName()))
                .map(h -> h.getSpec().getMinReplicas()).findFirst()
                .orElse(d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas());
    }

    /** The disruptions a budget allows when exactly {@code replicas} pods are healthy (rounding as Kubernetes does). */
    private static int allowedDisruptions(PodDisruptionBudget pdb, int replicas) {
        IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        if (maxUnavailable != null) {
            return maxUnavailable.getIntVal() != null ? Math.min(maxUnavailable.getIntVal(), replicas)
                    : (int) Math.ceil(replicas * percent(maxUnavailable.getStrVal()));
        }
        if (minAvailable != null) {
            int min = minAvailable.getIntVal() != null ? minAvailable.getIntVal()
                    : (int) Math.ceil(replicas * percent(minAvailable.getStrVal()));
            return Math.max(0, replicas - min);
        }
        return replicas;
    }

    private static double percent(String value) {
        return Double.parseDouble(value.replace("%", "")) / 100.0;
    }

    private static HorizontalPodAutoscaler autoscalerOf(Installation installation, Repository.ServiceModule service) {
        return installation.manifests().list(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service.name())).findFirst()
                .orElseThrow(() -> new AssertionError(installation.name() + ": no autoscaler for " + service.name()));
    }
}
