package dev.kiroku.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.gateway.config.OpenApiConfig;
import dev.kiroku.gateway.openapi.DocumentUnavailableException.Reason;
import dev.kiroku.platform.web.RequestIds;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Fetches each service's OpenAPI document ({@code /q/openapi?format=json}) with Quarkus' Vert.x and keeps it for
 * {@code kiroku.gateway.openapi.cache-ttl}. A failed fetch is not kept, so a service that comes back is seen at once.
 */
@ApplicationScoped
public class ServiceDocuments {

    private static final Logger LOG = Logger.getLogger(ServiceDocuments.class);
    static final String DOCUMENT_PATH = "/q/openapi";

    private record Cached(ObjectNode document, long fetchedAt) {
    }

    private final GatewayConfig gateway;
    private final OpenApiConfig config;
    private final ObjectMapper json;
    private final WebClient client;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ServiceDocuments(GatewayConfig gateway, OpenApiConfig config, ObjectMapper json, Vertx vertx) {
        this.gateway = gateway;
        this.config = config;
        this.json = json;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setUserAgent("kiroku-gateway"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * The service's document, from the cache while it is fresh. Fails with {@link DocumentUnavailableException}
     * when the service is down, too slow or answers something else; the request id is forwarded to the service.
     */
    public Uni<ObjectNode> document(String service, String requestId) {
        GatewayConfig.Backend backend = gateway.backends().get(service);
        if (backend == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a configured service: " + service));
        }
        Cached cached = cache.get(service);
        if (cached != null && System.nanoTime() - cached.fetchedAt() < config.cacheTtl().toNanos()) {
            return Uni.createFrom().item(cached.document());
        }
        String base = backend.url().toString().replaceAll("/+$", "");
        long timeout = config.timeout().toMillis();
        HttpRequest<Buffer> request = client.getAbs(base + DOCUMENT_PATH)
                .addQueryParam("format", "json")
                .putHeader("Accept", "application/json")
                .connectTimeout(Math.min(timeout, backend.connectTimeout().toMillis()))
                .timeout(timeout);
        if (requestId != null) {
            request.putHeader(RequestIds.HEADER, requestId);
        }
        return request.send()
                .onFailure().transform(failure -> isTimeout(failure)
                        ? new DocumentUnavailableException(service, Reason.TIMEOUT,
                                "no answer within " + config.timeout(), failure)
                        : new DocumentUnavailableException(service, Reason.UNREACHABLE,
                                "not reachable (" + failure.getClass().getSimpleName() + ")", failure))
                .map(response -> parse(service, response))
                .invoke(document -> cache.put(service, new Cached(document, System.nanoTime())))
                .onFailure(DocumentUnavailableException.class).invoke(failure -> LOG.warnf(
                        "OpenAPI document of %s is unavailable: %s", service, failure.getMessage()));
    }

    private ObjectNode parse(String service, HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            throw new DocumentUnavailableException(service, Reason.BAD_ANSWER,
                    "answered HTTP " + response.statusCode(), null);
        }
        JsonNode document;
        try {
            document = json.readTree(response.body() == null ? new byte[0] : response.body().getBytes());
        } catch (IOException e) {
            throw new DocumentUnavailableException(service, Reason.BAD_ANSWER, "answered a document that is not JSON",
                    null);
        }
        if (!(document instanceof ObjectNode object) || !object.path("openapi").isTextual()) {
            throw new DocumentUnavailableException(service, Reason.BAD_ANSWER,
                    "answered JSON that is not an OpenAPI document", null);
        }
        return object;
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
