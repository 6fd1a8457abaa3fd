package dev.kiroku.breachreporting.incident.rest;

import dev.kiroku.breachreporting.incident.IllegalIncidentTransition;
import dev.kiroku.breachreporting.incident.IncidentAction;
import dev.kiroku.breachreporting.incident.IncidentRefusal;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

/** The incident domain's refusals as problems: 422 for what the law refuses, 409 for an illegal transition. */
public class IncidentProblemMappers {

    static final URI REFUSED = ProblemType.of("incident-refused");
    static final URI ILLEGAL_TRANSITION = ProblemType.of("incident-illegal-transition");

    private final ProblemWriter writer;

    public IncidentProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response refusal(IncidentRefusal e, HttpServerRequest request) {
        var violations = e.reasons().stream()
                .map(r -> new Problem.Violation(r.field(), "body", r.message(), r.article()))
                .toList();
        return writer.response(new Problem(REFUSED, "Not allowed for this incident", 422, e.getMessage(),
                request.path(), RequestIds.of(request), violations, null), Map.of());
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalIncidentTransition e, HttpServerRequest request) {
        var allowed = Arrays.stream(IncidentAction.values()).filter(a -> a.target(e.from()).isPresent())
                .map(IncidentAction::wireName).toList();
        return writer.response(new Problem(ILLEGAL_TRANSITION, "Illegal transition", 409, e.getMessage(),
                request.path(), RequestIds.of(request), null, Map.of("action", e.action().wireName(),
                "incidentStatus", e.from().name(), "allowedActions", allowed)), Map.of());
    }
}
