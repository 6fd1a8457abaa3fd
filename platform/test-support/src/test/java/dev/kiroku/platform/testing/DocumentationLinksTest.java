package dev.kiroku.platform.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's documentation points only at files in the repository: every relative Markdown link of the README, the
 * pages under docs/, the runbook (k8s/README.md) and the benchmarks' READMEs resolves to a file or directory inside
 * the repository (and, with a {@code #fragment}, to a heading of that page); and neither the documentation nor the
 * code's comments cite the design notes that live outside it (the law summary is docs/law.md, the API conventions
 * docs/api-conventions.md).
 */
class DocumentationLinksTest {

    static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    /** Names of documents that are not in the repository, as earlier texts cited them. */
    static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared/|shared/(design|domain|recipes|reference)/|appi-rules"
            + "|(?<![/\\w])api-conventions(?!\\.md)|evidence-ledger|model-codebases|no-docker-stack");

    @Test
    void everyRelativeLinkOfTheDocumentationResolvesToAFileInTheRepository() throws IOException {
        Path root = repositoryRoot();
        List<Path> pages = pages(root);
        assertThat(pages).as("documentation pages").hasSizeGreaterThanOrEqualTo(5);
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: — not a file of the repository
                }
                links++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = root.relativize(page) + ": " + target;
                if (!resolved.startsWith(root)) {
                    broken.add(where + " (outside the repository)");
                } else if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (fragment != null && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(fragment)) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        assertThat(links).as("relative links checked").isGreaterThan(20);
        assertThat(broken).as("links that do not resolve to a file of the repository").isEmpty();
    }

    @Test
    void neitherTheDocumentationNorTheCodeCitesDocumentsOutsideTheRepository() throws IOException {
        Path root = repositoryRoot();
        List<Path> files = new ArrayList<>(pages(root));
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".properties"))
                    .filter(p -> p.toString().contains("/src/"))
                    .filter(p -> !root.relativize(p).toString().contains("target/"))
                    .filter(p -> !root.relativize(p).startsWith(".kiroku"))
                    .filter(p -> !p.endsWith("DocumentationLinksTest.java")) // names them to find them
                    .forEach(files::add);
        }
        files.add(root.resolve("kiroku"));
        List<String> citations = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    citations.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(files).as("files checked").hasSizeGreaterThan(100);
        assertThat(citations).as("citations of documents outside the repository (cite docs/law.md §…, "
                + "docs/api-conventions.md, docs/architecture.md)").isEmpty();
    }

    /** README.md, docs/*.md, k8s/README.md and bench/*&#47;README.md. */
    static List<Path> pages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("k8s/README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        try (Stream<Path> bench = Files.list(root.resolve("bench"))) {
            bench.map(p -> p.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    static List<String> anchors(Path page) {
        try {
            List<String> anchors = new ArrayList<>();
            boolean fenced = false;
            for (String line : Files.readAllLines(page)) {
                if (line.startsWith("```")) {
                    fenced = !fenced;
                }
                Matcher heading = HEADING.matcher(line);
                if (!fenced && heading.matches()) {
                    String slug = heading.group(1).toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
                    String unique = slug;
                    for (int n = 1; anchors.contains(unique); n++) {
                        unique = slug + "-" + n;
                    }
                    anchors.add(unique);
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/law.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a directory above the working directory with docs/law.md").isNotNull();
        return dir.normalize();
    }
}
