package dev.kiroku.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics contract, docs/metrics.md, as a test sees it: the metrics listed for a service (its own rows and the
 * "every service" rows), a scrape of {@code /q/metrics} parsed into samples, and the checks every service runs — every
 * listed metric is exposed, and the request metrics do not grow a series per id.
 */
public final class MetricsContract {

    static final String FILE = "docs/metrics.md";
    static final String GATEWAY = "gateway";
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z_:]+)`\\s*\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|");
    /** A sample: name, labels (quoted values may hold braces), value; an exemplar ({@code # {…} v}) may follow. */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private MetricsContract() {
    }

    /** A row of the contract: the metric's name, its type, and the services it names. */
    public record Listed(String name, String type, String services) {

        /** The name of a series it is exposed as: a timer's {@code _count}, else the name itself. */
        public String exposedAs() {
            return type.startsWith("timer") ? name + "_count" : name;
        }
    }

    /** One sample of a scrape. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /**
     * The metrics docs/metrics.md lists for the service: its own rows and those of "every service"; for the gateway
     * (no database, no audit log), the rows that name it.
     */
    public static List<Listed> listedFor(String service) {
        List<Listed> listed = new ArrayList<>();
        for (String line : lines()) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                String services = m.group(4).strip();
                boolean named = List.of(services.split(",\\s*|\\s+and\\s+")).contains(service);
                boolean gateway = GATEWAY.equals(service);
                if (named || (!gateway && services.contains("every service"))
                        || (gateway && services.contains("the gateway"))) {
                    listed.add(new Listed(m.group(1), m.group(2).strip(), services));
                }
            }
        }
        return listed;
    }

    /** Every metric the contract lists for the service is in a scrape of the running service. */
    public static void assertEveryListedMetricIsExposed(String service) {
        List<Listed> listed = listedFor(service);
        assertThat(listed).as("metrics docs/metrics.md lists for " + service).isNotEmpty();
        Scrape scrape = Scrape.now();
        for (Listed l : listed) {
            assertThat(scrape.names()).as(l.name() + " (" + l.type() + ", docs/metrics.md) at /q/metrics of " + service)
                    .contains(l.exposedAs());
        }
    }

    /**
     * Requests with 200 distinct ids in the path make no new series of {@code http_server_requests_seconds}: the
     * {@code uri} tag is the route template. The requests ask another service's audit verification (a path template
     * with an id every service has), answered 404.
     */
    public static void assertRequestSeriesStayBounded(String token) {
        askVerificationOfOtherServices(token, 10);
        int after10 = Scrape.now().series("http_server_requests_seconds_count").size();
        List<String> ids = askVerificationOfOtherServices(token, 200);
        Scrape scrape = Scrape.now();
        List<Sample> series = scrape.series("http_server_requests_seconds_count");
        Set<String> uris = new TreeSet<>();
        series.forEach(s -> uris.add(s.labels().get("uri")));
        assertThat(uris).as("uri tags").contains("/api/v1/audit/{service}/verification");
        assertThat(uris).as("uri tags").noneMatch(uri -> ids.stream().anyMatch(uri::contains));
        // the scrapes in between add at most their own series (GET /q/metrics, 200)
        assertThat(series.size()).as("http_server_requests_seconds_count series after 200 more distinct ids")
                .isLessThanOrEqualTo(after10 + 1);
    }

    /**
     * The audit gauges tell the log as it is: after a refresh its size is the number of entries, the latest checkpoint
     * covers at most that and is not from the future; a verification asked for over HTTP sets the verification gauges
     * to its result and time.
     */
    public static void assertAuditMetricsMatchTheLog(String service, String auditorToken, DataSource db,
                                                     Runnable refresh) {
        refresh.run();
        long entries;
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_entry")) {
            rs.next();
            entries = rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Scrape scrape = Scrape.now();
        assertThat(entries).as("entries in the audit log").isPositive();
        assertThat(scrape.value("kiroku_audit_tree_size")).isEqualTo((double) entries);
        assertThat(scrape.value("kiroku_audit_checkpoint_tree_size")).isBetween(0.0, (double) entries);
        assertThat(scrape.value("kiroku_audit_checkpoint_age_seconds")).isGreaterThanOrEqualTo(0.0);

        String verifiedAt = given().auth().oauth2(auditorToken).when().get("/api/v1/audit/" + service + "/verification")
                .then().statusCode(200).extract().path("verifiedAt");
        boolean intact = given().auth().oauth2(auditorToken).when()
                .get("/api/v1/audit/" + service + "/verification").then().statusCode(200).extract().path("intact");
        assertThat(intact).as("the log verifies").isTrue();
        Scrape after = Scrape.now();
        assertThat(after.value("kiroku_audit_verification_ok")).isEqualTo(1.0);
        assertThat(after.value("kiroku_audit_verification_last_run_timestamp_seconds"))
                .isGreaterThanOrEqualTo(OffsetDateTime.parse(verifiedAt).toInstant().toEpochMilli() / 1000.0);
    }

    private static List<String> askVerificationOfOtherServices(String token, int requests) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String id = "svc-" + UUID.randomUUID();
            ids.add(id);
            given().auth().oauth2(token).when().get("/api/v1/audit/" + id + "/verification").then().statusCode(404);
        }
        return ids;
    }

    /** A scrape of {@code /q/metrics}, parsed. */
    public record Scrape(List<Sample> samples) {

        public static Scrape now() {
            return parse(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
        }

        public static Scrape parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = SAMPLE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
            }
            return new Scrape(samples);
        }

        public Set<String> names() {
            Set<String> names = new TreeSet<>();
            samples.forEach(s -> names.add(s.name()));
            return names;
        }

        public List<Sample> series(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }

        /** The sum of the samples of the name whose labels include these (NaN when there is none). */
        public double value(String name, String... labelPairs) {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                wanted.put(labelPairs[i], labelPairs[i + 1]);
            }
            List<Sample> matching = series(name).stream()
                    .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet())).toList();
            return matching.isEmpty() ? Double.NaN : matching.stream().mapToDouble(Sample::value).sum();
        }
    }

    private static List<String> lines() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no " + FILE + " above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readAllLines(dir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
