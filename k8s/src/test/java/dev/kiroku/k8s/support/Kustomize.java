package dev.kiroku.k8s.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with a real kustomize: the one built into {@code kubectl} ({@code kubectl kustomize}).
 * The binary is {@code $KUBECTL} if set, else {@code kubectl} on the {@code PATH}. Each directory is rendered once
 * per test JVM.
 */
public final class Kustomize {

    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The YAML stream {@code kubectl kustomize dir} prints; fails with kustomize's own message if it cannot build. */
    public static String render(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> run(kubectl(), "kustomize", d.toString()));
    }

    /** The kustomize version built into kubectl, e.g. "v5.5.0". */
    public static String version() {
        String json = run(kubectl(), "version", "--client", "--output=json");
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            String version = node.path("kustomizeVersion").asText();
            if (version.isBlank()) {
                throw new IllegalStateException("kubectl did not report a kustomize version: " + json);
            }
            return version;
        } catch (IOException e) {
            throw new IllegalStateException("kubectl printed no JSON version: " + json, e);
        }
    }

    /** The kubectl binary to run. */
    public static String kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new IllegalStateException("KUBECTL=" + configured + " is not an executable file.");
            }
            return configured;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "kubectl");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new IllegalStateException("kubectl was not found on the PATH. The k8s module renders every overlay with "
                + "kubectl's built-in kustomize (`kubectl kustomize`): install kubectl 1.27 or newer (kustomize v5), "
                + "or point the environment variable KUBECTL at it.");
    }

    private static String run(String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        try {
            Process process = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + err.join());
            }
            return out.join();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The kustomizations a test renders: the base and every overlay directory, by name. */
    public static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("base", Repository.k8s().resolve("base")));
        for (Path overlay : Repository.subdirectories(Repository.k8s().resolve("overlays"))) {
            targets.add(new Target(overlay.getFileName().toString(), overlay));
        }
        return targets;
    }

    /** The deployable overlays (k8s/overlays/*). */
    public static List<Target> overlays() {
        return targets().stream().filter(t -> !t.name().equals("base")).toList();
    }

    public static Target overlay(String name) {
        return overlays().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no overlay k8s/overlays/" + name));
    }

    /** A kustomization directory and its name. */
    public record Target(String name, Path dir) {
        public Manifests manifests() {
            return Manifests.of(this);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
