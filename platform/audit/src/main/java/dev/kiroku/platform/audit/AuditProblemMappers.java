package dev.kiroku.platform.audit;

import dev.kiroku.platform.persistence.PersistenceProblemMappers;
import dev.kiroku.platform.web.ProblemWriter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A chain that cannot be written or read is a database failure like any other (503 when unreachable). */
public class AuditProblemMappers {

    private final PersistenceProblemMappers persistence;

    public AuditProblemMappers(ProblemWriter writer) {
        this.persistence = new PersistenceProblemMappers(writer);
    }

    @ServerExceptionMapper
    public Response auditChain(AuditChainException e, HttpServerRequest request) {
        return persistence.answer(PersistenceProblemMappers.classify(e), e, request);
    }
}
