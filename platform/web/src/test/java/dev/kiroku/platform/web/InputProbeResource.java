package dev.kiroku.platform.web;

import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A test-only resource under {@code /api/v1/input-probe} taking every kind of input the strict rules cover. */
@Path("/api/v1/input-probe")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
public class InputProbeResource {

    public enum Kind { FIRST_PARTY, THIRD_PARTY }

    public record Entry(@SingleLineText String name, String description, LocalDate day, Instant at, Kind kind,
                        boolean flag, int count, List<@SingleLineText String> aliases, Map<String, String> tags) {
    }

    public record Query(Integer limit, LocalDate from, Instant since, Kind kind, Boolean active, UUID after,
                        String text, String id) {
    }

    @POST
    @Path("/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Entry create(@NotNull @Valid Entry entry) {
        return entry;
    }

    @POST
    @Path("/lines")
    @Consumes("text/csv")
    public String lines(String csv) {
        return "{\"length\":" + csv.length() + "}";
    }

    @GET
    @Path("/entries/{id}")
    public Query list(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("from") LocalDate from, @QueryParam("since") Instant since, @QueryParam("kind") Kind kind,
            @QueryParam("active") Boolean active, @QueryParam("after") UUID after, @QueryParam("text") String text) {
        return new Query(limit, from, since, kind, active, after, text, id);
    }
}
