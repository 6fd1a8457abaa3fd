package dev.kiroku.jointuse.group.rest;

import dev.kiroku.jointuse.group.ChangeRequest;
import dev.kiroku.jointuse.group.GroupStatus;
import dev.kiroku.jointuse.group.JointUseDefinition;
import dev.kiroku.jointuse.group.JointUseGroup;
import dev.kiroku.jointuse.group.JointUseNotice;
import dev.kiroku.jointuse.group.rest.GroupRequests.ChangeBody;
import dev.kiroku.jointuse.group.rest.GroupRequests.EndRequest;
import dev.kiroku.jointuse.group.rest.GroupRequests.PublishRequest;
import dev.kiroku.jointuse.group.rest.GroupViews.GroupResponse;
import dev.kiroku.jointuse.group.rest.GroupViews.NoticeResponse;
import dev.kiroku.jointuse.group.service.JointUseGroupService;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.RenderedRows;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemWriter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Compliance officers define, publish, change and end joint-use groups; auditors read them. */
@Path("/api/v1/joint-use-groups")
@Tag(name = "Joint-use groups", description = "Joint use of personal data (APPI Art. 27(5)(iii)) and its notices")
@Produces(MediaType.APPLICATION_JSON)
public class JointUseGroupResource {

    private final JointUseGroupService service;
    private final NoticeRenderer renderer;
    private final SecurityIdentity identity;

    public JointUseGroupResource(JointUseGroupService service, NoticeRenderer renderer, SecurityIdentity identity) {
        this.service = service;
        this.renderer = renderer;
        this.identity = identity;
    }

    /** A page of groups. */
    @Schema(name = "JointUseGroupPage")
    record GroupPage(List<GroupResponse> items, String next,
                     @Schema(description = "Ids of groups on this page that could not be rendered (logged; empty as a "
                             + "rule): one such group never fails the list") List<String> unrendered) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Create a draft joint-use group",
            description = "Holds the five items of APPI Art. 27(5)(iii). A draft is not public and may be edited "
                    + "freely until it is published. With `Idempotency-Key`, a retry of the same request answers the "
                    + "first group again (`Idempotent-Replayed: true`); the same key with another body is a 422 and "
                    + "nothing is written.")
    @RequestBody(content = @Content(schema = @Schema(implementation = JointUseDefinition.class),
            examples = @ExampleObject(name = "policy 002 group", value = Examples.DEFINITION_002)))
    @APIResponse(responseCode = "201", description = "The draft group; Location names it",
            headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a retry"),
            content = @Content(schema = @Schema(implementation = GroupResponse.class),
                    examples = @ExampleObject(name = "group", value = Examples.GROUP)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with a different body",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid JointUseDefinition definition,
            @Parameter(description = "Makes retries safe (IETF httpapi Idempotency-Key)")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Context UriInfo uri) {
        var created = service.create(definition, idempotencyKey, Idempotency.clientOf(identity.getPrincipal()),
                actor());
        JointUseGroup group = created.value();
        Response.ResponseBuilder response = Response
                .created(uri.getAbsolutePathBuilder().path(group.id().toString()).build())
                .entity(GroupResponse.of(group, service.today()));
        return replayed(response, created.replayed());
    }

    @GET
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "List joint-use groups", description = "Keyset-paginated in creation order.")
    @APIResponse(responseCode = "200", description = "A page of groups",
            content = @Content(schema = @Schema(implementation = GroupPage.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "Only groups in this state") @QueryParam("status") GroupStatus status,
            @Parameter(description = "Cursor: the `next` of the previous page") @QueryParam("after") UUID after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        LocalDate today = service.today();
        var groups = service.list(after, status, limit);
        RenderedRows.Rendered<GroupResponse> page = RenderedRows.render("joint-use group", groups,
                JointUseGroup::id, g -> GroupResponse.of(g, today));
        String next = KeysetPages.next(groups, limit, JointUseGroup::id);
        return KeysetPages.ok(new GroupPage(page.items(), next, page.unrendered()), next, uri, "after");
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Read a joint-use group", description = "With the notice in force today and any pending "
            + "notice (with its due date and whether it is overdue, APPI Art. 27(6)).")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(schema = @Schema(implementation = GroupResponse.class),
                    examples = @ExampleObject(name = "group", value = Examples.GROUP)))
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = Examples.NOT_FOUND)))
    public GroupResponse get(@PathParam("id") UUID id) {
        return GroupResponse.of(service.find(id), service.today());
    }

    @PUT
    @Path("/{id}/definition")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Replace a draft's definition",
            description = "Only drafts; a published group changes through `changes` under APPI Art. 27(6).")
    @RequestBody(content = @Content(schema = @Schema(implementation = JointUseDefinition.class),
            examples = @ExampleObject(name = "policy 002 group", value = Examples.DEFINITION_002)))
    @APIResponse(responseCode = "200", description = "The draft group",
            content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The group is not a draft",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not a draft", value = Examples.ILLEGAL_TRANSITION)))
    public GroupResponse redefine(@PathParam("id") UUID id, @NotNull @Valid JointUseDefinition definition) {
        return GroupResponse.of(service.redefine(id, definition, actor()), service.today());
    }

    @POST
    @Path("/{id}/publication")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Publish a draft group's first notice",
            description = "Creates notice version 1, immutable, readable by anyone at /public/v1/joint-use-notices. "
                    + "Joint use starts on `effectiveFrom`, not before the notice is public (APPI Art. 27(5)(iii)).")
    @RequestBody(content = @Content(schema = @Schema(implementation = PublishRequest.class),
            examples = @ExampleObject(name = "publish", value = Examples.PUBLISH)))
    @APIResponse(responseCode = "201", description = "The published notice; Location names it",
            content = @Content(schema = @Schema(implementation = NoticeResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The group is not a draft",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Joint use would start before its notice is public",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(@PathParam("id") UUID id, @NotNull @Valid PublishRequest request, @Context UriInfo uri) {
        JointUseNotice notice = service.publish(id, request.effectiveFrom(), actor());
        return createdNotice(notice, uri).build();
    }

    @POST
    @Path("/{id}/changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Change a published group under APPI Art. 27(6)",
            description = "The change is classified against the definition in force and judged by rule: the "
                    + "responsible party's name, address or representative → allowed, a notice due without delay "
                    + "(published now, or pending with a due date); purposes, or another responsible party → only "
                    + "scheduled, with the notice published now at least the configured number of days ahead; data "
                    + "items or joint users → refused (consent or a new group is needed) unless flagged "
                    + "non-substantive with a written justification, which is recorded. With `Idempotency-Key`, a "
                    + "retry of the same request answers the first notice version again (`Idempotent-Replayed: "
                    + "true`); the same key with another body is a 422 and nothing is written.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ChangeBody.class),
            examples = @ExampleObject(name = "new representative", value = Examples.CHANGE_REPRESENTATIVE)))
    @APIResponse(responseCode = "201", description = "The new notice version; Location names it",
            headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a retry"),
            content = @Content(schema = @Schema(implementation = NoticeResponse.class),
                    examples = @ExampleObject(name = "notice", value = Examples.NOTICE)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The group is not published, or a notice is still pending",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The law does not allow the change as requested; each "
            + "violation names its rule, or the Idempotency-Key was used with a different body",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "items change refused", value = Examples.REFUSED)))
    public Response change(@PathParam("id") UUID id, @NotNull @Valid ChangeBody body,
            @Parameter(description = "Makes retries safe (IETF httpapi Idempotency-Key)")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Context UriInfo uri) {
        ChangeRequest request = new ChangeRequest(body.definition(), body.effectiveFrom(), body.occurredOn(),
                body.reason(), body.responsiblePartyReplaced(), body.nonSubstantive(), body.justification(),
                body.publishNow() == null || body.publishNow());
        var created = service.change(id, request, idempotencyKey, Idempotency.clientOf(identity.getPrincipal()),
                actor());
        return replayed(createdNotice(created.value(), uri), created.replayed());
    }

    @POST
    @Path("/{id}/notices/{version: \\d+}/publication")
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Publish a pending notice version")
    @APIResponse(responseCode = "200", description = "The published notice",
            content = @Content(schema = @Schema(implementation = NoticeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "No such version, or it is already published",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NoticeResponse publishPending(@PathParam("id") UUID id, @PathParam("version") int version) {
        return NoticeResponse.of(service.publishPending(id, version, actor()), service.today());
    }

    @POST
    @Path("/{id}/ending")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "End a group's joint use", description = "From `endsOn` (today or later) no notice is in "
            + "force; all versions stay readable as evidence.")
    @APIResponse(responseCode = "200", description = "The ended group",
            content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The group is not published",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The end would be back-dated",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GroupResponse end(@PathParam("id") UUID id, @NotNull @Valid EndRequest request) {
        return GroupResponse.of(service.end(id, request.endsOn(), request.reason(), actor()), service.today());
    }

    @GET
    @Path("/{id}/notices")
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "List a group's notice versions", description = "Every version, oldest first, with what "
            + "it changed, why, who published it and when.")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(schema = @Schema(implementation = NoticeResponse.class, type =
                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<NoticeResponse> notices(@PathParam("id") UUID id) {
        LocalDate today = service.today();
        return service.find(id).notices().stream().map(n -> NoticeResponse.of(n, today)).toList();
    }

    @GET
    @Path("/{id}/notices/{version: \\d+}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, NoticeRenderer.MARKDOWN})
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Read one notice version", description = "JSON, or rendered as HTML or Markdown in Japanese "
            + "(default) or English by `Accept` and `lang`.")
    @APIResponse(responseCode = "200", description = "The notice version", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeResponse.class),
                    examples = @ExampleObject(name = "notice", value = Examples.NOTICE)),
            @Content(mediaType = MediaType.TEXT_HTML, examples = @ExampleObject(name = "html", value = Examples.HTML_NOTICE)),
            @Content(mediaType = NoticeRenderer.MARKDOWN,
                    examples = @ExampleObject(name = "markdown", value = Examples.MARKDOWN_NOTICE))})
    @APIResponse(responseCode = "404", description = "No such group or version",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "None of JSON, HTML or Markdown is acceptable",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response notice(@PathParam("id") UUID id, @PathParam("version") int version,
            @Parameter(description = "Language of the rendering: ja or en") @QueryParam("lang") @DefaultValue("ja")
            @Pattern(regexp = "ja|en") String lang, @Context Request request) {
        JointUseNotice notice = service.find(id).notice(version)
                .orElseThrow(() -> ProblemException.notFound("Group " + id + " has no notice version " + version));
        return renderer.negotiate(request, notice, lang, NoticeResponse.of(notice, service.today()));
    }

    @GET
    @Path("/{id}/notices/in-force")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, NoticeRenderer.MARKDOWN})
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Which notice was in force on a date",
            description = "The published version with the latest effective date on or before `date` that was public "
                    + "by that day (Asia/Tokyo); none after the group ended.")
    @APIResponse(responseCode = "200", description = "The notice in force", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeResponse.class),
                    examples = @ExampleObject(name = "notice", value = Examples.NOTICE)),
            @Content(mediaType = MediaType.TEXT_HTML, examples = @ExampleObject(name = "html", value = Examples.HTML_NOTICE)),
            @Content(mediaType = NoticeRenderer.MARKDOWN,
                    examples = @ExampleObject(name = "markdown", value = Examples.MARKDOWN_NOTICE))})
    @APIResponse(responseCode = "400", description = "The date is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such group, or no notice in force on that date",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response noticeInForce(@PathParam("id") UUID id,
            @Parameter(description = "The legal day (default today)", example = "2026-12-10") @QueryParam("date")
            LocalDate date,
            @Parameter(description = "Language of the rendering: ja or en") @QueryParam("lang") @DefaultValue("ja")
            @Pattern(regexp = "ja|en") String lang, @Context Request request) {
        LocalDate day = date != null ? date : service.today();
        JointUseNotice notice = service.find(id).noticeInForce(day)
                .orElseThrow(() -> ProblemException.notFound("No notice of group " + id + " was in force on " + day));
        return renderer.negotiate(request, notice, lang, NoticeResponse.of(notice, service.today()));
    }

    private Response.ResponseBuilder createdNotice(JointUseNotice notice, UriInfo uri) {
        return Response.created(uri.getBaseUriBuilder().path("api/v1/joint-use-groups")
                        .path(notice.groupId().toString()).path("notices").path(Integer.toString(notice.versionNo()))
                        .build())
                .entity(NoticeResponse.of(notice, service.today()));
    }

    private static Response replayed(Response.ResponseBuilder response, boolean replayed) {
        if (replayed) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
