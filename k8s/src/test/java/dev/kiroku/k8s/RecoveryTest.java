package dev.kiroku.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Manifests;
import dev.kiroku.k8s.support.Manifests.Manifest;
import dev.kiroku.k8s.support.Repository;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore procedure of the runbook: each PostgreSQL cluster has a component (k8s/components/recover-&lt;cluster&gt;)
 * that, added to an overlay, recreates the cluster from its backups and changes nothing else.
 */
class RecoveryTest {

    @Test
    void everyClusterHasARecoveryComponentThatBootstrapsItFromItsOwnBackupsAndArchivesUnderANewName() throws IOException {
        Kustomize.Target prod = Kustomize.overlay("prod");
        Installation plain = new Installation(prod.manifests());
        assertThat(plain.cnpgClusters()).isNotEmpty();

        for (Manifest original : plain.cnpgClusters()) {
            String cluster = original.name();
            Path component = Repository.k8s().resolve("components/recover-" + cluster);
            assertThat(component.resolve("kustomization.yaml")).as("recovery component of %s", cluster).isRegularFile();
            Manifests recovered = renderWith(prod, component);
            assertThat(recovered.problems()).isEmpty();

            JsonNode spec = recovered.custom(Manifests.CNPG, "Cluster", cluster).spec();
            JsonNode recovery = spec.path("bootstrap").path("recovery");
            assertThat(spec.path("bootstrap").size()).as("%s bootstraps by recovery only", cluster).isEqualTo(1);
            JsonNode initdb = original.spec().path("bootstrap").path("initdb");
            assertThat(recovery.path("database").asText()).isEqualTo(initdb.path("database").asText());
            assertThat(recovery.path("owner").asText()).isEqualTo(initdb.path("owner").asText());
            assertThat(recovery.path("secret").path("name").asText()).isEqualTo(initdb.path("secret").path("name").asText());

            JsonNode source = null;
            for (JsonNode external : spec.path("externalClusters")) {
                if (external.path("name").asText().equals(recovery.path("source").asText())) {
                    source = external;
                }
            }
            assertThat(source).as("%s recovers from an external cluster it defines", cluster).isNotNull();
            String archive = original.spec().path("plugins").get(0).path("parameters").path("barmanObjectName").asText();
            assertThat(source.path("plugin").path("name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
            assertThat(source.path("plugin").path("parameters").path("barmanObjectName").asText())
                    .as("%s recovers from the store it archives to", cluster).isEqualTo(archive);
            assertThat(source.path("plugin").path("parameters").path("serverName").asText())
                    .as("%s recovers its own lineage", cluster).isEqualTo(cluster);
            String newName = spec.path("plugins").get(0).path("parameters").path("serverName").asText();
            assertThat(newName).as("%s archives a new lineage after recovery", cluster).isNotBlank().isNotEqualTo(cluster);

            assertEverythingElseUnchanged(prod.manifests(), recovered, cluster);
        }
    }

    private static void assertEverythingElseUnchanged(Manifests before, Manifests after, String cluster) {
        assertThat(after.all()).hasSameSizeAs(before.all());
        for (Manifest m : before.all()) {
            Manifest same = after.all().stream()
                    .filter(o -> o.apiVersion().equals(m.apiVersion()) && o.kind().equals(m.kind()) && o.name().equals(m.name()))
                    .findFirst().orElseThrow(() -> new AssertionError("recovery removed " + m));
            if (m.kind().equals("Cluster") && m.name().equals(cluster)) {
                ObjectNode a = (ObjectNode) m.spec().deepCopy();
                ObjectNode b = (ObjectNode) same.spec().deepCopy();
                for (String changed : List.of("bootstrap", "externalClusters", "plugins")) {
                    a.remove(changed);
                    b.remove(changed);
                }
                assertThat(b).as("the rest of %s", cluster).isEqualTo(a);
            } else {
                assertThat(same.node()).as("%s", m).isEqualTo(m.node());
            }
        }
    }

    /** Renders an overlay with one more component, through a kustomization in the build directory. */
    private static Manifests renderWith(Kustomize.Target overlay, Path component) throws IOException {
        Path dir = Repository.k8s().resolve("target/recovery-check/" + component.getFileName());
        Files.createDirectories(dir);
        String kustomization = "resources:\n  - " + dir.relativize(overlay.dir()) + "\ncomponents:\n  - "
                + dir.relativize(component) + "\n";
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization, StandardCharsets.UTF_8);
        return Manifests.parse(new Kustomize.Target(overlay.name() + "+" + component.getFileName(), dir),
                Kustomize.render(dir));
    }
}
