package dev.kiroku.breachreporting.affected.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;

/**
 * provision-records' {@code GET /api/v1/provision-subjects}, called with the service account's token (the OIDC client
 * filter fetches it by client credentials, caches it and refreshes it before it expires).
 */
@Path("/api/v1/provision-subjects")
@OidcClientFilter
public interface ProvisionSubjectsApi {

    /** One subject as provision-records names it. Personal data: never logged. */
    record Subject(String scheme, String identifier, String name) {
    }

    /** A page of distinct subjects; provision-records counts the total on the first page only. */
    record SubjectPage(List<Subject> items, String next, Long total) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    SubjectPage subjects(@QueryParam("counterpartyCorporateNumber") String corporateNumber,
            @QueryParam("counterpartyName") String counterpartyName, @QueryParam("item") Set<String> items,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("after") String after,
            @QueryParam("limit") int limit, @QueryParam("count") boolean count);
}
