package dev.kiroku.provisionrecords.retention.rest;

import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.provisionrecords.common.rest.Problems;
import dev.kiroku.provisionrecords.retention.PurgeRunning;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/** A purge while another runs, as a 409 problem. */
public class RetentionProblemMappers {

    /** A purge while another runs. */
    static final URI PURGE_RUNNING = ProblemType.of("purge-running");

    private final ProblemWriter writer;

    public RetentionProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response running(PurgeRunning e, HttpServerRequest request) {
        return Problems.answer(writer, ProblemException.conflict(PURGE_RUNNING, "A purge is running", e.getMessage()),
                request);
    }
}
