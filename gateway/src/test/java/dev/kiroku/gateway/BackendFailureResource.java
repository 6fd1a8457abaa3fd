package dev.kiroku.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Two broken services for the gateway: one whose port nobody listens on (down) and one that answers only after
 * three seconds (slow, with a one-second gateway timeout).
 */
public class BackendFailureResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer slow;

    @Override
    public Map<String, String> start() {
        try {
            int deadPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                deadPort = socket.getLocalPort();
            }
            slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            slow.createContext("/", exchange -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            slow.start();
            return Map.of(
                    "kiroku.gateway.backends.down.url", "http://127.0.0.1:" + deadPort,
                    "kiroku.gateway.backends.down.prefixes", "/api/v1/down-service",
                    "kiroku.gateway.backends.slow.url", "http://127.0.0.1:" + slow.getAddress().getPort(),
                    "kiroku.gateway.backends.slow.prefixes", "/api/v1/slow-service",
                    "kiroku.gateway.backends.slow.timeout", "1S",
                    "kiroku.gateway.routes.down.prefix", "/api/v1/down-service",
                    "kiroku.gateway.routes.slow.prefix", "/api/v1/slow-service");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (slow != null) {
            slow.stop(0);
        }
    }
}
