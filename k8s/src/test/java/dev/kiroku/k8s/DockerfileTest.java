package dev.kiroku.k8s;

import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Repository;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service builds into a JVM image from its own src/main/docker/Dockerfile.jvm that fits its Deployment: the
 * fast-jar in layers, the user the Deployment runs as, the port the service listens on, a Java 17 runtime named
 * without a registry.
 */
class DockerfileTest {

    @Test
    void everyServiceHasAJvmDockerfileThatFitsItsDeployment() {
        Installation base = new Installation(Kustomize.targets().get(0).manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            assertThat(service.dockerfile()).as("Dockerfile of %s", service.name()).isRegularFile();
            List<String> lines = instructions(Repository.read(service.dockerfile()));
            String from = argDefault(lines, single(lines, "FROM"));

            assertThat(from).as("%s base image", service.name()).matches("[a-z0-9._/-]+:17[a-z0-9._-]*");
            assertThat(hasRegistry(from)).as("%s base image %s is named without a registry", service.name(), from).isFalse();
            assertThat(lines).as("%s copies the fast-jar's four parts", service.name()).contains(
                    "COPY target/quarkus-app/lib/ /deployments/lib/",
                    "COPY target/quarkus-app/*.jar /deployments/",
                    "COPY target/quarkus-app/app/ /deployments/app/",
                    "COPY target/quarkus-app/quarkus/ /deployments/quarkus/");
            assertThat(single(lines, "EXPOSE")).as("%s port", service.name()).isEqualTo(String.valueOf(service.httpPort()));
            assertThat(single(lines, "ENTRYPOINT")).contains("-jar /deployments/quarkus-run.jar");

            Deployment d = base.deployment(service);
            long runAs = d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
            assertThat(single(lines, "USER")).as("%s image user = the Deployment's runAsUser", service.name())
                    .isEqualTo(String.valueOf(runAs));
            Container c = base.container(service);
            assertThat(c.getImage()).startsWith("kiroku/" + service.name() + ":");
        }
    }

    @Test
    void imagesAreNamedWithoutARegistryEverywhereSoThatEachInstallationChoosesItsOwn() {
        List<String> withRegistry = new ArrayList<>();
        for (Kustomize.Target target : Kustomize.targets()) {
            for (Deployment d : target.manifests().list(Deployment.class)) {
                for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                    if (hasRegistry(c.getImage())) {
                        withRegistry.add(target.name() + ": " + c.getImage());
                    }
                }
            }
            // The operators' resources take their images from the operators (Keycloak) and the image catalog
            // (CloudNativePG), which each installation mirrors as it needs.
            target.manifests().all().stream().filter(m -> m.spec().has("image") || m.spec().has("imageName"))
                    .forEach(m -> withRegistry.add(target.name() + ": " + m + " names an image of its own"));
        }
        assertThat(withRegistry).isEmpty();
    }

    /** Whether an image reference starts with a registry host (a first path element with a dot, a port or localhost). */
    static boolean hasRegistry(String image) {
        if (!image.contains("/")) {
            return false;
        }
        String first = image.substring(0, image.indexOf('/'));
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }

    /** The Dockerfile's instructions, comments dropped and continuation lines joined. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            out.add(current.toString().replaceAll("\\s+", " ").trim());
            current.setLength(0);
        }
        return out;
    }

    private static String single(List<String> lines, String instruction) {
        List<String> found = lines.stream().filter(l -> l.startsWith(instruction + " "))
                .map(l -> l.substring(instruction.length() + 1).trim()).toList();
        assertThat(found).as("%s instructions", instruction).hasSize(1);
        return found.get(0);
    }

    /** The image of a FROM line, with a ${ARG} replaced by that ARG's default. */
    private static String argDefault(List<String> lines, String from) {
        Matcher m = Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?$").matcher(from);
        if (!m.matches()) {
            return from;
        }
        String prefix = "ARG " + m.group(1) + "=";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("FROM " + from + " has no ARG default"));
    }
}
