package dev.kiroku.breachreporting.incident.rest;

import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.IncidentAction;
import dev.kiroku.breachreporting.incident.IncidentDraft;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import dev.kiroku.breachreporting.incident.IncidentTransition;
import dev.kiroku.breachreporting.incident.rest.IncidentRequests.TransitionRequest;
import dev.kiroku.breachreporting.incident.rest.IncidentViews.IncidentResponse;
import dev.kiroku.breachreporting.incident.rest.IncidentViews.TransitionResponse;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts;
import dev.kiroku.breachreporting.incident.service.IncidentService;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.RenderedRows;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Breach managers and compliance officers record, assess and move incidents; only a breach manager takes the governed
 * decisions (not reportable, reopen); auditors read.
 */
@Path("/api/v1/incidents")
@Tag(name = "Incidents", description = "Breach incidents under APPI Art. 26: assessment, deadlines, transitions")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final IncidentService service;
    private final SecurityIdentity identity;

    public IncidentResource(IncidentService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** A page of incidents. */
    @Schema(name = "IncidentPage")
    record IncidentPage(List<IncidentResponse> items, String next,
                        @Schema(description = "Ids of incidents on this page that could not be rendered (logged; empty "
                                + "as a rule): one such incident never fails the list") List<String> unrendered) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Record an incident",
            description = "The awareness moment (when any department of the business came to know, 知った日) is the "
                    + "legal anchor of every APPI deadline (Rule 8(1),(2)); it is kept apart from the detection moment, "
                    + "and a written justification is required when they differ. An entrusted party (委託先) names its "
                    + "principal (Rule 9). With `Idempotency-Key`, a retry of the same request answers the first "
                    + "incident again; the same key with another body is a 422 and nothing is written.")
    @RequestBody(content = @Content(schema = @Schema(implementation = IncidentDraft.class),
            examples = @ExampleObject(name = "web skimming", value = Examples.DRAFT)))
    @APIResponse(responseCode = "201", description = "The incident; Location names it",
            content = @Content(schema = @Schema(implementation = IncidentResponse.class),
                    examples = @ExampleObject(name = "incident", value = Examples.INCIDENT)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "422", description = "Awareness differs from detection without a justification, an "
            + "instant in the future, a principal missing for an entrusted party, an awareness whose deadlines the "
            + "holiday calendar cannot count (outside 1955–2099: `outside-holiday-calendar`, nothing stored), or an "
            + "Idempotency-Key reused",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid IncidentDraft draft,
            @Parameter(description = "Makes retries safe (IETF httpapi Idempotency-Key)")
            @HeaderParam(Idempotency.HEADER) @Size(min = 1, max = 200) String idempotencyKey,
            @Context UriInfo uri) {
        IncidentService.Created created = service.create(draft, idempotencyKey,
                Idempotency.clientOf(identity.getPrincipal()), actor());
        Incident incident = created.incident();
        Response.ResponseBuilder response = Response
                .created(uri.getAbsolutePathBuilder().path(incident.id().toString()).build()).entity(view(incident));
        if (created.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "List incidents", description = "Keyset-paginated in creation order.")
    @APIResponse(responseCode = "200", description = "A page of incidents",
            content = @Content(schema = @Schema(implementation = IncidentPage.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "Only incidents in this state") @QueryParam("status") IncidentStatus status,
            @Parameter(description = "Cursor: the `next` of the previous page") @QueryParam("after") UUID after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        List<Incident> incidents = service.list(after, status, limit);
        Map<UUID, Long> persons = service.affectedPersons(incidents.stream().map(Incident::id).toList());
        RenderedRows.Rendered<IncidentResponse> page = RenderedRows.render("incident", incidents, Incident::id,
                i -> IncidentResponse.of(i, service.calculator(), service.now(), persons.getOrDefault(i.id(), 0L)));
        String next = KeysetPages.next(incidents, limit, Incident::id);
        return KeysetPages.ok(new IncidentPage(page.items(), next, page.unrendered()), next, uri, "after");
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Read an incident",
            description = "With its assessment, its deadlines (each naming its rule; legal dates in Asia/Tokyo), the "
                    + "frozen lateness of every filing, and the actions its state allows.")
    @APIResponse(responseCode = "200", description = "The incident",
            content = @Content(schema = @Schema(implementation = IncidentResponse.class),
                    examples = @ExampleObject(name = "incident", value = Examples.INCIDENT)))
    @APIResponse(responseCode = "404", description = "No such incident",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = Examples.NOT_FOUND)))
    public IncidentResponse get(@PathParam("id") UUID id) {
        return view(service.find(id));
    }

    @POST
    @Path("/{id}/assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Assess or re-assess an incident under APPI Rule 7",
            description = "Rule 7 as in force from 2024-04-01: (i) special-care data, (ii) risk of financial damage, "
                    + "(iii) wrongful purpose, including personal information the business is trying to acquire (web "
                    + "skimming), (iv) more than 1,000 persons. \"May have occurred\" counts; high-level encryption "
                    + "excludes unless the key leaked too. The result names every rule applied. Once reporting has "
                    + "started a re-assessment may only upgrade; adding (iii) moves the final deadline to 60 days.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AssessmentFacts.class),
            examples = @ExampleObject(name = "web skimming", value = Examples.FACTS)))
    @APIResponse(responseCode = "201", description = "The incident as assessed; Location names the recorded transition",
            content = @Content(schema = @Schema(implementation = IncidentResponse.class),
                    examples = @ExampleObject(name = "incident", value = Examples.INCIDENT)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such incident",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The incident has ended and can no longer be assessed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A re-assessment after reporting started would drop a category",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assess(@PathParam("id") UUID id, @NotNull @Valid AssessmentFacts facts, @Context UriInfo uri) {
        IncidentTransition transition = service.assess(id, facts, facts.basis(), actor());
        return created(id, transition, uri);
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Move an incident through its state machine",
            description = "The incident's transition table (APPI Art. 26; Rules 7-10): DETECTED → TRIAGED → (PRINCIPAL_NOTIFIED for an "
                    + "entrusted party, APPI Rule 9 | CLOSED_INTERNAL by a breach manager's recorded not-reportable "
                    + "decision | PRELIM_DUE → PRELIM_SUBMITTED → INDIVIDUALS_NOTIFIED / ALT_MEASURE_PUBLISHED / "
                    + "INDIVIDUALS_DEFERRED → FINAL_DUE → FINAL_SUBMITTED → SUPPLEMENTED* → CLOSED). Each transition "
                    + "records actor, time, reason and a snapshot; the first filing of each report freezes its "
                    + "lateness. `decide-not-reportable` and `reopen` are governed: breach managers only.")
    @RequestBody(content = @Content(schema = @Schema(implementation = TransitionRequest.class), examples = {
            @ExampleObject(name = "preliminary report filed", value = Examples.TRANSITION),
            @ExampleObject(name = "not reportable", value = Examples.NOT_REPORTABLE)}))
    @APIResponse(responseCode = "201", description = "The incident after the transition; Location names the "
            + "recorded transition",
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    @APIResponse(responseCode = "400", description = "Unknown action or an invalid field",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A governed decision by someone other than a breach manager",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "governed", value = Examples.GOVERNED)))
    @APIResponse(responseCode = "404", description = "No such incident",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The action is not allowed from the incident's state",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "illegal transition", value = Examples.ILLEGAL)))
    @APIResponse(responseCode = "422", description = "A guard refuses it (the assessment, the role, a missing reason, "
            + "a time in the future); each violation names its rule",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "reportable", value = Examples.REFUSED)))
    public Response transition(@PathParam("id") UUID id, @NotNull @Valid TransitionRequest request,
            @Context UriInfo uri) {
        IncidentAction action = IncidentAction.byWireName(request.action()).orElseThrow(() ->
                new ProblemException(400, ProblemType.VALIDATION, "Request is not valid", "1 field is not valid")
                        .withViolation(new Problem.Violation("action", "body", "must be one of "
                                + Arrays.stream(IncidentAction.values()).map(IncidentAction::wireName).toList(),
                                null)));
        IncidentTransition transition = service.transition(id, action, request.reason(),
                request.occurredAt() == null ? null : request.occurredAt().toInstant(), actor(),
                identity.hasRole(KirokuRoles.BREACH_MANAGER));
        return created(id, transition, uri);
    }

    @GET
    @Path("/{id}/transitions")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "The incident's recorded transitions",
            description = "Every decision and date with who took it, when, why, and the incident's snapshot after it.")
    @APIResponse(responseCode = "200", description = "The transitions in order",
            content = @Content(schema = @Schema(implementation = TransitionResponse.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such incident",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<TransitionResponse> transitions(@PathParam("id") UUID id) {
        return service.find(id).transitions().stream().map(t -> TransitionResponse.of(id, t)).toList();
    }

    @GET
    @Path("/{id}/transitions/{seq: \\d+}")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "One recorded transition")
    @APIResponse(responseCode = "200", description = "The transition",
            content = @Content(schema = @Schema(implementation = TransitionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such incident or transition",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TransitionResponse transition(@PathParam("id") UUID id, @PathParam("seq") int seq) {
        return service.find(id).transitions().stream().filter(t -> t.seq() == seq).findFirst()
                .map(t -> TransitionResponse.of(id, t))
                .orElseThrow(() -> ProblemException.notFound("Incident " + id + " has no transition " + seq));
    }

    private Response created(UUID id, IncidentTransition transition, UriInfo uri) {
        URI location = uri.getBaseUriBuilder().path("api/v1/incidents").path(id.toString()).path("transitions")
                .path(Integer.toString(transition.seq())).build();
        return Response.created(location).entity(view(service.find(id))).build();
    }

    private IncidentResponse view(Incident incident) {
        return IncidentResponse.of(incident, service.calculator(), service.now(),
                service.affectedPersons(incident.id()));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
