package dev.kiroku.platform.testing.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.platform.testing.PersonalDataMarkers;
import dev.kiroku.platform.testing.robustness.MutationGenerator.Mutation;
import dev.kiroku.platform.testing.robustness.OpenApiDocument.Operation;
import dev.kiroku.platform.testing.robustness.RawHttpClient.RawResponse;
import dev.kiroku.platform.testing.robustness.RobustnessReport.Failure;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The robustness suite of issue 14: for every operation of a service's OpenAPI document (so a new endpoint is covered
 * without anyone listing it), the valid request and every mutation of it ({@link MutationGenerator}), sent with a
 * token of a role allowed to call it ({@link RoleTokens}) to the service or through the gateway. Each answer is
 * checked, and every failure collected (the run never stops at the first):
 * <ul>
 * <li>no 5xx, and an answer at all;</li>
 * <li>every error an {@code application/problem+json} with a {@code requestId} (the one the answer's
 * {@code X-Request-Id} names, when it names one) and the answer's status;</li>
 * <li>no personal data echoed by an error: neither the personal values the request carried nor any
 * {@link PersonalDataMarkers} value;</li>
 * <li>a mutation no reading of which is right (NUL, a malformed date, a duplicate key…) refused with a 4xx;</li>
 * <li>the row count of every table unchanged by every refused (4xx) request ({@link TableCounts}).</li>
 * </ul>
 */
public final class RobustnessSuite {

    /** An operation the suite leaves out, and why (the report lists it). */
    public record Exclusion(Predicate<Operation> matches, String reason) {
    }

    /**
     * Mutations of an operation that may rightly be accepted, and why: e.g. a batch takes its events one by one, so a
     * bad event is that event's {@code REJECTED} inside a 2xx answer, not a refusal of the request.
     */
    public record Acceptable(Predicate<Operation> operation, java.util.function.BiPredicate<Mutation, JsonNode> answer,
            String reason) {
    }

    private final String name;
    private final URI target;
    private final OpenApiDocument document;
    private final MutationGenerator generator;
    private final TableCounts counts;
    private final List<Exclusion> exclusions = new ArrayList<>();
    private final List<Acceptable> acceptable = new ArrayList<>();
    private final Map<String, Predicate<RawResponse>> everyAnswer = new LinkedHashMap<>();
    private final RawHttpClient client;

    /**
     * @param name     the report's name (the module, or {@code gateway-<service>})
     * @param target   where the requests go (the service, or the gateway)
     * @param document the service's OpenAPI document
     * @param generator the mutations, with their tokens
     * @param counts   the service's table counts
     */
    public RobustnessSuite(String name, URI target, OpenApiDocument document, MutationGenerator generator,
            TableCounts counts) {
        this.name = name;
        this.target = target;
        this.document = document;
        this.generator = generator;
        this.counts = counts;
        this.client = new RawHttpClient(target, 60_000);
    }

    public RobustnessSuite exclude(Predicate<Operation> operation, String reason) {
        exclusions.add(new Exclusion(operation, reason));
        return this;
    }

    /**
     * A check of every answer on top of the suite's own, failed (with its name) by each answer that does not pass it:
     * e.g. through the gateway, its security headers on every answer, the services' and its own refusals alike.
     */
    public RobustnessSuite requireOfEveryAnswer(String check, Predicate<RawResponse> passes) {
        everyAnswer.put(check, passes);
        return this;
    }

    /**
     * A batch taken item by item (API conventions: "In a batch, each item is parsed and validated on its own"): a
     * mutation inside the first item of the array at {@code itemsPointer} (e.g. {@code /events}) may be answered 2xx
     * only if the answer's {@code items} report that item (index 0) {@code REJECTED}; anywhere else in the body (the
     * envelope) it must still be refused.
     */
    public RobustnessSuite itemByItem(Predicate<Operation> operation, String itemsPointer) {
        // a null item put first ([null, …]: null-in-array at the pointer itself) is item 0 as well
        acceptable.add(new Acceptable(operation, (m, answer) -> (m.where().startsWith(itemsPointer + "/0")
                || m.where().equals(itemsPointer) && m.kind().equals("null-in-array"))
                && answer != null && answer.path("items").isArray()
                && java.util.stream.StreamSupport.stream(answer.path("items").spliterator(), false)
                        .anyMatch(item -> item.path("index").asInt(-1) == 0
                                && "REJECTED".equals(item.path("status").asText())),
                "item by item: a bad item is that item's REJECTED"));
        return this;
    }

    /** Runs every operation's mutations and returns the report (also written to disk). */
    public RobustnessReport run() {
        RobustnessReport report = new RobustnessReport(name);
        long start = System.currentTimeMillis();
        Map<String, Long> before = counts.now();
        for (Operation op : document.operations()) {
            Exclusion exclusion = exclusions.stream().filter(e -> e.matches().test(op)).findFirst().orElse(null);
            if (exclusion != null) {
                report.excluded(op.key(), exclusion.reason());
                continue;
            }
            List<Mutation> requests = new ArrayList<>();
            requests.add(generator.valid(op));
            requests.addAll(generator.mutations(op));
            for (Mutation m : requests) {
                before = check(op, m, before, report);
            }
        }
        report.finished(System.currentTimeMillis() - start, before.size());
        report.write();
        return report;
    }

    private Map<String, Long> check(Operation op, Mutation m, Map<String, Long> before, RobustnessReport report) {
        RawResponse answer;
        try {
            answer = client.send(m.request());
        } catch (IOException | RuntimeException e) {
            report.sent(op.key(), m.kind(), -1);
            report.failed(failure(op, m, -1, "no answer", e.getClass().getSimpleName() + ": " + e.getMessage()));
            return counts.now();
        }
        report.sent(op.key(), m.kind(), answer.status());
        Map<String, Long> after = counts.now();
        int status = answer.status();
        if (status >= 500) {
            report.failed(failure(op, m, status, "5xx", abbreviate(answer.body())));
        }
        everyAnswer.forEach((check, passes) -> {
            // the bare 400 of a target java.net.URI cannot parse is Vert.x's, answered before any route (and any
            // handler that could add to it) runs: see problemShape
            if (!isBareUnparseableTarget(m, answer) && !passes.test(answer)) {
                report.failed(failure(op, m, status, check, "headers " + answer.headers().keySet()));
            }
        });
        if (status >= 400) {
            problemShape(op, m, answer, report);
            personalData(op, m, answer, report);
        }
        if (status < 400 && m.mustRefuse() && !isAcceptable(op, m, answer)) {
            report.failed(failure(op, m, status, "accepted a request that must be refused", ""));
        }
        if (status >= 400 && status < 500) {
            Map<String, String> changed = TableCounts.changed(before, after);
            changed.keySet().removeIf(RobustnessSuite::isWrittenInTheBackground);
            if (!changed.isEmpty()) {
                report.failed(failure(op, m, status, "a refused request changed row counts", changed.toString()));
            }
        }
        return after;
    }

    /**
     * The tables a service writes on a schedule of its own, for what earlier requests committed, whenever the run is:
     * platform/audit's {@code audit_checkpoint}, signed within one {@code kiroku.audit.checkpoint-interval} (200 ms)
     * after an accepted request appended to the audit log, so it may land while a later, refused request is answered.
     * A refused request that appended to the log itself still fails the check: the log's own tables are counted.
     */
    static boolean isWrittenInTheBackground(String table) {
        return table.endsWith(".audit_checkpoint");
    }

    private boolean isAcceptable(Operation op, Mutation m, RawResponse answer) {
        JsonNode json;
        try {
            json = OpenApiDocument.JSON.readTree(answer.body());
        } catch (IOException e) {
            json = null;
        }
        JsonNode body = json;
        return acceptable.stream().anyMatch(a -> a.operation().test(op) && a.answer().test(m, body));
    }

    private void problemShape(Operation op, Mutation m, RawResponse answer, RobustnessReport report) {
        String type = answer.header("content-type");
        if (isBareUnparseableTarget(m, answer)) {
            return;
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            report.failed(failure(op, m, answer.status(), "not application/problem+json",
                    "Content-Type " + type + ", body " + abbreviate(answer.body())));
            return;
        }
        try {
            JsonNode problem = OpenApiDocument.JSON.readTree(answer.body());
            if (problem == null || !problem.path("requestId").isTextual() || problem.path("requestId").asText().isBlank()) {
                report.failed(failure(op, m, answer.status(), "problem without a requestId", abbreviate(answer.body())));
            } else if (answer.header("x-request-id") != null
                    && !answer.header("x-request-id").equals(problem.path("requestId").asText())) {
                // the id a caller quotes to support is the one in the header; the problem must name the same request
                report.failed(failure(op, m, answer.status(), "problem's requestId differs from X-Request-Id",
                        answer.header("x-request-id") + " / " + problem.path("requestId").asText()));
            }
            if (problem != null && problem.path("status").asInt() != answer.status()) {
                report.failed(failure(op, m, answer.status(), "problem status differs from the HTTP status",
                        abbreviate(answer.body())));
            }
        } catch (IOException e) {
            report.failed(failure(op, m, answer.status(), "problem is not JSON", abbreviate(answer.body())));
        }
    }

    private void personalData(Operation op, Mutation m, RawResponse answer, RobustnessReport report) {
        List<String> echoed = new ArrayList<>(PersonalDataMarkers.foundIn(answer.body()));
        for (String value : m.personalValues()) {
            if (answer.body().contains(value) || answer.body().contains(escapeJson(value))) {
                echoed.add("the sent value of a personal field");
            }
        }
        if (!echoed.isEmpty()) {
            report.failed(failure(op, m, answer.status(), "personal data echoed", echoed.get(0)));
        }
    }

    /**
     * The one bare answer allowed: a request target java.net.URI cannot parse at all (?x=%zz) Quarkus refuses with a
     * bare 400 before any route of the application runs (VertxHttpRecorder's URI validation).
     */
    private static boolean isBareUnparseableTarget(Mutation m, RawResponse answer) {
        return answer.status() == 400 && !isUri(m.request().target());
    }

    private static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String escapeJson(String value) {
        String quoted = OpenApiDocument.JSON.getNodeFactory().textNode(value).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    private static Failure failure(Operation op, Mutation m, int status, String check, String detail) {
        return new Failure(op.key(), m.kind(), m.where(), m.request().describe(), status, check, detail);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    /** Operation matchers for exclusions. */
    public static Predicate<Operation> pathStartsWith(String prefix) {
        return op -> op.path().startsWith(prefix);
    }

    public static Predicate<Operation> operation(String method, String path) {
        return op -> op.method().equals(method) && op.path().equals(path);
    }

    /** The report's figures as a map, for a test's log line. */
    public static Map<String, Object> figures(RobustnessReport report) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("requests", report.requests());
        f.put("operations", report.operations());
        f.put("mutationKinds", report.mutationKinds().size());
        f.put("failures", report.failures().size());
        return f;
    }
}
