package dev.kiroku.jointuse.group.rest;

import dev.kiroku.jointuse.group.ForeignJointUserRules;
import dev.kiroku.jointuse.group.Member;
import dev.kiroku.jointuse.group.rest.GroupRequests.CheckRequest;
import dev.kiroku.jointuse.group.service.JointUseGroupService;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Other services and systems ask whether a recipient is a joint user, to classify a provision (Art. 27(5)(iii)). */
@Path("/api/v1/joint-use-checks")
@Tag(name = "Joint-use checks", description = "Is a counterparty a joint user of a published group?")
@Produces(MediaType.APPLICATION_JSON)
public class JointUseCheckResource {

    static final String BASIS_JOINT_USE = "APPI Art. 27(5)(iii): a joint user is not a third party; no Art. 29/30 "
            + "record is required for provision within the joint use";
    static final String BASIS_FOREIGN = "APPI Art. 28(1) and Art. 29(1) (bracketed text): the joint user is in a "
            + "foreign country that is not designated and keeps no system meeting the Rule 16 standard, so joint use "
            + "does not lift Art. 28 — the persons' consent under Art. 28(1) and an Art. 29 record are required";
    static final String BASIS_NONE = "Not a joint user covering these items on that day: Art. 27 applies as to any "
            + "third party";

    private final JointUseGroupService service;

    public JointUseCheckResource(JointUseGroupService service) {
        this.service = service;
    }

    @Schema(name = "JointUseCheckMatch")
    record MatchView(UUID groupId, String groupName, int noticeVersion, LocalDate effectiveFrom, Member member,
                     @Schema(description = "The member is outside Japan") boolean foreignMember,
                     @Schema(description = "Whether a provision to this member still needs an Art. 29 record")
                     boolean recordsRequired,
                     @Schema(description = "The row of the foreign-joint-user table that decided: domestic, "
                             + "designated-country, recipient-system or consent-28-1", example = "designated-country")
                     String decidedBy,
                     @Schema(description = "Why, in the law's terms") String reason,
                     @Schema(example = "APPI Art. 28(1), Rule 15 (PPC Notice No. 1 of 2019), Art. 27(5)(iii)")
                     String article,
                     String art28Note) {
    }

    @Schema(name = "JointUseCheckResult")
    record CheckResult(
            @Schema(description = "The counterparty is a joint user covering the items on that day") boolean jointUser,
            @Schema(description = "Whether a provision to it still needs consent and an Art. 29 record: false when "
                    + "any matching membership lifts it (a joint user in Japan, in a designated country, or keeping a "
                    + "system meeting the Rule 16 standard)") boolean recordsRequired,
            List<MatchView> matches, String basis) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR, KirokuRoles.INGEST})
    @Operation(summary = "Check whether a counterparty is a joint user",
            description = "Yes when, on `date`, a published group's notice in force lists the counterparty (by "
                    + "corporate number, else by name) as a joint user and covers every requested item. Each match "
                    + "names the group and notice version that makes it so.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CheckRequest.class),
            examples = @ExampleObject(name = "check", value = Examples.CHECK)))
    @APIResponse(responseCode = "200", description = "The answer (jointUser false with no matches when not)",
            content = @Content(schema = @Schema(implementation = CheckResult.class),
                    examples = @ExampleObject(name = "joint user", value = Examples.CHECK_RESULT)))
    @APIResponse(responseCode = "400", description = "Neither a name nor a corporate number, or another invalid field",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public CheckResult check(@NotNull @Valid CheckRequest request) {
        if (isBlank(request.counterpartyName()) && isBlank(request.counterpartyCorporateNumber())) {
            throw new ProblemException(400, dev.kiroku.platform.web.ProblemType.VALIDATION, "Request is not valid",
                    "Name the counterparty by name or corporate number")
                    .withViolation(Problem.Violation.of("counterpartyName", "body",
                            "counterpartyName or counterpartyCorporateNumber is required"));
        }
        List<MatchView> matches = service.check(request.counterpartyName(), request.counterpartyCorporateNumber(),
                        request.items(), request.date()).stream()
                .map(m -> {
                    ForeignJointUserRules.Row row = ForeignJointUserRules.decide(m.member());
                    return new MatchView(m.group().id(), m.notice().definition().name(), m.notice().versionNo(),
                            m.notice().effectiveFrom(), m.member(), m.member().foreign(), row.recordsRequired(),
                            row.id(), row.reason(), row.article(), m.member().foreign() ? GroupViews.ART_28_NOTE : null);
                })
                .toList();
        boolean lifted = matches.stream().anyMatch(m -> !m.recordsRequired());
        String basis = matches.isEmpty() ? BASIS_NONE : lifted ? BASIS_JOINT_USE + lifting(matches) : BASIS_FOREIGN;
        return new CheckResult(!matches.isEmpty(), !lifted, matches, basis);
    }

    /** Where the only memberships that lift the record duty are abroad, why they still do. */
    private static String lifting(List<MatchView> matches) {
        if (matches.stream().anyMatch(m -> !m.recordsRequired() && !m.foreignMember())) {
            return "";
        }
        return matches.stream().filter(m -> !m.recordsRequired()).findFirst()
                .map(m -> ". " + m.reason() + " (" + m.article() + ")").orElse("");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
