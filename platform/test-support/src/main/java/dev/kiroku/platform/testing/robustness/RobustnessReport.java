package dev.kiroku.platform.testing.robustness;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a robustness run did and found: requests sent, operations walked (and left out, with the reason), requests per
 * mutation kind and per status class, and every failure. Written to {@code target/robustness/report.json} of the
 * module (or a name given for a gateway run).
 */
public final class RobustnessReport {

    /** One failed check of one request. */
    public record Failure(String operation, String kind, String where, String request, int status, String check,
            String detail) {

        @Override
        public String toString() {
            return operation + " [" + kind + (where.isEmpty() ? "" : " " + where) + "] " + request + " -> " + status
                    + ": " + check + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    private final String name;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Map<Integer, Integer> statusCodes = new TreeMap<>();
    private final Map<String, Integer> requestsPerOperation = new TreeMap<>();
    private final Map<String, String> excluded = new TreeMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private int tables;
    private long millis;

    RobustnessReport(String name) {
        this.name = name;
    }

    synchronized void sent(String operation, String kind, int status) {
        requests.incrementAndGet();
        kinds.merge(kind, 1, Integer::sum);
        requestsPerOperation.merge(operation, 1, Integer::sum);
        statuses.merge(status < 0 ? "no answer" : (status / 100) + "xx", 1, Integer::sum);
        statusCodes.merge(status, 1, Integer::sum);
    }

    synchronized void failed(Failure failure) {
        failures.add(failure);
    }

    void excluded(String operation, String reason) {
        excluded.put(operation, reason);
    }

    void finished(long millis, int tables) {
        this.millis = millis;
        this.tables = tables;
    }

    public int requests() {
        return requests.get();
    }

    public int operations() {
        return requestsPerOperation.size();
    }

    public Map<String, Integer> requestsPerOperation() {
        return Map.copyOf(requestsPerOperation);
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** How many answers had each HTTP status (-1: no answer). */
    public synchronized Map<Integer, Integer> statusCodes() {
        return Map.copyOf(statusCodes);
    }

    public java.util.Set<String> mutationKinds() {
        return new TreeSet<>(kinds.keySet());
    }

    /** A line for the test log. */
    public String summary() {
        return name + ": " + requests() + " requests, " + operations() + " operations, " + kinds.size()
                + " mutation kinds, " + tables + " tables counted, " + failures.size() + " failures, " + millis
                + " ms; statuses " + statuses;
    }

    /** Writes the report as JSON under {@code target/robustness/} and returns its path. */
    public Path write() {
        Path file = Path.of("target", "robustness", name + ".json");
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("name", name);
        json.put("requests", requests());
        json.put("operations", operations());
        json.put("millis", millis);
        json.put("tablesCounted", tables);
        json.put("statuses", statuses);
        json.put("statusCodes", statusCodes);
        json.put("mutationKinds", kinds);
        json.put("requestsPerOperation", requestsPerOperation);
        json.put("excludedOperations", excluded);
        json.put("failureCount", failures.size());
        json.put("failures", failures);
        try {
            Files.createDirectories(file.getParent());
            OpenApiDocument.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
