package dev.kiroku.jointuse.group.rest;

import dev.kiroku.jointuse.group.JointUseNotice;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;

import java.util.List;

/**
 * Renders a notice version in Japanese or English as HTML or Markdown (Qute templates; every value HTML escaped, and in
 * Markdown also its link, emphasis and block syntax escaped), or answers its
 * JSON form, by content negotiation.
 */
@ApplicationScoped
class NoticeRenderer {

    static final String MARKDOWN = "text/markdown";
    static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.TEXT_HTML_TYPE, MediaType.valueOf(MARKDOWN)).build();

    private final Template jaHtml;
    private final Template enHtml;
    private final Template jaMarkdown;
    private final Template enMarkdown;

    NoticeRenderer(@Location("notice/ja.html") Template jaHtml, @Location("notice/en.html") Template enHtml,
            @Location("notice/ja.md") Template jaMarkdown, @Location("notice/en.md") Template enMarkdown) {
        this.jaHtml = jaHtml;
        this.enHtml = enHtml;
        this.jaMarkdown = jaMarkdown;
        this.enMarkdown = enMarkdown;
    }

    /** The negotiated representation; 406 when none of JSON, HTML or Markdown is acceptable. */
    Response negotiate(Request request, JointUseNotice notice, String lang, Object json) {
        Variant variant = request.selectVariant(VARIANTS);
        if (variant == null) {
            return Response.notAcceptable(VARIANTS).build();
        }
        MediaType type = variant.getMediaType();
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
        }
        boolean english = "en".equals(lang);
        boolean html = type.isCompatible(MediaType.TEXT_HTML_TYPE);
        Template template = html ? (english ? enHtml : jaHtml) : (english ? enMarkdown : jaMarkdown);
        // Qute escapes the HTML templates itself; the Markdown ones get values escaped for Markdown (and HTML in it)
        NoticeDocument document = html ? NoticeDocument.of(notice) : NoticeDocument.of(notice).markdown();
        String body = template.data("n", document).render();
        return Response.ok(body, type.withCharset("UTF-8")).header("Content-Language", english ? "en" : "ja").build();
    }
}
