package dev.kiroku.k8s.support;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository the manifests belong to, read from its own files: the root pom (modules, version), each service's
 * {@code application.properties} and the platform defaults. Nothing about the services is restated here.
 */
public final class Repository {

    private static final Pattern JDBC_DATABASE = Pattern.compile("^jdbc:postgresql://[^/]+/([A-Za-z0-9_]+)");

    private Repository() {
    }

    /** The repository root: the system property {@code kiroku.home} that the root pom's Surefire configuration sets. */
    public static Path root() {
        String home = System.getProperty("kiroku.home");
        Path root = home == null || home.isBlank()
                ? Path.of("").toAbsolutePath().getParent()
                : Path.of(home).toAbsolutePath().normalize();
        if (root == null || !Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("k8s"))) {
            throw new IllegalStateException("The repository root was not found (system property kiroku.home = "
                    + home + "); run the tests through ./mvnw, which sets it to the repository root.");
        }
        return root;
    }

    public static Path k8s() {
        return root().resolve("k8s");
    }

    /** The Maven project version of the root pom, e.g. 0.1.0-SNAPSHOT. */
    public static String projectVersion() {
        Element project = rootPom().getDocumentElement();
        return childText(project, "version")
                .orElseThrow(() -> new IllegalStateException("the root pom has no <version>"));
    }

    /** The modules of the root pom, as paths relative to the root. */
    public static List<String> modules() {
        Element project = rootPom().getDocumentElement();
        List<String> modules = new ArrayList<>();
        NodeList nodes = project.getElementsByTagName("module");
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().trim());
        }
        return modules;
    }

    /**
     * The deployable services: every module of the root pom whose {@code application.properties} names a Quarkus
     * application and its HTTP port (the gateway's: its front door's).
     */
    public static List<ServiceModule> services() {
        List<ServiceModule> services = new ArrayList<>();
        for (String module : modules()) {
            Path properties = root().resolve(module).resolve("src/main/resources/application.properties");
            if (!Files.isRegularFile(properties)) {
                continue;
            }
            Properties p = load(properties);
            String name = p.getProperty("quarkus.application.name");
            // the port its clients call: the gateway's front door, in front of Quarkus' own (loopback) server
            String port = p.getProperty("kiroku.gateway.front-door.port", p.getProperty("quarkus.http.port"));
            if (name == null || port == null) {
                continue;
            }
            services.add(new ServiceModule(module, name, Integer.parseInt(port.trim()), root().resolve(module), p));
        }
        return services;
    }

    public static ServiceModule service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service module named " + name));
    }

    /** The platform defaults of a platform module (META-INF/microprofile-config.properties). */
    public static Properties platformDefaults(String platformModule) {
        return load(root().resolve("platform").resolve(platformModule)
                .resolve("src/main/resources/META-INF/microprofile-config.properties"));
    }

    /** The value of a property, with MicroProfile Config's {@code ${name:default}} expressions resolved to their defaults. */
    public static String resolveDefault(String value) {
        Matcher m = Pattern.compile("\\$\\{[^:}]+:([^}]*)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directories directly below {@code dir}, sorted. */
    public static List<Path> subdirectories(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document rootPom() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(root().resolve("pom.xml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom", e);
        }
    }

    private static Optional<String> childText(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return Optional.of(e.getTextContent().trim());
            }
        }
        return Optional.empty();
    }

    /** A deployable service module and its own configuration. */
    public record ServiceModule(String module, String name, int httpPort, Path dir, Properties properties) {

        /** The PostgreSQL database this service owns (from quarkus.datasource.jdbc.url), if it owns one. */
        public Optional<String> database() {
            String url = properties.getProperty("quarkus.datasource.jdbc.url");
            if (url == null) {
                return Optional.empty();
            }
            Matcher m = JDBC_DATABASE.matcher(url.trim());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /** kiroku.gateway.backends.&lt;key&gt;.url entries of this module (the gateway's route table). */
        public Map<String, URI> gatewayBackends() {
            Map<String, URI> backends = new TreeMap<>();
            Pattern key = Pattern.compile("^kiroku\\.gateway\\.backends\\.\"?([a-z0-9-]+)\"?\\.url$");
            for (String name : properties.stringPropertyNames()) {
                Matcher m = key.matcher(name);
                if (m.matches()) {
                    backends.put(m.group(1), URI.create(properties.getProperty(name).trim()));
                }
            }
            return backends;
        }

        /** The path prefixes of the gateway's route table (kiroku.gateway.backends.&lt;key&gt;.prefixes). */
        public List<String> gatewayPrefixes() {
            List<String> prefixes = new ArrayList<>();
            Pattern key = Pattern.compile("^kiroku\\.gateway\\.backends\\.\"?([a-z0-9-]+)\"?\\.prefixes$");
            for (String name : properties.stringPropertyNames()) {
                if (key.matcher(name).matches()) {
                    for (String prefix : properties.getProperty(name).split(",")) {
                        prefixes.add(prefix.trim());
                    }
                }
            }
            return prefixes;
        }

        public Path dockerfile() {
            return dir.resolve("src/main/docker/Dockerfile.jvm");
        }
    }
}
