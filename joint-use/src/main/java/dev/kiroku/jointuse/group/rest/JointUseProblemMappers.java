package dev.kiroku.jointuse.group.rest;

import dev.kiroku.jointuse.group.IllegalGroupTransition;
import dev.kiroku.jointuse.group.JointUseRefusal;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Map;

/** The joint-use domain's refusals as problems: 422 for what the law refuses, 409 for a wrong state. */
public class JointUseProblemMappers {

    static final URI CHANGE_REFUSED = ProblemType.of("joint-use-change-refused");
    static final URI GROUP_STATE = ProblemType.of("joint-use-group-state");

    private final ProblemWriter writer;

    public JointUseProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response refusal(JointUseRefusal e, HttpServerRequest request) {
        var violations = e.reasons().stream()
                .map(r -> new Problem.Violation(r.field(), "body", r.message(), r.article()))
                .toList();
        return writer.response(new Problem(CHANGE_REFUSED, "Change not allowed for a joint-use group", 422,
                e.getMessage(), request.path(), RequestIds.of(request), violations, null), Map.of());
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalGroupTransition e, HttpServerRequest request) {
        return writer.response(new Problem(GROUP_STATE, "Not allowed in the group's current state", 409,
                e.getMessage(), request.path(), RequestIds.of(request), null, null), Map.of());
    }
}
