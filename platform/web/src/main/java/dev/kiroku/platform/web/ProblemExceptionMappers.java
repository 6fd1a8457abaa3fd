package dev.kiroku.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps every exception that leaves a JAX-RS resource to an RFC 9457 problem. Details are written for clients:
 * never a stack trace, a class name, SQL or an exception message of a library.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    private final ProblemWriter writer;
    private final ObjectMapper mapper;

    public ProblemExceptionMappers(ProblemWriter writer, ObjectMapper mapper) {
        this.writer = writer;
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return writer.response(e.toProblem(request.path(), RequestIds.of(request)), e.headers());
    }

    @ServerExceptionMapper
    public Response invalidIdempotencyKey(Idempotency.InvalidKey e, HttpServerRequest request) {
        return problem(e.toProblem(), request);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(Idempotency.KeyReused e, HttpServerRequest request) {
        return problem(e.toProblem(), request);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyInProgress(Idempotency.InProgress e, HttpServerRequest request) {
        return problem(e.toProblem(), request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return generic(403, "The token's roles do not allow this operation", request, Map.of());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        boolean returnValue = e.getConstraintViolations().stream().anyMatch(v -> isReturnValue(v.getPropertyPath()));
        if (returnValue) {
            LOG.error("A response failed its own validation constraints");
            return generic(500, "An unexpected error occurred; quote the request id when reporting it", request, Map.of());
        }
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(ProblemExceptionMappers::violation)
                .sorted(Comparator.comparing(Problem.Violation::field, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        Problem problem = new Problem(ProblemType.VALIDATION, "Request is not valid", 400,
                violations.size() == 1 ? "1 field is not valid" : violations.size() + " fields are not valid",
                request.path(), RequestIds.of(request), violations, null);
        return writer.response(problem, Map.of());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        String detail = "The request body is not valid JSON";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            violations.add(Problem.Violation.of(jsonPath(mapping), "body", mismatch(mapping)));
            detail = "The request body does not match the expected structure";
        } else if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            detail = "The request body has content after the JSON document";
        } else if (e instanceof StreamReadException read && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field")) {
            violations.add(Problem.Violation.of(duplicatePath(read), "body", "is a duplicate key"));
            detail = "The request body has a duplicate key";
        }
        Problem problem = new Problem(ProblemType.BAD_REQUEST, "Malformed request body", 400, detail, request.path(),
                RequestIds.of(request), violations, null);
        return writer.response(problem, Map.of());
    }

    private String mismatch(JsonMappingException e) {
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + String.join(", ", enumNames(format.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                && mismatched.getTargetType().isEnum()) {
            return "must be one of " + String.join(", ", enumNames(mismatched.getTargetType()));
        }
        return "has a value of the wrong type or format";
    }

    /** The names an enum has in JSON (as the mapper writes them, so {@code @JsonProperty} names count). */
    private List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            try {
                names.add(mapper.readTree(mapper.writeValueAsString(constant)).asText());
            } catch (JsonProcessingException ignored) {
                names.add(((Enum<?>) constant).name());
            }
        }
        return names;
    }

    /** The field a mapping failure names, as a violation's {@code field}: {@code counterparty.items[2].name}. */
    public static String jsonPath(JsonMappingException mapping) {
        if (mapping.getPath().isEmpty()) {
            return null;
        }
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** The path of the duplicate key: the parser's context when it refused the key. */
    private static String duplicatePath(StreamReadException e) {
        JsonParser parser = e.getProcessor();
        if (parser == null || parser.getParsingContext() == null) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : parser.getParsingContext().pathAsPointer().toString().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit) && path.length() > 0) {
                path.append('[').append(name).append(']');
            } else {
                path.append(path.length() > 0 ? "." : "").append(name);
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    /**
     * A value of the wrong JSON type or format. Declared for the specific type because Quarkus REST's built-in
     * mapper for it would otherwise win over {@link #unreadableJson} and answer plain JSON.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return unreadableJson(e, request);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, request);
        }
        if (status >= 500) {
            logUnexpected(LOG, e, request.method() + " " + request.path());
        }
        if (status == 404 && e instanceof NotFoundException && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException)) {
            return generic(400, "A query or path parameter is malformed", request, Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (original != null) {
            for (String name : List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE)) {
                String value = original.getHeaderString(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        return generic(status, detailFor(status), request, headers);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        logUnexpected(LOG, e, request.method() + " " + request.path());
        return generic(500, "An unexpected error occurred; quote the request id when reporting it", request, Map.of());
    }

    /**
     * Logs an unexpected failure with its stack trace, unless a database driver's exception is among its causes: its
     * message may quote a row's values, so then only the SQLState and the exception types are logged.
     */
    static void logUnexpected(Logger log, Throwable e, String answering) {
        List<String> types = new ArrayList<>();
        String state = null;
        boolean database = false;
        for (Throwable t = e; t != null && types.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            types.add(t.getClass().getName());
            if (t instanceof java.sql.SQLException sql) {
                database = true;
                state = state == null ? sql.getSQLState() : state;
            }
        }
        if (database) {
            log.errorf("Unhandled database failure answering %s (SQLState %s, exceptions %s)", answering, state,
                    String.join(" < ", types));
        } else {
            log.errorf(e, "Unhandled exception answering %s", answering);
        }
    }

    private Response unauthenticated(HttpServerRequest request) {
        return generic(401, "A valid bearer token is required", request,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, HttpProblemHandlers.BEARER_CHALLENGE));
    }

    private Response generic(int status, String detail, HttpServerRequest request, Map<String, String> headers) {
        return writer.response(HttpProblemHandlers.problem(status, detail, request.path(), RequestIds.of(request)),
                headers);
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed";
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "None of the accepted media types can be produced";
            case 413 -> "The request body exceeds the size limit";
            case 415 -> "The request's content type is not supported here";
            default -> status >= 500 ? "An unexpected error occurred; quote the request id when reporting it"
                    : ProblemType.titleForStatus(status);
        };
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code create.request.counterparty.address} → field {@code counterparty.address} in {@code body};
     * {@code list.limit} of a {@code @QueryParam("limit")} → field {@code limit} in {@code query}. A violation of the
     * body as a whole (e.g. a missing body) has no field.
     */
    static Problem.Violation violation(ConstraintViolation<?> v) {
        StringBuilder field = new StringBuilder();
        Path.MethodNode method = null;
        Path.ParameterNode parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD -> method = node.as(Path.MethodNode.class);
                case PARAMETER -> parameter = node.as(Path.ParameterNode.class);
                case CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> { }
                default -> {
                    if (node.isInIterable() && field.length() > 0) {
                        field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                    }
                    if (node.getName() != null) {
                        if (field.length() > 0) {
                            field.append('.');
                        }
                        field.append(node.getName());
                    }
                }
            }
        }
        Source source = method == null || parameter == null ? Source.BODY
                : Source.of(v.getRootBeanClass(), method, parameter);
        if (source.name() != null && field.length() == 0) {
            field.append(source.name());
        }
        return new Problem.Violation(field.length() == 0 ? null : field.toString(), source.in(), v.getMessage(), null);
    }

    /** Where a resource method parameter comes from: its JAX-RS annotation, or the body when it has none. */
    private record Source(String in, String name) {

        static final Source BODY = new Source("body", null);

        static Source of(Class<?> type, Path.MethodNode method, Path.ParameterNode parameter) {
            Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                Source source = declared(c, method.getName(), types, parameter);
                for (int i = 0; source == null && i < c.getInterfaces().length; i++) {
                    source = declared(c.getInterfaces()[i], method.getName(), types, parameter);
                }
                if (source != null) {
                    return source;
                }
            }
            return BODY;
        }

        /** The source declared on this class's own method (generated subclasses redeclare it without annotations). */
        private static Source declared(Class<?> c, String name, Class<?>[] types, Path.ParameterNode parameter) {
            Method declared;
            try {
                declared = c.getDeclaredMethod(name, types);
            } catch (NoSuchMethodException e) {
                return null;
            }
            int index = parameter.getParameterIndex();
            Annotation[][] annotations = declared.getParameterAnnotations();
            if (index < 0 || index >= annotations.length) {
                return null;
            }
            String javaName = parameter.getName();
            for (Annotation a : annotations[index]) {
                Source source = annotatedBy(a, javaName);
                if (source != null) {
                    return source;
                }
            }
            return null;
        }

        private static Source annotatedBy(Annotation a, String javaName) {
            if (a instanceof QueryParam q) {
                return new Source("query", q.value());
            } else if (a instanceof RestQuery q) {
                return new Source("query", orJavaName(q.value(), javaName));
            } else if (a instanceof PathParam p) {
                return new Source("path", p.value());
            } else if (a instanceof RestPath p) {
                return new Source("path", orJavaName(p.value(), javaName));
            } else if (a instanceof MatrixParam m) {
                return new Source("path", m.value());
            } else if (a instanceof RestMatrix m) {
                return new Source("path", orJavaName(m.value(), javaName));
            } else if (a instanceof HeaderParam h) {
                return new Source("header", h.value());
            } else if (a instanceof RestHeader h) {
                return new Source("header", orJavaName(h.value(), javaName));
            } else if (a instanceof CookieParam c) {
                return new Source("cookie", c.value());
            } else if (a instanceof RestCookie c) {
                return new Source("cookie", orJavaName(c.value(), javaName));
            } else if (a instanceof FormParam f) {
                return new Source("body", f.value());
            } else if (a instanceof RestForm f) {
                return new Source("body", orJavaName(f.value(), javaName));
            }
            return null;
        }

        private static String orJavaName(String value, String javaName) {
            return value == null || value.isEmpty() ? javaName : value;
        }
    }
}
