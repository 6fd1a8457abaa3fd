package dev.kiroku.platform.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP trace receiver in the test JVM: it accepts {@code POST …/v1/traces} with an
 * {@code ExportTraceServiceRequest} in protobuf ({@code application/x-protobuf}, as Quarkus' exporter sends with
 * {@code quarkus.otel.exporter.otlp.traces.protocol=http/protobuf}), decodes it with protobuf-java's own wire-format
 * parser ({@link UnknownFieldSet}) by the field numbers of opentelemetry-proto's {@code trace/v1/trace.proto},
 * {@code resource/v1/resource.proto} and {@code common/v1/common.proto}, and appends each span as one JSON line to a
 * file — so that a test, whatever class loader it runs in, reads what the services really exported
 * ({@link #spans(Path)}). The generated opentelemetry-proto classes are not used: the build resolves offline, and the
 * wire format with the proto's field numbers is what any collector decodes.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One exported span: ids in lower-case hex (parent empty for a root), kind as in the proto (2 server, 3 client). */
    public record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes) {

        /** A JDBC span: the OpenTelemetry JDBC instrumentation names the database system. */
        public boolean isDatabase() {
            return "postgresql".equals(attributes.get("db.system"))
                    || "postgresql".equals(attributes.get("db.system.name"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final HttpServer server;
    private final Path file;

    private OtlpReceiver(HttpServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    /** Starts a receiver on a free loopback port that appends the spans it receives to {@code file} (emptied first). */
    public static OtlpReceiver start(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server, file);
        server.createContext("/", exchange -> {
            int status = 200;
            try (InputStream raw = exchange.getRequestBody()) {
                InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw;
                byte[] body = in.readAllBytes();
                if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath()
                        .endsWith("/v1/traces")) {
                    status = 404;
                } else {
                    receiver.append(decode(body));
                }
            } catch (InvalidProtocolBufferException e) {
                status = 400;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** The base URL to give as {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span received so far into {@code file}. */
    public static List<Span> spans(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                    .map(line -> {
                        try {
                            return JSON.readValue(line, Span.class);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void append(List<Span> spans) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Span span : spans) {
            lines.append(JSON.writeValueAsString(span)).append('\n');
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    // ExportTraceServiceRequest: 1 resource_spans. ResourceSpans: 1 resource, 2 scope_spans. Resource: 1 attributes.
    // ScopeSpans: 2 spans. Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 9 attributes.
    // KeyValue: 1 key, 2 value. AnyValue: 1 string_value, 2 bool_value, 3 int_value.
    static List<Span> decode(byte[] request) throws InvalidProtocolBufferException {
        List<Span> spans = new java.util.ArrayList<>();
        for (ByteString resourceSpans : messages(UnknownFieldSet.parseFrom(request), 1)) {
            UnknownFieldSet rs = UnknownFieldSet.parseFrom(resourceSpans);
            Map<String, String> resource = new LinkedHashMap<>();
            for (ByteString r : messages(rs, 1)) {
                resource.putAll(attributes(UnknownFieldSet.parseFrom(r), 1));
            }
            String service = resource.getOrDefault("service.name", "");
            for (ByteString scopeSpans : messages(rs, 2)) {
                for (ByteString s : messages(UnknownFieldSet.parseFrom(scopeSpans), 2)) {
                    UnknownFieldSet span = UnknownFieldSet.parseFrom(s);
                    spans.add(new Span(service, hex(span, 1), hex(span, 2), hex(span, 4),
                            string(span, 5), (int) varint(span, 6), attributes(span, 9)));
                }
            }
        }
        return spans;
    }

    private static Map<String, String> attributes(UnknownFieldSet message, int field)
            throws InvalidProtocolBufferException {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (ByteString kv : messages(message, field)) {
            UnknownFieldSet keyValue = UnknownFieldSet.parseFrom(kv);
            List<ByteString> value = messages(keyValue, 2);
            if (value.isEmpty()) {
                continue;
            }
            UnknownFieldSet any = UnknownFieldSet.parseFrom(value.get(0));
            String text = any.hasField(1) ? string(any, 1)
                    : any.hasField(3) ? Long.toString(varint(any, 3))
                    : any.hasField(2) ? Boolean.toString(varint(any, 2) != 0) : "";
            attributes.put(string(keyValue, 1), text);
        }
        return attributes;
    }

    private static List<ByteString> messages(UnknownFieldSet message, int field) {
        return message.hasField(field) ? message.getField(field).getLengthDelimitedList() : List.of();
    }

    private static String string(UnknownFieldSet message, int field) {
        List<ByteString> values = messages(message, field);
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    private static String hex(UnknownFieldSet message, int field) {
        List<ByteString> values = messages(message, field);
        return values.isEmpty() ? "" : HexFormat.of().formatHex(values.get(0).toByteArray());
    }

    private static long varint(UnknownFieldSet message, int field) {
        return message.hasField(field) && !message.getField(field).getVarintList().isEmpty()
                ? message.getField(field).getVarintList().get(0) : 0;
    }
}
