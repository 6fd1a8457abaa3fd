package dev.kiroku.breachreporting.notification.rest;

import dev.kiroku.breachreporting.notification.AlternativeMeasure;
import dev.kiroku.breachreporting.notification.MessageStatus;
import dev.kiroku.breachreporting.notification.NoticeContent;
import dev.kiroku.breachreporting.notification.rest.CampaignApi.ActionRequest;
import dev.kiroku.breachreporting.notification.rest.CampaignApi.BounceRequest;
import dev.kiroku.breachreporting.notification.rest.CampaignApi.CampaignView;
import dev.kiroku.breachreporting.notification.rest.CampaignApi.ConfirmationRequest;
import dev.kiroku.breachreporting.notification.rest.CampaignApi.NoticePage;
import dev.kiroku.breachreporting.notification.rest.CampaignApi.NoticeView;
import dev.kiroku.breachreporting.notification.rest.CampaignApi.UnreachablePage;
import dev.kiroku.breachreporting.notification.rest.CampaignApi.UnreachableView;
import dev.kiroku.breachreporting.notification.service.CampaignService;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemWriter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Notices to an incident's affected persons (APPI Art. 26(2); Rule 10): breach managers and compliance officers start,
 * pause and resume campaigns and record the alternative measure; only a breach manager settles an unconfirmed notice;
 * auditors read. No view carries an affected person's name or address.
 */
@Path("/api/v1/incidents/{id}/notification-campaigns")
@Tag(name = "Notifications to persons", description = "Notices to the affected persons under APPI Art. 26(2) and "
        + "Rule 10 by e-mail, and the alternative measure when notice is difficult")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such incident, campaign or notice",
        content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "not found", value = NotificationExamples.NOT_FOUND)))
public class CampaignResource {

    private final CampaignService service;
    private final SecurityIdentity identity;

    public CampaignResource(CampaignService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Start a notification campaign",
            description = "Notifies the incident's affected persons by e-mail (APPI Art. 26(2)) with the items Rule 10 "
                    + "requires — overview, items of personal data, cause, secondary damage or its risk, other matters "
                    + "(Rule 8(1) items 1, 2, 4, 5, 9) — in Japanese, and in English for persons whose language is "
                    + "English when the English text is given (else they get the Japanese notice). In the same "
                    + "transaction one notice per person with an e-mail address is queued in the outbox and the persons "
                    + "without one are listed for the alternative measure (Art. 26(2) proviso). A person is given at "
                    + "most one notice per incident: a later campaign covers only persons named since. The incident "
                    + "must be assessed and not closed. With `Idempotency-Key`, a retry answers the first campaign.")
    @RequestBody(content = @Content(schema = @Schema(implementation = NoticeContent.class),
            examples = @ExampleObject(name = "誤送信のお知らせ（日本語・英語）", value = NotificationExamples.CONTENT)))
    @APIResponse(responseCode = "201", description = "The campaign (or, to a retry with the same Idempotency-Key, the "
            + "first campaign with Idempotent-Replayed: true); Location names it",
            headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a retry"),
            content = @Content(schema = @Schema(implementation = CampaignView.class),
                    examples = @ExampleObject(name = "campaign", value = NotificationExamples.CAMPAIGN)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "409", description = "The incident is not assessed or is closed, or every affected "
            + "person already has a notice", content = @Content(mediaType = ProblemWriter.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "nobody to notify", value = NotificationExamples.NOTHING_TO_NOTIFY)))
    @APIResponse(responseCode = "422", description = "The inquiry contact has neither phone nor e-mail, or the "
            + "Idempotency-Key was reused with another body",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("id") UUID id, @NotNull @Valid NoticeContent content,
            @Parameter(description = "Makes retries safe (IETF httpapi Idempotency-Key)")
            @HeaderParam(Idempotency.HEADER) @Size(min = 1, max = 200) String idempotencyKey,
            @Context UriInfo uri) {
        CampaignService.Created created = service.create(id, content, idempotencyKey,
                Idempotency.clientOf(identity.getPrincipal()), actor());
        CampaignView view = CampaignView.of(service.state(id, created.campaign().id()));
        URI location = uri.getBaseUriBuilder().path("api/v1/incidents").path(id.toString())
                .path("notification-campaigns").path(view.id().toString()).build();
        Response.ResponseBuilder response = Response.created(location).entity(view);
        if (created.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "The incident's notification campaigns", description = "Every campaign with its counts, "
            + "oldest first.")
    @APIResponse(responseCode = "200", description = "The campaigns",
            content = @Content(schema = @Schema(implementation = CampaignView.class, type = SchemaType.ARRAY)))
    public List<CampaignView> list(@PathParam("id") UUID id) {
        return service.list(id).stream().map(CampaignView::of).toList();
    }

    @GET
    @Path("/{campaignId}")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Read a notification campaign",
            description = "Its notices counted per state, the alternative measure and whether it is still needed, and "
                    + "whether the incident may now record notice as given ('notify-individuals', a human action).")
    @APIResponse(responseCode = "200", description = "The campaign",
            content = @Content(schema = @Schema(implementation = CampaignView.class),
                    examples = @ExampleObject(name = "campaign", value = NotificationExamples.CAMPAIGN)))
    public CampaignView get(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId) {
        return CampaignView.of(service.state(id, campaignId));
    }

    @POST
    @Path("/{campaignId}/pauses")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Pause a campaign",
            description = "Nothing more is sent until it is resumed; a notice already handed to the SMTP server "
                    + "finishes. Guideline 3-5-4-2 accepts delaying notice where early notice would be inappropriate.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ActionRequest.class),
            examples = @ExampleObject(name = "reason", value = NotificationExamples.ACTION)))
    @APIResponse(responseCode = "200", description = "The paused campaign",
            content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The campaign is not active",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignView pause(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId,
            @Valid ActionRequest request) {
        service.pause(id, campaignId, request == null ? null : request.reason(), actor());
        return CampaignView.of(service.state(id, campaignId));
    }

    @POST
    @Path("/{campaignId}/resumptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Resume a paused campaign", description = "Its queued notices are sent again.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ActionRequest.class),
            examples = @ExampleObject(name = "reason", value = """
                    {"reason":"問い合わせ窓口の体制が整ったため送信を再開"}""")))
    @APIResponse(responseCode = "200", description = "The active campaign",
            content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The campaign is not paused",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignView resume(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId,
            @Valid ActionRequest request) {
        service.resume(id, campaignId, request == null ? null : request.reason(), actor());
        return CampaignView.of(service.state(id, campaignId));
    }

    @PUT
    @Path("/{campaignId}/alternative-measure")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Record the alternative measure",
            description = "For the persons notice cannot reach (APPI Art. 26(2) proviso: no usable contact details): "
                    + "where and when the incident was published (事案の公表) and the inquiry contact set up so that "
                    + "people can check whether they are affected. Publish the notice items, never anything that "
                    + "identifies a person. Recording it again amends it; each recording is in the audit chain. When "
                    + "nobody could be notified at all, the incident's 'publish-alternative-measure' action records it "
                    + "on the incident (a human action).")
    @RequestBody(content = @Content(schema = @Schema(implementation = AlternativeMeasure.class),
            examples = @ExampleObject(name = "ウェブサイトでの公表と専用窓口", value = NotificationExamples.ALTERNATIVE_MEASURE)))
    @APIResponse(responseCode = "200", description = "The campaign with the measure",
            content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public CampaignView alternativeMeasure(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId,
            @NotNull @Valid AlternativeMeasure measure) {
        service.recordAlternativeMeasure(id, campaignId, measure, actor());
        return CampaignView.of(service.state(id, campaignId));
    }

    @GET
    @Path("/{campaignId}/notices")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "The campaign's notices, person by person",
            description = "Each notice's state, attempts, SMTP reply code and Message-ID, in keyset pages; filter "
                    + "`status=UNCONFIRMED` for the notices a breach manager must settle. Affected persons appear by "
                    + "id only: no name or address.")
    @APIResponse(responseCode = "200", description = "A page of notices; `Link: rel=\"next\"` when there is more",
            content = @Content(schema = @Schema(implementation = NoticePage.class),
                    examples = @ExampleObject(name = "notices", value = NotificationExamples.NOTICES)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response notices(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId,
            @Parameter(description = "Only notices in this state") @QueryParam("status") MessageStatus status,
            @Parameter(description = "The cursor: the last id of the previous page") @QueryParam("after") UUID after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        List<NoticeView> items = service.messages(id, campaignId, status, after, limit).stream()
                .map(NoticeView::of).toList();
        String next = KeysetPages.next(items, limit, NoticeView::id);
        return KeysetPages.ok(new NoticePage(items, next), next, uri, "after");
    }

    @GET
    @Path("/{campaignId}/unreachable-persons")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Persons the campaign cannot reach",
            description = "Affected persons without an e-mail address: notice is difficult, and the alternative "
                    + "measure (APPI Art. 26(2) proviso) is for them. By id only, in keyset pages.")
    @APIResponse(responseCode = "200", description = "A page of persons",
            content = @Content(schema = @Schema(implementation = UnreachablePage.class),
                    examples = @ExampleObject(name = "unreachable", value = NotificationExamples.UNREACHABLE)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response unreachable(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId,
            @Parameter(description = "The cursor: the last id of the previous page") @QueryParam("after") UUID after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        List<UnreachableView> items = service.unreachable(id, campaignId, after, limit).stream()
                .map(UnreachableView::of).toList();
        String next = KeysetPages.next(items, limit, UnreachableView::id);
        return KeysetPages.ok(new UnreachablePage(items, next), next, uri, "after");
    }

    @POST
    @Path("/{campaignId}/notices/{noticeId}/confirmations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.BREACH_MANAGER)
    @Operation(summary = "Confirm an unconfirmed notice was sent",
            description = "An UNCONFIRMED notice (its dispatcher stopped, or the session ended, after the mail may "
                    + "have been handed over) is found in the relay's log by its Message-ID: it was sent → SENT. "
                    + "A breach manager's decision; never taken automatically, so that no person is notified twice.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ConfirmationRequest.class),
            examples = @ExampleObject(name = "found in the relay log", value = NotificationExamples.CONFIRMATION)))
    @APIResponse(responseCode = "200", description = "The notice, SENT",
            content = @Content(schema = @Schema(implementation = NoticeView.class),
                    examples = @ExampleObject(name = "notice", value = NotificationExamples.NOTICE)))
    @APIResponse(responseCode = "400", description = "A field is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The notice is not UNCONFIRMED",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong state", value = NotificationExamples.NOTICE_STATE)))
    public NoticeView confirm(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId,
            @PathParam("noticeId") UUID noticeId, @Valid ConfirmationRequest request) {
        return NoticeView.of(service.confirmSent(id, campaignId, noticeId,
                request == null || request.sentAt() == null ? null : request.sentAt().toInstant(),
                request == null ? null : request.reason(), actor()));
    }

    @POST
    @Path("/{campaignId}/notices/{noticeId}/releases")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.BREACH_MANAGER)
    @Operation(summary = "Release an unconfirmed notice for sending",
            description = "The relay has no record of the notice's Message-ID: it was not sent → QUEUED, sent by the "
                    + "dispatcher's next run. A breach manager's decision.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ActionRequest.class),
            examples = @ExampleObject(name = "not in the relay log", value = NotificationExamples.RELEASE)))
    @APIResponse(responseCode = "200", description = "The notice, QUEUED",
            content = @Content(schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The notice is not UNCONFIRMED",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong state", value = NotificationExamples.NOTICE_STATE)))
    public NoticeView release(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId,
            @PathParam("noticeId") UUID noticeId, @Valid ActionRequest request) {
        return NoticeView.of(service.release(id, campaignId, noticeId, request == null ? null : request.reason(),
                actor()));
    }

    @POST
    @Path("/{campaignId}/notices/{noticeId}/bounces")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Record a bounce reported later",
            description = "A delivery status notification (DSN) says a sent notice did not arrive → BOUNCED. The "
                    + "person was not reached: consider the alternative measure for them.")
    @RequestBody(content = @Content(schema = @Schema(implementation = BounceRequest.class),
            examples = @ExampleObject(name = "DSN", value = NotificationExamples.BOUNCE)))
    @APIResponse(responseCode = "200", description = "The notice, BOUNCED",
            content = @Content(schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The notice was not sent",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NoticeView bounce(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId,
            @PathParam("noticeId") UUID noticeId, @Valid BounceRequest request) {
        return NoticeView.of(service.bounce(id, campaignId, noticeId, request == null ? null : request.smtpCode(),
                request == null ? null : request.reason(), actor()));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
