package dev.kiroku.provisionrecords.provision.rest;

import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import dev.kiroku.provisionrecords.optout.StoppedByOptOutRequest;
import dev.kiroku.provisionrecords.provision.BatchTooLarge;
import dev.kiroku.provisionrecords.provision.NotCurrentVersion;
import dev.kiroku.provisionrecords.provision.ProvisionRefusal;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The provision domain's refusals as problems: 422 for what the law refuses, 409 for an opt-out stop or
 * a version no longer current, 413 for a batch too large.
 */
public class ProvisionProblemMappers {

    private final ProblemWriter writer;

    public ProvisionProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response refusal(ProvisionRefusal e, HttpServerRequest request) {
        return answer(ProvisionProblems.refusal(e), request);
    }

    @ServerExceptionMapper
    public Response stopped(StoppedByOptOutRequest e, HttpServerRequest request) {
        return answer(ProvisionProblems.stop(e), request);
    }

    @ServerExceptionMapper
    public Response tooLarge(BatchTooLarge e, HttpServerRequest request) {
        return answer(new ProblemException(413, ProblemType.PAYLOAD_TOO_LARGE, "Batch too large", e.getMessage()),
                request);
    }

    @ServerExceptionMapper
    public Response notCurrent(NotCurrentVersion e, HttpServerRequest request) {
        ProblemException problem = ProblemException.conflict(ProvisionProblems.SUPERSEDED, e.title(), e.getMessage());
        return answer(e.lineageId() == null ? problem : problem.with("lineageId", e.lineageId().toString()), request);
    }

    private Response answer(ProblemException e, HttpServerRequest request) {
        return writer.response(e.toProblem(request.path(), RequestIds.of(request)), e.headers());
    }
}
