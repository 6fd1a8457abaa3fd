package dev.kiroku.breachreporting.notification.rest;

import dev.kiroku.breachreporting.notification.IllegalCampaignTransition;
import dev.kiroku.breachreporting.notification.IllegalMessageTransition;
import dev.kiroku.breachreporting.notification.service.CampaignService;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** A campaign or notice asked to move where its state does not allow: 409. */
public class NotificationProblemMappers {

    private final ProblemWriter writer;

    public NotificationProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response campaign(IllegalCampaignTransition e, HttpServerRequest request) {
        return writer.response(new Problem(CampaignService.CAMPAIGN_STATE, "Not allowed in the campaign's state", 409,
                e.getMessage(), request.path(), RequestIds.of(request), null, null), Map.of());
    }

    @ServerExceptionMapper
    public Response notice(IllegalMessageTransition e, HttpServerRequest request) {
        return writer.response(new Problem(CampaignService.NOTICE_STATE, "Not allowed in the notice's state", 409,
                e.getMessage(), request.path(), RequestIds.of(request), null, Map.of("noticeStatus", e.status().name())),
                Map.of());
    }
}
