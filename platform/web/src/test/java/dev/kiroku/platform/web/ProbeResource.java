package dev.kiroku.platform.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * A test-only resource under {@code /api/v1/probe} that fails in every way a Kiroku service can, so that the
 * problem conventions of this module can be checked over HTTP.
 */
@Path("/api/v1/probe")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
public class ProbeResource {

    public record Counterparty(@NotBlank String name, @NotBlank String address) {
    }

    public record Item(@NotBlank String name, @Positive int quantity) {
    }

    public record Submission(@NotBlank String title, @NotNull @Valid Counterparty counterparty,
                             @NotEmpty List<@Valid Item> items) {
    }

    public record Accepted(String title, int items) {
    }

    public record Page(int limit) {
    }

    @POST
    @Path("/submissions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Accepted submit(@NotNull @Valid Submission submission) {
        return new Accepted(submission.title(), submission.items().size());
    }

    @GET
    @Path("/items")
    public Page items(@QueryParam("limit") @Max(100) int limit) {
        return new Page(limit);
    }

    @POST
    @Path("/conflict")
    public Accepted conflict() {
        throw ProblemException.conflict(ProblemType.of("record-frozen"), "Record is frozen",
                        "The record is frozen while a breach is being assessed")
                .with("stop", "breach-assessment-open");
    }

    @POST
    @Path("/refusal")
    public Accepted refusal() {
        throw ProblemException.unprocessable(ProblemType.of("consent-missing"), "Consent is missing",
                        "Providing to a third party abroad needs the person's consent")
                .withViolation(new Problem.Violation("consent", "body", "must be given before the provision",
                        "APPI Art. 28(1)"));
    }

    @GET
    @Path("/failure")
    public Accepted failure() {
        throw new IllegalStateException("secret internal detail");
    }
}
