package dev.kiroku.breachreporting.report.rest;

import dev.kiroku.breachreporting.report.ReportAlreadySubmitted;
import dev.kiroku.breachreporting.report.service.ReportService;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** A submitted report is frozen: changing or submitting it again is a 409. */
public class ReportProblemMappers {

    private final ProblemWriter writer;

    public ReportProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response submitted(ReportAlreadySubmitted e, HttpServerRequest request) {
        return writer.response(new Problem(ReportService.REPORT_SUBMITTED, "Report already submitted", 409,
                e.getMessage(), request.path(), RequestIds.of(request), null, Map.of("seq", e.seq())), Map.of());
    }
}
