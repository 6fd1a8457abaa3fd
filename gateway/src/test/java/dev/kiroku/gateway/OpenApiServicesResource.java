package dev.kiroku.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two small services that serve canned OpenAPI documents at {@code /q/openapi} (provision-records and joint-use, both
 * with the same {@code Problem} schema, bearer-secured operations, a public joint-use operation and paths the gateway
 * does not route to them) and a breach-reporting service whose port nobody listens on. Each live service counts the
 * documents it served at {@code /test/document-requests}, so the tests can see the gateway's cache.
 */
public class OpenApiServicesResource implements QuarkusTestResourceLifecycleManager {

    /** The documents as the fake services serve them. */
    static final String PROBLEM_SCHEMA = """
            {"type": "object", "description": "RFC 9457 problem details",
             "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                            "detail": {"type": "string"}, "requestId": {"type": "string"}}}""";

    static final String PROVISION_RECORDS = """
            {"openapi": "3.1.0",
             "info": {"title": "Kiroku provision-records", "version": "0.1.0-SNAPSHOT"},
             "servers": [{"url": "http://provision-records.internal:8081"}],
             "tags": [{"name": "Provisions", "description": "Provision records (Art. 29)"},
                      {"name": "Opt-out", "description": "Opt-out stops"},
                      {"name": "Internal", "description": "Maintenance, not routed by the gateway"}],
             "paths": {
               "/api/v1/provisions": {"post": {"tags": ["Provisions"], "summary": "Record a provision",
                   "operationId": "recordProvision", "security": [{"bearer": []}],
                   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Provision"}}}},
                   "responses": {"201": {"description": "Recorded"},
                     "400": {"description": "Not valid", "content": {"application/problem+json":
                        {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
               "/api/v1/provisions/{id}": {
                   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "get": {"tags": ["Provisions"], "summary": "Read a provision", "security": [{"bearer": []}],
                     "responses": {"200": {"description": "The provision", "content": {"application/json":
                        {"schema": {"$ref": "#/components/schemas/Provision"}}}}}}},
               "/api/v1/opt-out-stops": {"get": {"tags": ["Opt-out"], "summary": "List opt-out stops",
                   "security": [{"bearer": []}], "responses": {"200": {"description": "The stops"}}}},
               "/internal/v1/reindex": {"post": {"tags": ["Internal"], "summary": "Rebuild the search index",
                   "responses": {"204": {"description": "Rebuilt"}}}}
             },
             "components": {
               "schemas": {"Problem": %s,
                 "Provision": {"type": "object", "properties": {"id": {"type": "string"},
                                                                "recipient": {"type": "string"}}}},
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
             }}""".formatted(PROBLEM_SCHEMA);

    static final String JOINT_USE = """
            {"openapi": "3.1.0",
             "info": {"title": "Kiroku joint-use", "version": "0.1.0-SNAPSHOT"},
             "tags": [{"name": "Joint-use groups", "description": "Groups under Art. 27(5)(iii)"},
                      {"name": "Public notices", "description": "Published notices, no sign-in"}],
             "paths": {
               "/api/v1/joint-use-groups": {
                   "get": {"tags": ["Joint-use groups"], "summary": "List joint-use groups",
                     "security": [{"bearer": []}], "responses": {"200": {"description": "The groups"},
                       "401": {"description": "No token", "content": {"application/problem+json":
                          {"schema": {"$ref": "#/components/schemas/Problem"}}}}}},
                   "post": {"tags": ["Joint-use groups"], "summary": "Create a draft joint-use group",
                     "security": [{"bearer": []}], "responses": {"201": {"description": "Created"}}}},
               "/public/v1/joint-use-notices": {"get": {"tags": ["Public notices"],
                   "summary": "List the joint-use notices in force", "security": [],
                   "responses": {"200": {"description": "The notices"}}}},
               "/api/v1/provisions": {"get": {"tags": ["Joint-use groups"], "summary": "Not joint-use's path",
                   "security": [{"bearer": []}], "responses": {"200": {"description": "Never routed here"}}}}
             },
             "components": {
               "schemas": {"Problem": %s,
                 "JointUseGroup": {"type": "object", "properties": {"id": {"type": "string"},
                                                                    "name": {"type": "string"}}}},
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
             }}""".formatted(PROBLEM_SCHEMA);

    static final String REALM = "https://login.kiroku.test/realms/kiroku";

    private final List<HttpServer> servers = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            int deadPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                deadPort = socket.getLocalPort();
            }
            Map<String, String> config = new HashMap<>();
            config.put("kiroku.gateway.backends.provision-records.url", serve(PROVISION_RECORDS));
            config.put("kiroku.gateway.backends.provision-records.prefixes",
                    "/api/v1/provision-records,/api/v1/provisions");
            config.put("kiroku.gateway.backends.joint-use.url", serve(JOINT_USE));
            config.put("kiroku.gateway.backends.joint-use.prefixes",
                    "/api/v1/joint-use-groups,/public/v1/joint-use-notices");
            config.put("kiroku.gateway.backends.breach-reporting.url", "http://127.0.0.1:" + deadPort);
            config.put("kiroku.gateway.backends.breach-reporting.prefixes", "/api/v1/incidents");
            config.put("kiroku.gateway.openapi.oidc-public-url", REALM + "/");
            return config;
        } catch (IOException e) {
            stop();
            throw new IllegalStateException(e);
        }
    }

    private String serve(String document) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger served = new AtomicInteger();
        server.createContext("/q/openapi", exchange -> {
            if ("json".equals(queryParameter(exchange, "format"))) {
                served.incrementAndGet();
                respond(exchange, 200, "application/json", document);
            } else {
                respond(exchange, 200, "application/yaml", "openapi: 3.1.0\n");
            }
        });
        server.createContext("/test/document-requests",
                exchange -> respond(exchange, 200, "text/plain", Integer.toString(served.get())));
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return parts.length > 1 ? parts[1] : "";
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
        servers.clear();
    }
}
