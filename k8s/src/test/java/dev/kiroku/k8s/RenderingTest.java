package dev.kiroku.k8s;

import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Manifests;
import dev.kiroku.k8s.support.Repository;
import io.fabric8.kubernetes.api.model.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kustomization renders with a real kustomize into objects that parse as the Kubernetes types they claim. */
class RenderingTest {

    static List<Kustomize.Target> targets() {
        return Kustomize.targets();
    }

    @Test
    void kubectlBringsKustomizeVersion5OrNewer() {
        String version = Kustomize.version();
        int major = Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        assertThat(major).as("kustomize version built into kubectl (%s)", version).isGreaterThanOrEqualTo(5);
    }

    @Test
    void thereIsADevAndAProdOverlay() {
        assertThat(Kustomize.overlays()).extracting(Kustomize.Target::name).contains("dev", "prod");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void rendersIntoObjectsOfExpectedKindsThatParseAsTheirKubernetesTypes(Kustomize.Target target) {
        Manifests manifests = target.manifests();

        assertThat(manifests.problems()).as("objects that are not what they claim to be").isEmpty();
        Set<String> kinds = manifests.all().stream().map(m -> m.apiVersion() + "/" + m.kind())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(kinds).as("every kind the installation needs is rendered")
                .containsAll(Manifests.BUILT_IN_KINDS.keySet())
                .containsAll(Manifests.CUSTOM_KINDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyObjectLivesInTheOneNamespaceKiroku(Kustomize.Target target) {
        Manifests manifests = target.manifests();

        assertThat(manifests.list(Namespace.class)).extracting(n -> n.getMetadata().getName()).containsExactly("kiroku");
        assertThat(manifests.all()).filteredOn(m -> !m.kind().equals("Namespace"))
                .allSatisfy(m -> assertThat(m.namespace()).as("namespace of %s", m).isEqualTo("kiroku"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void noTwoObjectsShareAKindAndAName(Kustomize.Target target) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = target.manifests().all().stream()
                .map(m -> m.apiVersion() + " " + m.kind() + " " + m.name())
                .filter(id -> !seen.add(id)).toList();

        assertThat(duplicates).isEmpty();
    }

    @Test
    void strictParsingReportsMisspeltFieldsUnknownCustomResourceFieldsAndUnexpectedKinds() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: sample
                spec:
                  selector:
                    matchLabels: {app: sample}
                  template:
                    metadata:
                      labels: {app: sample}
                    spec:
                      containers:
                        - name: sample
                          image: sample
                          securityContext:
                            readOnlyRootFileSystem: true
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: sample
                spec:
                  instance: 3
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: sample
                spec: {}
                """;

        Manifests parsed = Manifests.parse(new Kustomize.Target("sample", Repository.k8s()), yaml);

        assertThat(parsed.problems()).hasSize(3);
        assertThat(parsed.problems().get(0))
                .contains("spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
        assertThat(parsed.problems().get(1)).contains("spec.instance: unknown field");
        assertThat(parsed.problems().get(2)).contains("unexpected apiVersion/kind batch/v1/CronJob");
    }
}
