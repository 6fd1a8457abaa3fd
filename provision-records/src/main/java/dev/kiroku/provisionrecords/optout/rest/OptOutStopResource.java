package dev.kiroku.provisionrecords.optout.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.input.SingleLineText;
import dev.kiroku.provisionrecords.common.rest.Callers;
import dev.kiroku.provisionrecords.common.rest.Examples;
import dev.kiroku.provisionrecords.common.rest.QueryChecks;
import dev.kiroku.provisionrecords.optout.OptOutStop;
import dev.kiroku.provisionrecords.optout.service.OptOutStopService.Registered;
import dev.kiroku.provisionrecords.optout.service.OptOutStopService.StopRequest;
import dev.kiroku.provisionrecords.optout.service.OptOutStopService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** A subject's requests to stop opt-out provision (APPI Art. 27(2); privacy policy 001 Art. 12). */
@Path("/api/v1/opt-out-stops")
@Tag(name = "Opt-out stops", description = "Requests of data subjects to stop opt-out provision of their data")
@Produces(MediaType.APPLICATION_JSON)
public class OptOutStopResource {

    private final OptOutStopService service;
    private final SecurityIdentity identity;

    public OptOutStopResource(OptOutStopService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** Who the stop is about: the subject's scheme and identifier. */
    @Schema(name = "SubjectRef")
    public record SubjectRef(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "must be a lower-case scheme name")
            @Schema(example = "customer-number") @SingleLineText String scheme,
            @NotBlank @Size(max = 200) @Schema(example = "C-0012345") @SingleLineText String identifier) {
    }

    /** A named recipient. */
    @Schema(name = "StopRecipient")
    public record RecipientRef(@NotBlank @Size(max = 300) @Schema(example = "株式会社サンプル商事") @SingleLineText String name,
                               @Pattern(regexp = "\\d{13}", message = "must be the 13-digit corporate number")
                               @SingleLineText String corporateNumber) {
    }

    /** The stop request as received. */
    @Schema(name = "OptOutStopRequest")
    public record StopBody(@NotNull @Valid SubjectRef subject,
                           @Schema(description = "Recipients the stop covers; empty or absent = every recipient")
                           @Size(max = 100) List<@NotNull @Valid RecipientRef> recipients,
                           @NotNull @Schema(description = "First day no opt-out provision may be made (Asia/Tokyo)")
                           LocalDate effectiveFrom,
                           @NotBlank @Size(max = 200) @Schema(description = "How the request reached the business",
                                   example = "お問い合わせ窓口（電話）") @SingleLineText String receivedVia) {
    }

    /** Withdrawal of a stop. */
    @Schema(name = "OptOutStopWithdrawal")
    public record WithdrawalBody(@Schema(description = "First day opt-out provision may resume; today when absent")
                                 LocalDate from,
                                 @NotBlank @Size(max = 2000) String reason) {
    }

    /** A stop as officers and auditors read it. */
    @Schema(name = "OptOutStop")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StopView(UUID id, SubjectRef subject, boolean allRecipients, List<RecipientRef> recipients,
                           LocalDate effectiveFrom, String receivedVia, boolean active, OffsetDateTime registeredAt,
                           String registeredBy, LocalDate withdrawnOn, OffsetDateTime withdrawnAt, String withdrawnBy,
                           String withdrawalReason) {
    }

    /** A page of stops. */
    @Schema(name = "OptOutStopPage")
    public record StopPage(List<StopView> items, String next) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Register a subject's request to stop opt-out provision",
            description = "From `effectiveFrom` on, an opt-out provision (APPI Art. 27(2)) of the subject's data to "
                    + "the named recipients (or to anyone when none is named) is refused with a 409 that cites this "
                    + "stop. Idempotent by `Idempotency-Key`.")
    @RequestBody(content = @Content(schema = @Schema(implementation = StopBody.class),
            examples = @ExampleObject(name = "stop to one recipient", value = Examples.STOP_REQUEST)))
    @APIResponse(responseCode = "201", description = "Registered; Location names it",
            headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a retry"),
            content = @Content(schema = @Schema(implementation = StopView.class),
                    examples = @ExampleObject(name = "stop", value = Examples.STOP)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "422", description = "The idempotency key was used with a different body",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "key reused", value = Examples.KEY_REUSED)))
    public Response register(@NotNull @Valid StopBody body,
            @Parameter(in = ParameterIn.HEADER, description = "Makes retries safe")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, @Context UriInfo uri) {
        List<OptOutStop.Recipient> recipients = body.recipients() == null ? List.of()
                : body.recipients().stream().map(r -> new OptOutStop.Recipient(r.name(), r.corporateNumber())).toList();
        Registered registered = service.register(new StopRequest(body.subject().scheme(), body.subject().identifier(),
                recipients, body.effectiveFrom(), body.receivedVia()), idempotencyKey, Callers.of(identity));
        Response.ResponseBuilder response = Response.created(uri.getBaseUriBuilder().path("api/v1/opt-out-stops")
                .path(registered.stop().id().toString()).build()).entity(view(registered.stop()));
        if (registered.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "List opt-out stops", description = "Keyset-paginated in registration order; optionally of "
            + "one subject and only active or only withdrawn ones.")
    @APIResponse(responseCode = "200", description = "A page of stops",
            content = @Content(schema = @Schema(implementation = StopPage.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public Response list(
            @Parameter(description = "Subject identifier scheme", example = "customer-number")
            @QueryParam("subjectScheme") String subjectScheme,
            @Parameter(description = "Subject identifier", example = "C-0012345")
            @QueryParam("subjectIdentifier") String subjectIdentifier,
            @Parameter(description = "true: only active; false: only withdrawn") @QueryParam("active") Boolean active,
            @Parameter(description = "Cursor: the `next` of the previous page") @QueryParam("after") UUID after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        QueryChecks.subjectPair(subjectScheme, subjectIdentifier);
        List<StopView> items = service.list(subjectScheme, subjectIdentifier, active, after, limit).stream()
                .map(this::view).toList();
        String next = KeysetPages.next(items, limit, last -> last.id());
        return KeysetPages.ok(new StopPage(items, next), next, uri, "after");
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Read an opt-out stop")
    @APIResponse(responseCode = "200", description = "The stop",
            content = @Content(schema = @Schema(implementation = StopView.class),
                    examples = @ExampleObject(name = "stop", value = Examples.STOP)))
    @APIResponse(responseCode = "404", description = "No such stop",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StopView get(@PathParam("id") UUID id) {
        return view(service.find(id));
    }

    @POST
    @Path("/{id}/withdrawals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Withdraw an opt-out stop",
            description = "The subject withdrew the request: opt-out provisions dated on or after `from` are allowed "
                    + "again. Provisions between the stop and the withdrawal stay refused.")
    @RequestBody(content = @Content(schema = @Schema(implementation = WithdrawalBody.class),
            examples = @ExampleObject(name = "withdrawal", value = Examples.WITHDRAWAL)))
    @APIResponse(responseCode = "200", description = "The withdrawn stop",
            content = @Content(schema = @Schema(implementation = StopView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "No such stop",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already withdrawn, or `from` precedes the stop",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StopView withdraw(@PathParam("id") UUID id, @NotNull @Valid WithdrawalBody body) {
        return view(service.withdraw(id, body.from(), body.reason(), Callers.of(identity)));
    }

    private StopView view(OptOutStop s) {
        return new StopView(s.id(), new SubjectRef(s.subjectScheme(), service.subjectIdentifier(s)), s.allRecipients(),
                s.recipients().stream().map(r -> new RecipientRef(r.name(), r.corporateNumber())).toList(),
                s.effectiveFrom(), s.receivedVia(), s.withdrawnAt() == null,
                s.registeredAt().atOffset(ZoneOffset.UTC), s.registeredBy(), s.withdrawnOn(),
                s.withdrawnAt() == null ? null : s.withdrawnAt().atOffset(ZoneOffset.UTC), s.withdrawnBy(),
                s.withdrawalReason());
    }
}
