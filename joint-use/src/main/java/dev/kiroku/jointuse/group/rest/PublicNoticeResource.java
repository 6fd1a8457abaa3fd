package dev.kiroku.jointuse.group.rest;

import dev.kiroku.jointuse.group.JointUseDefinition;
import dev.kiroku.jointuse.group.JointUseGroup;
import dev.kiroku.jointuse.group.JointUseNotice;
import dev.kiroku.jointuse.group.service.JointUseGroupService;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemWriter;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Published joint-use notices, readable by anyone without a token: the five items must be "readily available" to the
 * person (APPI Art. 27(5)(iii)). The one deliberate exception to "every endpoint authenticated"; drafts, pending
 * notices and internal fields never appear here.
 */
@Path("/public/v1/joint-use-notices")
@Tag(name = "Public joint-use notices", description = "Published notices, no token needed")
@PermitAll
@SecurityRequirements
public class PublicNoticeResource {

    private final JointUseGroupService service;
    private final NoticeRenderer renderer;

    public PublicNoticeResource(JointUseGroupService service, NoticeRenderer renderer) {
        this.service = service;
        this.renderer = renderer;
    }

    @Schema(name = "PublicJointUseNotice", description = "A published notice with its five items")
    record PublicNotice(UUID groupId, @Schema(example = "1") int version, LocalDate effectiveFrom,
                        @Schema(description = "Publication day (Asia/Tokyo)") LocalDate publishedOn,
                        String statement, JointUseDefinition content, List<String> foreignMembers, String art28Note) {

        static PublicNotice of(JointUseNotice n) {
            JointUseDefinition d = n.definition();
            List<String> foreign = d.foreignMembers().stream().map(m -> m.name()).toList();
            return new PublicNotice(n.groupId(), n.versionNo(), n.effectiveFrom(),
                    n.publishedAt().map(at -> LocalDate.ofInstant(at, JointUseGroup.LEGAL_ZONE)).orElse(null),
                    d.statement() != null ? d.statement() : JointUseDefinition.STANDARD_STATEMENT_JA, d, foreign,
                    foreign.isEmpty() ? null : GroupViews.ART_28_NOTE);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the joint-use notices in force", description = "One notice per group, as in force on "
            + "`date` (default today, Asia/Tokyo).")
    @APIResponse(responseCode = "200", description = "The notices in force",
            content = @Content(schema = @Schema(implementation = PublicNotice.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "The date is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<PublicNotice> list(@Parameter(description = "The legal day", example = "2026-12-10")
            @QueryParam("date") LocalDate date) {
        LocalDate day = date != null ? date : service.today();
        return service.listPublic().stream()
                .flatMap(g -> g.noticeInForce(day).stream())
                .map(PublicNotice::of)
                .toList();
    }

    @GET
    @Path("/{groupId}")
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON, NoticeRenderer.MARKDOWN})
    @Operation(summary = "Read a group's notice in force", description = "HTML (default for browsers), Markdown or "
            + "JSON by `Accept`; Japanese (default) or English by `lang`; `date` for the notice in force on another day.")
    @APIResponse(responseCode = "200", description = "The notice in force", content = {
            @Content(mediaType = MediaType.TEXT_HTML, examples = @ExampleObject(name = "html", value = Examples.HTML_NOTICE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicNotice.class)),
            @Content(mediaType = NoticeRenderer.MARKDOWN,
                    examples = @ExampleObject(name = "markdown", value = Examples.MARKDOWN_NOTICE))})
    @APIResponse(responseCode = "400", description = "An invalid date or language",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No published group with this id, or none in force on the date",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "None of HTML, JSON or Markdown is acceptable",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response notice(@PathParam("groupId") UUID groupId,
            @Parameter(description = "The legal day", example = "2026-12-10") @QueryParam("date") LocalDate date,
            @Parameter(description = "ja or en") @QueryParam("lang") @DefaultValue("ja") @Pattern(regexp = "ja|en")
            String lang, @Context Request request) {
        LocalDate day = date != null ? date : service.today();
        JointUseNotice notice = service.findPublic(groupId).flatMap(g -> g.noticeInForce(day))
                .orElseThrow(() -> ProblemException.notFound("No published joint-use notice " + groupId
                        + " is in force on " + day));
        return renderer.negotiate(request, notice, lang, PublicNotice.of(notice));
    }
}
