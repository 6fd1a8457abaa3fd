package dev.kiroku.platform.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.info.License;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What makes every service's OpenAPI document a contract that linters and client generators accept, in one place
 * instead of on every resource:
 * <ul>
 *   <li>every operation has a stable, readable {@code operationId} derived from its method and path
 *   ({@link #operationId}): {@code POST /api/v1/incidents} is {@code createIncident}, {@code GET /api/v1/incidents}
 *   {@code listIncidents}, {@code GET /api/v1/incidents/{id}/reports/{reportId}} {@code getIncidentReport}. The
 *   audit log's {@code {service}} paths are named after the service ({@code quarkus.application.name}), so the ids
 *   stay unique when the gateway merges the services' documents. An id a resource sets itself is kept;</li>
 *   <li>a response header without a schema (e.g. {@code Idempotent-Replayed}) gets a string schema;</li>
 *   <li>the roles {@code @RolesAllowed} publishes as the scopes of the {@code bearer} requirement (scopes a bearer
 *   scheme does not have) move to the operation's {@value #ROLES} extension and its description, and the
 *   requirement itself has no scopes.</li>
 *   <li>a document without servers names its own address ({@code /}), and the licence its SPDX identifier (its
 *   name, {@code Apache-2.0}), as OpenAPI 3.1 asks.</li>
 * </ul>
 * Runs at start-up in every service that uses platform/web.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ContractFilter implements OASFilter {

    /** The extension naming the realm roles an operation admits (any one of them). */
    public static final String ROLES = "x-kiroku-roles";
    private static final String SERVICE_PARAMETER = "{service}";
    private static final Set<String> VERSION_PREFIXES = Set.of("api", "public", "v1", "v2");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url("/").description("This service; through the gateway, "
                    + "the gateway's address (/openapi/kiroku.json)"));
        }
        License license = openAPI.getInfo() == null ? null : openAPI.getInfo().getLicense();
        if (license != null && license.getName() != null && license.getIdentifier() == null
                && license.getUrl() == null) {
            // OpenAPI 3.1 wants the licence's SPDX identifier (or a URL); the suite's licence name is one
            license.setIdentifier(license.getName());
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        String service = ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                .orElse("service");
        Set<String> used = new HashSet<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() == null) {
                return;
            }
            item.getOperations().forEach((method, operation) -> {
                if (operation.getOperationId() == null || operation.getOperationId().isBlank()) {
                    String id = operationId(method.name(), path.replace(SERVICE_PARAMETER, service));
                    String unique = id;
                    for (int n = 2; used.contains(unique); n++) {
                        unique = id + n;
                    }
                    operation.setOperationId(unique);
                }
                used.add(operation.getOperationId());
                headerSchemas(operation);
                rolesOutOfScopes(operation);
            });
        });
    }

    /**
     * The id of an operation: a verb from the method ({@code list} for a GET of a collection, {@code get}, {@code
     * create}, {@code replace}, {@code update}, {@code delete}) and the path's words without its {@code /api/v1}
     * prefix, each collection followed by a parameter named in the singular.
     */
    public static String operationId(String method, String path) {
        List<String> segments = new ArrayList<>(List.of(path.replaceAll("^/+|/+$", "").split("/+")));
        while (!segments.isEmpty() && VERSION_PREFIXES.contains(segments.get(0))) {
            segments.remove(0);
        }
        boolean endsWithParameter = !segments.isEmpty() && isParameter(segments.get(segments.size() - 1));
        StringBuilder noun = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isParameter(segment)) {
                continue;
            }
            boolean last = i == segments.size() - 1;
            boolean item = (i + 1 < segments.size() && isParameter(segments.get(i + 1)))
                    || (last && !"GET".equalsIgnoreCase(method) && !"HEAD".equalsIgnoreCase(method));
            noun.append(pascal(segment, item));
        }
        String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> endsWithParameter || !isPlural(last) ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "replace";
            case "PATCH" -> "update";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return verb + noun;
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{");
    }

    private static boolean isPlural(String word) {
        return word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is");
    }

    /** {@code joint-use-groups} as {@code JointUseGroups}, or {@code JointUseGroup} as one item. */
    private static String pascal(String segment, boolean singular) {
        String[] words = segment.split("[-_.]+");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (singular && i == words.length - 1) {
                word = singular(word);
            }
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    private static String singular(String word) {
        if (!isPlural(word)) {
            return word;
        }
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("sses") || word.endsWith("xes")) {
            return word.substring(0, word.length() - 2);
        }
        return word.substring(0, word.length() - 1);
    }

    private static void headerSchemas(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            if (response.getHeaders() == null) {
                continue;
            }
            for (Header header : response.getHeaders().values()) {
                if (header.getRef() == null && header.getSchema() == null && header.getContent() == null) {
                    header.setSchema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
                }
            }
        }
    }

    private static void rolesOutOfScopes(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement plain = OASFactory.createSecurityRequirement();
            if (requirement.getSchemes() != null) {
                for (Map.Entry<String, List<String>> scheme : requirement.getSchemes().entrySet()) {
                    if (scheme.getValue() != null) {
                        roles.addAll(scheme.getValue());
                    }
                    plain.addScheme(scheme.getKey());
                }
            }
            requirements.add(plain);
        }
        if (roles.isEmpty()) {
            return;
        }
        operation.setSecurity(requirements);
        operation.addExtension(ROLES, List.copyOf(roles));
        String note = "Roles: " + String.join(", ", roles) + ".";
        String description = operation.getDescription();
        if (description == null || description.isBlank()) {
            operation.setDescription(note);
        } else if (!description.contains(note)) {
            operation.setDescription(description + "\n\n" + note);
        }
    }
}
