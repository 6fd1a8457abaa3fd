package dev.kiroku.k8s;

import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Network;
import dev.kiroku.k8s.support.Repository;
import dev.kiroku.k8s.support.Selectors;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The app.kubernetes.io labels are the same everywhere, and every selector selects what it is meant to. */
class LabelsAndSelectorsTest {

    static final List<String> KIROKU_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by",
            "app.kubernetes.io/version");

    static List<Kustomize.Target> targets() {
        return Kustomize.targets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyObjectCarriesTheKirokuLabels(Kustomize.Target target) {
        String version = Repository.projectVersion();

        assertThat(target.manifests().all()).allSatisfy(m -> {
            Map<String, String> labels = m.labels();
            assertThat(labels).as("labels of %s", m).containsKeys(KIROKU_LABELS.toArray(String[]::new));
            assertThat(labels).as("labels of %s", m)
                    .containsEntry("app.kubernetes.io/part-of", "kiroku")
                    .containsEntry("app.kubernetes.io/instance", "kiroku")
                    .containsEntry("app.kubernetes.io/managed-by", "kustomize")
                    .containsEntry("app.kubernetes.io/version", version);
            assertThat(labels.get("app.kubernetes.io/name")).as("name label of %s", m).isNotBlank();
            assertThat(labels.get("app.kubernetes.io/component")).as("component label of %s", m).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyServiceRunsAsADeploymentWhosePodsCarryItsLabelsAndItsImageOfThatVersion(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            Deployment d = installation.deployment(service);
            Map<String, String> pods = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(d.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", service.name());
            assertThat(Selectors.matches(d.getSpec().getSelector(), pods))
                    .as("%s: the Deployment's selector selects its own pods", service.name()).isTrue();
            for (String label : KIROKU_LABELS) {
                assertThat(pods).as("%s pod label %s", service.name(), label)
                        .containsEntry(label, d.getMetadata().getLabels().get(label));
            }
            Container c = installation.container(service);
            String version = d.getMetadata().getLabels().get("app.kubernetes.io/version");
            assertThat(c.getImage()).as("image of %s", service.name()).endsWith("kiroku/" + service.name() + ":" + version);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyServiceObjectSelectsThePodsOfExactlyOneDeploymentAndForwardsToANamedPortOfThem(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Service s : target.manifests().list(Service.class)) {
            List<Network.Endpoint> selected = installation.pods().stream()
                    .filter(p -> Selectors.matches(s.getSpec().getSelector(), p.labels())).toList();
            assertThat(selected).as("pods selected by Service %s", s.getMetadata().getName()).hasSize(1);
            for (ServicePort port : s.getSpec().getPorts()) {
                assertThat(installation.resolve(s.getMetadata().getName(), port.getPort()))
                        .as("Service %s port %s leads to a port of its pods", s.getMetadata().getName(), port.getPort())
                        .isPresent();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyDisruptionBudgetSelectsThePodsOfExactlyOneWorkload(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (PodDisruptionBudget pdb : target.manifests().list(PodDisruptionBudget.class)) {
            List<Network.Endpoint> selected = installation.pods().stream()
                    .filter(p -> Selectors.matches(pdb.getSpec().getSelector(), p.labels())).toList();
            assertThat(selected).as("pods selected by PodDisruptionBudget %s", pdb.getMetadata().getName()).hasSize(1);
        }
        List<String> budgeted = new ArrayList<>();
        for (Deployment d : target.manifests().list(Deployment.class)) {
            target.manifests().list(PodDisruptionBudget.class).stream()
                    .filter(pdb -> Selectors.matches(pdb.getSpec().getSelector(),
                            d.getSpec().getTemplate().getMetadata().getLabels()))
                    .forEach(pdb -> budgeted.add(d.getMetadata().getName()));
        }
        assertThat(budgeted).as("Deployments with exactly one PodDisruptionBudget")
                .containsExactlyInAnyOrderElementsOf(Repository.services().stream().map(Repository.ServiceModule::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyAutoscalerScalesADeploymentOfTheInstallationAndEveryServiceHasOne(Kustomize.Target target) {
        List<String> scaled = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : target.manifests().list(HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            assertThat(ref.getApiVersion() + "/" + ref.getKind()).isEqualTo("apps/v1/Deployment");
            assertThat(target.manifests().find(Deployment.class, ref.getName()))
                    .as("Deployment scaled by %s", hpa.getMetadata().getName()).isPresent();
            scaled.add(ref.getName());
        }
        assertThat(scaled).containsExactlyInAnyOrderElementsOf(
                Repository.services().stream().map(Repository.ServiceModule::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void podAntiAffinityTermsSelectTheDeploymentsOwnPods(Kustomize.Target target) {
        for (Deployment d : target.manifests().list(Deployment.class)) {
            var affinity = d.getSpec().getTemplate().getSpec().getAffinity();
            if (affinity == null || affinity.getPodAntiAffinity() == null) {
                continue;
            }
            List<PodAffinityTerm> terms = new ArrayList<>();
            var anti = affinity.getPodAntiAffinity();
            if (anti.getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
                terms.addAll(anti.getRequiredDuringSchedulingIgnoredDuringExecution());
            }
            if (anti.getPreferredDuringSchedulingIgnoredDuringExecution() != null) {
                anti.getPreferredDuringSchedulingIgnoredDuringExecution().forEach(w -> terms.add(w.getPodAffinityTerm()));
            }
            assertThat(terms).allSatisfy(term -> assertThat(Selectors.matches(term.getLabelSelector(),
                    d.getSpec().getTemplate().getMetadata().getLabels()))
                    .as("anti-affinity of %s on %s selects its own pods", d.getMetadata().getName(), term.getTopologyKey())
                    .isTrue());
        }
    }
}
