package dev.kiroku.provisionrecords.common.rest;

import dev.kiroku.platform.persistence.PersistenceProblemMappers;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.provisionrecords.common.InvalidInput;
import dev.kiroku.provisionrecords.common.NotFound;
import dev.kiroku.provisionrecords.common.RecordStoreException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The service-wide failures as problems: 400 for invalid input, 404, and the database's as the platform answers them. */
public class CommonProblemMappers {

    private final ProblemWriter writer;
    private final PersistenceProblemMappers persistence;

    public CommonProblemMappers(ProblemWriter writer) {
        this.writer = writer;
        this.persistence = new PersistenceProblemMappers(writer);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e, HttpServerRequest request) {
        return Problems.answer(writer, Problems.invalid(e), request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e, HttpServerRequest request) {
        return Problems.answer(writer, ProblemException.notFound(e.getMessage()), request);
    }

    /** A failure of the plain-JDBC record store: 503 when unreachable, 422 for a value it cannot hold, else 500. */
    @ServerExceptionMapper
    public Response store(RecordStoreException e, HttpServerRequest request) {
        return persistence.answer(PersistenceProblemMappers.classify(e), e, request);
    }
}
