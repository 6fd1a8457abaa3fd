package dev.kiroku.breachreporting.notification.service;

import dev.kiroku.breachreporting.notification.InquiryContact;
import dev.kiroku.breachreporting.notification.NoticeContent;
import dev.kiroku.breachreporting.notification.NoticeItems;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renders a person's notice as plain text from the Japanese or English template (Qute, {@code templates/notification}):
 * the Rule 10 items, the inquiry contact, and the statute it rests on.
 */
@ApplicationScoped
@TemplateData(target = NoticeItems.class)
@TemplateData(target = InquiryContact.class)
public class NoticeRenderer {

    /** A rendered notice: subject and body. Holds the person's name: never logged. */
    public record Rendered(String subject, String body) {
    }

    /** What the templates see. */
    @TemplateData
    public record NoticeModel(String name, NoticeItems items, InquiryContact contact) {
    }

    private final Template ja;
    private final Template en;

    public NoticeRenderer(@Location("notification/ja.txt") Template ja, @Location("notification/en.txt") Template en) {
        this.ja = ja;
        this.en = en;
    }

    /** The notice in the language (falling back to Japanese when the campaign has no English text), to the name. */
    public Rendered render(NoticeContent content, String language, String personName) {
        String lang = content.languageFor(language);
        NoticeItems items = content.in(lang).orElseThrow();
        Template template = "en".equals(lang) ? en : ja;
        String name = personName == null || personName.isBlank() ? null : personName;
        String body = template.data("n", new NoticeModel(name, items, content.contact())).render();
        return new Rendered(items.subject(), body);
    }
}
