package dev.kiroku.gateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.gateway.config.OpenApiConfig;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services' API documents, served by the gateway for its Swagger UI: each service's own at
 * {@code /openapi/<service>.json} and all of them merged at {@code /openapi/kiroku.json}. Both are adapted so that
 * every call goes through the gateway and signs in with Keycloak. They are public: they describe the API and expose
 * no data.
 */
@Path("/openapi")
@PermitAll
@SecurityRequirements
@Tag(name = "API documents", description = "The services' OpenAPI documents, for the gateway's Swagger UI")
@Produces(MediaType.APPLICATION_JSON)
public class OpenApiResource {

    static final String MERGED = "kiroku";
    private static final String SUFFIX = ".json";

    private record Outcome(String service, ObjectNode document) {
    }

    /** The last merged document and what it was made of, so that unchanged inputs are not merged again. */
    private record Merged(List<ObjectNode> inputs, List<String> unavailable, ObjectNode document) {

        boolean madeOf(List<ObjectNode> others, List<String> missing) {
            if (others.size() != inputs.size() || !missing.equals(unavailable)) {
                return false;
            }
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i) != others.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final GatewayConfig gateway;
    private final ServiceDocuments documents;
    private final Optional<KeycloakScheme> scheme;
    private final String version;
    private final Set<String> reportedConflicts = ConcurrentHashMap.newKeySet();
    private volatile Merged lastMerged;

    public OpenApiResource(GatewayConfig gateway, OpenApiConfig config, ServiceDocuments documents,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        this.gateway = gateway;
        this.documents = documents;
        this.scheme = KeycloakScheme.of(config.oidcPublicUrl(), authServerUrl);
        this.version = version;
    }

    @GET
    @Path(MERGED + SUFFIX)
    @Operation(summary = "The merged API document of every service",
            description = "Paths, tags and schemas of all services, every call through the gateway, signed in with "
                    + "Keycloak. A service that does not answer is left out and named in `x-kiroku-unavailable`.")
    @APIResponse(responseCode = "200", description = "The merged OpenAPI document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Uni<Response> merged(@Context HttpServerRequest request) {
        OpenApiMerger merger = merger();
        List<String> services = new ArrayList<>(new TreeSet<>(gateway.backends().keySet()));
        if (services.isEmpty()) {
            return Uni.createFrom().item(json(merger.merged(List.of(), List.of())));
        }
        String requestId = RequestIds.of(request);
        List<Uni<Outcome>> fetches = services.stream()
                .map(service -> documents.document(service, requestId)
                        .map(document -> new Outcome(service, document))
                        .onFailure(DocumentUnavailableException.class).recoverWithItem(new Outcome(service, null)))
                .toList();
        return Uni.join().all(fetches).andFailFast().map(outcomes -> {
            List<ObjectNode> inputs = new ArrayList<>();
            List<OpenApiMerger.Source> sources = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                if (outcome.document() == null) {
                    unavailable.add(outcome.service());
                } else {
                    inputs.add(outcome.document());
                    sources.add(source(outcome.service(), outcome.document()));
                }
            }
            Merged last = lastMerged;
            if (last == null || !last.madeOf(inputs, unavailable)) {
                last = new Merged(List.copyOf(inputs), List.copyOf(unavailable),
                        merger.merged(sources, unavailable));
                lastMerged = last;
            }
            return json(last.document());
        });
    }

    @GET
    @Path("{document}")
    @Operation(summary = "One service's API document",
            description = "The service's own document, with every call through the gateway and signed in with "
                    + "Keycloak.")
    @APIResponse(responseCode = "200", description = "The service's OpenAPI document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "404", description = "No service of that name",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "The service is not reachable or sent no OpenAPI document",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "504", description = "The service did not answer in time",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> service(
            @Parameter(description = "`<service>.json`, e.g. `joint-use.json`", example = "joint-use.json")
            @PathParam("document") String document,
            @Context HttpServerRequest request) {
        String service = document.endsWith(SUFFIX) ? document.substring(0, document.length() - SUFFIX.length()) : null;
        if (service == null || !gateway.backends().containsKey(service)) {
            throw ProblemException.notFound("The gateway routes to no service of this name");
        }
        OpenApiMerger merger = merger();
        return documents.document(service, RequestIds.of(request))
                .map(own -> json(merger.forService(source(service, own))))
                .onFailure(DocumentUnavailableException.class).transform(failure -> unavailable(
                        (DocumentUnavailableException) failure));
    }

    private OpenApiMerger.Source source(String service, ObjectNode document) {
        return new OpenApiMerger.Source(service, gateway.backends().get(service).prefixes(), document);
    }

    private OpenApiMerger merger() {
        KeycloakScheme keycloak = scheme.orElseThrow(() -> new IllegalStateException(
                "Neither kiroku.gateway.openapi.oidc-public-url nor quarkus.oidc.auth-server-url is set: "
                        + "the API documents cannot say where to sign in"));
        return new OpenApiMerger(keycloak, version, reportedConflicts);
    }

    private static ProblemException unavailable(DocumentUnavailableException failure) {
        if (failure.reason() == DocumentUnavailableException.Reason.TIMEOUT) {
            return new ProblemException(504, ProblemType.GATEWAY_TIMEOUT, ProblemType.titleForStatus(504),
                    "The " + failure.service() + " service did not deliver its API document in time");
        }
        return new ProblemException(502, ProblemType.BAD_GATEWAY, ProblemType.titleForStatus(502),
                "The " + failure.service() + " service did not deliver its API document; retry later");
    }

    private static Response json(ObjectNode document) {
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-cache").build();
    }
}
