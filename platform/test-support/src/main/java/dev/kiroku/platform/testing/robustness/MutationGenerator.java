package dev.kiroku.platform.testing.robustness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.platform.testing.PersonalDataMarkers;
import dev.kiroku.platform.testing.robustness.OpenApiDocument.Operation;
import dev.kiroku.platform.testing.robustness.OpenApiDocument.Parameter;
import dev.kiroku.platform.testing.robustness.RawHttpClient.RawRequest;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * From one operation of an OpenAPI document: a valid request built from its examples (or, lacking one, from its
 * schema), and the mutations of it the robustness suite sends — wrong types per field, {@code null} in arrays, NUL,
 * lone surrogates, bidi and zero-width characters, 1 MB strings, out-of-range and malformed dates, duplicate keys,
 * trailing garbage, a missing or wrong content type, a body declared UTF-16, invalid UTF-8, oversized and chunked
 * bodies, malformed and over-long query parameters, path ids that are not ids, and an over-long header; and, when
 * asked ({@link #refusingTokens}), the valid request with no token, a forged one and one of a role not allowed. Each
 * mutation says whether the service must refuse it ({@code mustRefuse}: no reading of the request is right in
 * accepting it) and which personal values it carries (which no refusal may echo).
 */
public final class MutationGenerator {

    /** One request to send. */
    public record Mutation(String kind, String where, RawRequest request, boolean mustRefuse,
            Set<String> personalValues) {
    }

    /** Fields whose values are personal data (or may be): a refusal must not quote them. */
    static final Pattern PERSONAL_FIELD = Pattern.compile(
            "(?i).*(name|mail|subject|identifier|address|phone|birth|person|representative|contact|recipient).*");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
    private static final Pattern ENUM = Pattern.compile("[A-Z][A-Z0-9_]+");
    static final String LONE_SURROGATE = "__lone_surrogate__";
    static final String INVALID_UTF8 = "__invalid_utf8__";
    static final int ONE_MB = 1024 * 1024;
    static final int TEN_KB = 10 * 1024;

    /** A bearer token no issuer the services trust has signed (a well-formed JWT with a made-up signature). */
    static final String FORGED_TOKEN = "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyb2J1c3RuZXNzIn0.c2lnbmF0dXJl";

    private final ToLongFunction<Operation> maxBodyBytes;
    private final Function<Operation, String> authorization;
    private final Function<Operation, String> refusedAuthorization;

    /**
     * @param maxBodyBytes  the service's body limit: the oversized bodies are just past it
     * @param authorization the {@code Authorization} header value for an operation (null: none, a public operation)
     */
    public MutationGenerator(long maxBodyBytes, Function<Operation, String> authorization) {
        this(op -> maxBodyBytes, authorization, null);
    }

    /**
     * @param maxBodyBytes  the body limit of the service that answers an operation (through the gateway, the limit
     *                      of the operation's route): its oversized bodies are just past it
     * @param authorization the {@code Authorization} header value for an operation (null: none, a public operation)
     */
    public MutationGenerator(ToLongFunction<Operation> maxBodyBytes, Function<Operation, String> authorization) {
        this(maxBodyBytes, authorization, null);
    }

    private MutationGenerator(ToLongFunction<Operation> maxBodyBytes, Function<Operation, String> authorization,
            Function<Operation, String> refusedAuthorization) {
        this.maxBodyBytes = maxBodyBytes;
        this.authorization = authorization;
        this.refusedAuthorization = refusedAuthorization;
    }

    /**
     * This generator, adding to every operation that needs a token its valid request with none ({@code token-missing}),
     * with a forged one ({@code token-forged}) and, where {@code otherRole} gives one (non-null), with the
     * {@code Authorization} of a role the operation does not allow ({@code token-role-not-allowed}): each must be
     * refused.
     */
    public MutationGenerator refusingTokens(Function<Operation, String> otherRole) {
        return new MutationGenerator(maxBodyBytes, authorization, otherRole);
    }

    /** The valid request of an operation, unmutated. */
    public Mutation valid(Operation op) {
        return new Builder(op).build("valid", "", false);
    }

    /** Every mutation of the operation's valid request (at least 15 for any operation). */
    public List<Mutation> mutations(Operation op) {
        List<Mutation> out = new ArrayList<>();
        pathMutations(op, out);
        queryMutations(op, out);
        bodyMutations(op, out);
        genericMutations(op, out);
        tokenMutations(op, out);
        return out;
    }

    private void tokenMutations(Operation op, List<Mutation> out) {
        if (refusedAuthorization == null || authorization.apply(op) == null) {
            return;
        }
        Builder missing = new Builder(op);
        missing.headers.remove("Authorization");
        out.add(missing.build("token-missing", "", true));
        Builder forged = new Builder(op);
        forged.headers.put("Authorization", FORGED_TOKEN);
        out.add(forged.build("token-forged", "", true));
        String other = refusedAuthorization.apply(op);
        if (other != null) {
            Builder wrongRole = new Builder(op);
            wrongRole.headers.put("Authorization", other);
            out.add(wrongRole.build("token-role-not-allowed", "", true));
        }
    }

    private void pathMutations(Operation op, List<Mutation> out) {
        for (Parameter p : op.in("path")) {
            Map<String, String> bad = new LinkedHashMap<>();
            bad.put("path-not-an-id", "abc");
            bad.put("path-nul", "%00");
            bad.put("path-invalid-utf8", "%FF");
            bad.put("path-overlong", "a".repeat(TEN_KB));
            bad.put("path-traversal", "..%2F..%2Fq%2Fopenapi");
            bad.put("path-zero-width", "%E2%80%8B" + encode(pathValue(p)));
            bad.put("path-negative", "-1");
            bad.forEach((kind, value) -> {
                Builder b = new Builder(op);
                b.pathValues.put(p.name(), value);
                out.add(b.build(kind, p.name(), true));
            });
        }
    }

    private void queryMutations(Operation op, List<Mutation> out) {
        for (Parameter p : op.in("query")) {
            String type = p.schema().path("type").asText("string");
            String format = p.schema().path("format").asText("");
            boolean typed = !type.equals("string") || !format.isEmpty() || p.schema().has("enum");
            Map<String, String> bad = new LinkedHashMap<>();
            Map<String, Boolean> refuse = new LinkedHashMap<>();
            bad.put("query-malformed", "abc");
            refuse.put("query-malformed", typed);
            bad.put("query-nul", "%00");
            bad.put("query-overlong", "a".repeat(TEN_KB));
            bad.put("query-invalid-utf8", "%FF%FE");
            bad.put("query-bidi", "%E2%80%AEabc");
            refuse.put("query-bidi", typed);
            if (type.equals("integer") || type.equals("number")) {
                bad.put("query-out-of-range", "99999999999999999999999");
                bad.put("query-negative", "-1");
                refuse.put("query-negative", false);
            }
            if (format.equals("date") || format.equals("date-time")) {
                bad.put("date-year-zero", "0000-01-01");
                bad.put("date-far-future", "%2B999999999-12-31");
                bad.put("date-malformed", "2026-13-45");
            }
            bad.forEach((kind, value) -> {
                Builder b = new Builder(op);
                b.query.put(p.name(), value);
                out.add(b.build(kind, p.name(), refuse.getOrDefault(kind, true)));
            });
            Builder dup = new Builder(op);
            dup.query.put(p.name(), encode(exampleText(p)));
            dup.extraQuery = "&" + p.name() + "=" + encode(exampleText(p));
            out.add(dup.build("query-duplicate", p.name(), false));
        }
    }

    private void bodyMutations(Operation op, List<Mutation> out) {
        if (op.bodyMediaType() == null) {
            return;
        }
        Builder base = new Builder(op);
        boolean json = op.bodyMediaType().contains("json");
        if (json && base.json != null) {
            List<List<Object>> leaves = new ArrayList<>();
            collect(base.json, new ArrayList<>(), leaves);
            boolean hugeSent = false;
            for (List<Object> at : leaves) {
                JsonNode value = get(base.json, at);
                String where = pointer(at);
                if (value.isTextual()) {
                    String text = value.asText();
                    jsonField(op, at, JsonNodeFactory.instance.numberNode(12345), "wrong-type", true, out);
                    jsonField(op, at, text("a\u0000b"), "nul", true, out);
                    jsonField(op, at, text(text + LONE_SURROGATE), "lone-surrogate", true, out);
                    jsonField(op, at, text(text + INVALID_UTF8), "invalid-utf8", true, out);
                    jsonField(op, at, text("\u202E" + text), "bidi", false, out);
                    jsonField(op, at, text(text.isEmpty() ? "\u200B" : text.charAt(0) + "\u200B" + text.substring(1)),
                            "zero-width", false, out);
                    if (DATE.matcher(text).matches()) {
                        jsonField(op, at, text("0000-01-01"), "date-year-zero", true, out);
                        jsonField(op, at, text("+999999999-12-31"), "date-far-future", true, out);
                        jsonField(op, at, text("2026-13-45"), "date-malformed", true, out);
                    } else if (DATE_TIME.matcher(text).matches()) {
                        jsonField(op, at, text("0000-01-01T00:00:00Z"), "date-year-zero", true, out);
                        jsonField(op, at, text("+999999999-12-31T23:59:59Z"), "date-far-future", true, out);
                        jsonField(op, at, text("2026-13-45T25:61:00Z"), "date-malformed", true, out);
                    } else if (ENUM.matcher(text).matches()) {
                        jsonField(op, at, text("NOT_A_VALUE"), "enum-unknown", true, out);
                    } else if (!hugeSent) {
                        hugeSent = true;
                        jsonField(op, at, text("x".repeat(ONE_MB)), "string-1mb", false, out);
                    }
                } else if (value.isNumber()) {
                    jsonField(op, at, text("abc"), "wrong-type", true, out);
                    jsonField(op, at, JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e400")),
                            "number-out-of-range", false, out);
                } else if (value.isBoolean()) {
                    jsonField(op, at, text("yes"), "wrong-type", true, out);
                } else if (value.isArray()) {
                    ArrayNode withNull = JsonNodeFactory.instance.arrayNode();
                    withNull.addNull();
                    value.forEach(withNull::add);
                    jsonField(op, at, withNull, "null-in-array", true, out);
                    jsonField(op, at, text("x"), "wrong-type", true, out);
                } else if (value.isObject()) {
                    jsonField(op, at, text("x"), "wrong-type", true, out);
                }
                // the others (null in the example) are left as they are
            }
            String valid = base.bodyText();
            if (base.json.isObject() && base.json.size() > 0) {
                String firstKey = base.json.fieldNames().next();
                out.add(base.withBody("duplicate-key", "", "{" + quote(firstKey) + ":" + dupValue(base.json.get(firstKey))
                        + "," + valid.substring(1), true));
                ObjectNode unknown = base.json.deepCopy();
                unknown.put("robustnessUnknownField", 1);
                // the conventions make duplicate keys, trailing content, coercion and unknown enum values errors, not
                // unknown members (a tolerant reader may ignore them): sent, but not required to be refused
                out.add(base.withBody("unknown-field", "", unknown.toString(), false));
            }
            out.add(base.withBody("trailing-garbage", "", valid + " }garbage", true));
            out.add(base.withBody("not-json", "", "{\"", true));
            // without a body an operation whose body is optional runs with none: refused only where it is required
            out.add(base.withBody("empty-body", "", "", op.bodyRequired()));
            out.add(base.withBody("json-null", "", "null", op.bodyRequired()));
            out.add(base.withBody(base.json.isArray() ? "json-object-not-array" : "json-array-not-object", "",
                    base.json.isArray() ? "{}" : "[]", true));
        } else {
            String text = base.bodyText();
            out.add(base.withBody("nul", "", text + "\u0000", true));
            out.add(base.withBody("invalid-utf8", "", text + INVALID_UTF8, true));
            out.add(base.withBody("bidi", "", "\u202E" + text, false));
            out.add(base.withBody("empty-body", "", "", false));
            out.add(base.withBody("string-1mb", "", text + "x".repeat(ONE_MB), false));
        }
        Builder noType = new Builder(op);
        noType.contentType = null;
        out.add(noType.build("content-type-missing", "", true));
        Builder plain = new Builder(op);
        plain.contentType = json ? "text/plain" : "application/json";
        out.add(plain.build("content-type-wrong", "", true));
        Builder utf16 = new Builder(op);
        utf16.contentType = op.bodyMediaType() + ";charset=UTF-16";
        out.add(utf16.build("charset-utf16", "", true));
        Builder chunked = new Builder(op);
        chunked.chunked = true;
        out.add(chunked.build("chunked", "", false));
        Builder oversized = new Builder(op);
        oversized.rawBody = oversizedBody(base);
        out.add(oversized.build("oversized", "", true));
        Builder oversizedChunked = new Builder(op);
        oversizedChunked.rawBody = oversized.rawBody;
        oversizedChunked.chunked = true;
        out.add(oversizedChunked.build("oversized-chunked", "", true));
    }

    private void genericMutations(Operation op, List<Mutation> out) {
        Builder overlong = new Builder(op);
        overlong.extraQuery = "&robustness=" + "a".repeat(TEN_KB);
        out.add(overlong.build("uri-overlong", "", true));
        Builder nul = new Builder(op);
        nul.extraQuery = "&robustness=%00";
        out.add(nul.build("query-unknown-nul", "", false));
        Builder malformed = new Builder(op);
        malformed.extraQuery = "&robustness=%zz";
        out.add(malformed.build("query-malformed-encoding", "", false));
        Builder suffix = new Builder(op);
        suffix.pathSuffix = "/%00";
        out.add(suffix.build("path-suffix-nul", "", true));
        Builder traversal = new Builder(op);
        traversal.pathSuffix = "/..%2F..%2Fq%2Fhealth";
        out.add(traversal.build("path-suffix-traversal", "", true));
        Builder header = new Builder(op);
        header.headers.put("X-Robustness", "a".repeat(20 * 1024));
        out.add(header.build("header-overlong", "", true));
        Builder accept = new Builder(op);
        accept.headers.put("Accept", "application/x-robustness");
        out.add(accept.build("accept-unsupported", "", false));
        Builder requestId = new Builder(op);
        requestId.headers.put("X-Request-Id", "<script>alert(1)</script>");
        out.add(requestId.build("request-id-hostile", "", false));
        Builder invalidUtf8 = new Builder(op);
        invalidUtf8.extraQuery = "&robustness=%FF";
        out.add(invalidUtf8.build("query-unknown-invalid-utf8", "", true));
        Builder bidi = new Builder(op);
        bidi.extraQuery = "&robustness=%E2%80%AE%E2%80%8B";
        out.add(bidi.build("query-unknown-bidi", "", false));
        Builder notAnId = new Builder(op);
        notAnId.pathSuffix = "/abc";
        out.add(notAnId.build("path-suffix-not-an-id", "", true));
        Builder suffixUtf8 = new Builder(op);
        suffixUtf8.pathSuffix = "/%FF";
        out.add(suffixUtf8.build("path-suffix-invalid-utf8", "", true));
        Builder suffixLong = new Builder(op);
        suffixLong.pathSuffix = "/" + "a".repeat(TEN_KB);
        out.add(suffixLong.build("path-suffix-overlong", "", true));
        Builder longId = new Builder(op);
        longId.headers.put("X-Request-Id", "r".repeat(500));
        out.add(longId.build("request-id-overlong", "", false));
        Builder problemOnly = new Builder(op);
        problemOnly.headers.put("Accept", "application/problem+json");
        out.add(problemOnly.build("accept-problem-only", "", false));
    }

    private void jsonField(Operation op, List<Object> at, JsonNode value, String kind, boolean mustRefuse,
            List<Mutation> out) {
        Builder b = new Builder(op);
        set(b.json, at, value);
        out.add(b.build(kind, pointer(at), mustRefuse));
    }

    private byte[] oversizedBody(Builder base) {
        int size = (int) Math.min(Integer.MAX_VALUE - 16, maxBodyBytes.applyAsLong(base.op) + 1024);
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] valid = base.bodyBytes();
        System.arraycopy(valid, 0, body, 0, Math.min(valid.length, size));
        return body;
    }

    /** Builds one request: the valid one, changed where a mutation changes it. */
    private final class Builder {
        final Operation op;
        final Map<String, String> pathValues = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        String extraQuery = "";
        String pathSuffix = "";
        String contentType;
        JsonNode json;
        String text;
        byte[] rawBody;
        boolean chunked;

        Builder(Operation op) {
            this.op = op;
            for (Parameter p : op.in("path")) {
                pathValues.put(p.name(), encode(pathValue(p)));
            }
            for (Parameter p : op.in("query")) {
                if (p.required()) {
                    query.put(p.name(), encode(exampleText(p)));
                }
            }
            for (Parameter p : op.in("header")) {
                if (p.name().equalsIgnoreCase("Idempotency-Key")) {
                    headers.put(p.name(), UUID.randomUUID().toString());
                } else if (p.required()) {
                    headers.put(p.name(), exampleText(p));
                }
            }
            headers.put("Accept", "application/json, application/problem+json;q=0.9, */*;q=0.8");
            String auth = authorization.apply(op);
            if (auth != null) {
                headers.put("Authorization", auth);
            }
            contentType = op.bodyMediaType();
            if (contentType != null) {
                if (contentType.contains("json")) {
                    json = op.bodyExample() != null ? op.bodyExample().deepCopy() : Examples.of(op.bodySchema());
                } else {
                    text = op.bodyExample() != null && op.bodyExample().isTextual() ? op.bodyExample().asText()
                            : "robustness";
                }
            }
        }

        String bodyText() {
            return json != null ? json.toString() : text;
        }

        byte[] bodyBytes() {
            return rawBody != null ? rawBody : bytes(bodyText());
        }

        Mutation withBody(String kind, String where, String body, boolean mustRefuse) {
            Builder b = new Builder(op);
            b.rawBody = bytes(body);
            return b.build(kind, where, mustRefuse);
        }

        Mutation build(String kind, String where, boolean mustRefuse) {
            String path = op.path();
            for (Map.Entry<String, String> e : pathValues.entrySet()) {
                path = path.replace("{" + e.getKey() + "}", e.getValue());
            }
            StringBuilder target = new StringBuilder(path).append(pathSuffix);
            StringBuilder q = new StringBuilder();
            query.forEach((name, value) -> q.append('&').append(name).append('=').append(value));
            q.append(extraQuery);
            if (q.length() > 0) {
                target.append('?').append(q.substring(1));
            }
            Map<String, String> h = new LinkedHashMap<>(headers);
            byte[] body = null;
            if (op.bodyMediaType() != null) {
                body = bodyBytes();
                if (contentType != null) {
                    h.put("Content-Type", contentType);
                }
            }
            return new Mutation(kind, where, new RawRequest(op.method(), target.toString(), h, body, chunked),
                    mustRefuse, personalValues(this));
        }
    }

    private static Set<String> personalValues(Builder b) {
        Set<String> values = new LinkedHashSet<>();
        if (b.json != null) {
            List<List<Object>> leaves = new ArrayList<>();
            collect(b.json, new ArrayList<>(), leaves);
            for (List<Object> at : leaves) {
                JsonNode v = get(b.json, at);
                String field = at.stream().filter(String.class::isInstance).map(String.class::cast)
                        .reduce((x, y) -> y).orElse("");
                if (v.isTextual() && isPersonal(field, v.asText())) {
                    values.add(v.asText());
                }
            }
        }
        for (Parameter p : b.op.in("query")) {
            String v = java.net.URLDecoder.decode(b.query.getOrDefault(p.name(), ""), StandardCharsets.UTF_8);
            if (isPersonal(p.name(), v)) {
                values.add(v);
            }
        }
        return values;
    }

    static boolean isPersonal(String field, String value) {
        String v = value.strip();
        if (v.length() < 4 || v.length() > 200 || ENUM.matcher(v).matches() || DATE.matcher(v).lookingAt()
                || v.matches("[0-9a-f-]{36}") || v.matches("[-+0-9.]+")) {
            return false;
        }
        return PERSONAL_FIELD.matcher(field).matches() || !PersonalDataMarkers.foundIn(v).isEmpty();
    }

    private static String pathValue(Parameter p) {
        if (p.example() != null && !p.example().isNull()) {
            return p.example().asText();
        }
        String format = p.schema().path("format").asText("");
        if (p.schema().has("enum")) {
            return p.schema().get("enum").get(0).asText();
        }
        return format.equals("int64") || format.equals("int32") || p.schema().path("type").asText().equals("integer")
                ? "1" : UUID.randomUUID().toString();
    }

    private static String exampleText(Parameter p) {
        if (p.example() != null && !p.example().isNull()) {
            return p.example().asText();
        }
        return Examples.of(p.schema()).asText();
    }

    private static void collect(JsonNode node, List<Object> at, List<List<Object>> leaves) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                List<Object> child = new ArrayList<>(at);
                child.add(f.getKey());
                leaves.add(child);
                collect(f.getValue(), child, leaves);
            }
        } else if (node.isArray() && node.size() > 0) {
            List<Object> child = new ArrayList<>(at);
            child.add(0);
            if (!node.get(0).isContainerNode()) {
                leaves.add(child);
            }
            collect(node.get(0), child, leaves);
        }
    }

    private static JsonNode get(JsonNode root, List<Object> at) {
        JsonNode n = root;
        for (Object step : at) {
            n = step instanceof Integer i ? n.get(i) : n.get((String) step);
        }
        return n;
    }

    private static void set(JsonNode root, List<Object> at, JsonNode value) {
        JsonNode parent = get(root, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static String pointer(List<Object> at) {
        StringBuilder s = new StringBuilder();
        at.forEach(step -> s.append('/').append(step));
        return s.toString();
    }

    private static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }

    private static String dupValue(JsonNode original) {
        return original.isTextual() ? "\"duplicate\"" : original.isNumber() ? "0" : "null";
    }

    private static String quote(String s) {
        try {
            return OpenApiDocument.JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The bytes of a body: UTF-8, with the markers for a lone surrogate and invalid UTF-8 put in as they are. */
    static byte[] bytes(String body) {
        String escaped = body.replace(LONE_SURROGATE, "\\ud800");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int i = escaped.indexOf(INVALID_UTF8); i >= 0; i = escaped.indexOf(INVALID_UTF8, from)) {
            out.writeBytes(escaped.substring(from, i).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
            from = i + INVALID_UTF8.length();
        }
        out.writeBytes(escaped.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
