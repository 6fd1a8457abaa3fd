package dev.kiroku.platform.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md draws the packages as they are: every package of production code in the repository is named
 * there (as {@code `dev.kiroku.…`}), and no package it names is gone.
 */
class ArchitectureDocTest {

    static final String DOC = "docs/architecture.md";

    @Test
    void theArchitecturePageNamesEveryProductionPackageAndNoneThatIsGone() throws IOException {
        Path root = repositoryRoot();
        String doc = Files.readString(root.resolve(DOC));
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.toList()) {
                collect(module.resolve("src/main/java"), packages);
                if (Files.isDirectory(module) && module.getFileName().toString().equals("platform")) {
                    try (Stream<Path> platform = Files.list(module)) {
                        platform.forEach(p -> collect(p.resolve("src/main/java"), packages));
                    }
                }
            }
        }
        assertThat(packages).as("production packages").hasSizeGreaterThan(20);
        List<String> missing = packages.stream().filter(p -> !doc.contains("`" + p + "`")).toList();
        assertThat(missing).as("packages %s does not name", DOC).isEmpty();
        TreeSet<String> named = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(dev\\.kiroku(?:\\.[a-z0-9]+)+)`").matcher(doc);
        while (m.find()) {
            named.add(m.group(1));
        }
        TreeSet<String> known = new TreeSet<>(packages);
        packages.forEach(p -> {
            for (int dot = p.indexOf('.'); dot > 0; dot = p.indexOf('.', dot + 1)) {
                known.add(p.substring(0, dot)); // a service's root names its packages below
            }
        });
        assertThat(named).as("packages %s names that no longer exist", DOC).isSubsetOf(known);
    }

    private static void collect(Path sources, TreeSet<String> packages) {
        if (!Files.isDirectory(sources)) {
            return;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> sources.relativize(f.getParent()).toString().replace('/', '.'))
                    .forEach(packages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(DOC))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a directory above the working directory with %s", DOC).isNotNull();
        return dir;
    }
}
