package dev.kiroku.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service stand-in that answers what reached it — method, path with query, headers, body length and SHA-256 — so
 * gateway tests can see what was forwarded, and counts its requests so they can prove what was not. It also sends a
 * {@code Server} banner the gateway must strip. Route policies for it are set here too.
 */
public class EchoBackendResource implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger REQUESTS = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            long length = 0;
            String sha256;
            try (InputStream in = new DigestInputStream(exchange.getRequestBody(), sha())) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    length += n;
                }
                sha256 = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            StringBuilder json = new StringBuilder("{\"method\":\"").append(exchange.getRequestMethod())
                    .append("\",\"uri\":\"").append(escape(exchange.getRequestURI().toString()))
                    .append("\",\"length\":").append(length).append(",\"sha256\":\"").append(sha256)
                    .append("\",\"headers\":{");
            headers.forEach((k, v) -> json.append('"').append(escape(k)).append("\":\"").append(escape(v)).append("\","));
            if (!headers.isEmpty()) {
                json.setLength(json.length() - 1);
            }
            json.append("}}");
            byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Server", "EchoServer/1.0");
            exchange.getResponseHeaders().set("X-Powered-By", "Echo");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new java.util.HashMap<>();
        config.put("kiroku.gateway.backends.echo.url", url);
        config.put("kiroku.gateway.backends.echo.prefixes",
                "/api/v1/echo,/api/v1/echo-admin,/api/v1/echo-unguarded,/public/v1/echo-notices,/public/v1/echo-burst");
        config.put("kiroku.gateway.routes.echo.prefix", "/api/v1/echo");
        config.put("kiroku.gateway.routes.echo.methods", "GET,POST");
        config.put("kiroku.gateway.routes.echo.roles", "compliance-officer,auditor");
        config.put("kiroku.gateway.routes.echo-admin.prefix", "/api/v1/echo-admin");
        config.put("kiroku.gateway.routes.echo-admin.roles", "compliance-officer");
        config.put("kiroku.gateway.routes.echo-notices.prefix", "/public/v1/echo-notices");
        config.put("kiroku.gateway.routes.echo-notices.methods", "GET");
        config.put("kiroku.gateway.routes.echo-notices.public", "true");
        config.put("kiroku.gateway.routes.echo-burst.prefix", "/public/v1/echo-burst");
        config.put("kiroku.gateway.routes.echo-burst.methods", "GET");
        config.put("kiroku.gateway.routes.echo-burst.public", "true");
        config.put("kiroku.gateway.rate-limit.client.capacity", "40");
        config.put("kiroku.gateway.rate-limit.public.capacity", "5");
        // the stand-in accepts less than the gateway (64M), as provision-records does: a chunked body past it is a 413
        config.put("kiroku.gateway.backends.echo.max-body-size", "20M");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
