package dev.kiroku.breachreporting.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The nine items of a report under APPI Rule 8(1) (別記様式第一), each a structured field with the moment its content
 * was known. An item not yet known is absent (null): a preliminary report carries what is known, a final report all
 * nine, a supplement what was missing.
 */
@Schema(name = "ReportItems", description = "The nine items of APPI Rule 8(1); an item not yet known is omitted")
public record ReportItems(
        @Valid @Schema(description = "(1) 概要 — overview of the event") TextItem overview,
        @Valid @Schema(description = "(2) 漏えい等が発生し、又は発生したおそれがある個人データの項目") DataItems personalData,
        @Valid @Schema(description = "(3) 漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数")
        PersonCount affectedPersons,
        @Valid @Schema(description = "(4) 原因 — cause") TextItem cause,
        @Valid @Schema(description = "(5) 二次被害又はそのおそれの有無及びその内容") SecondaryDamage secondaryDamage,
        @Valid @Schema(description = "(6) 本人への対応の実施状況 — measures toward the persons") TextItem responseToPersons,
        @Valid @Schema(description = "(7) 公表の実施状況 — public announcement") Publication publication,
        @Valid @Schema(description = "(8) 再発防止のための措置 — recurrence prevention") TextItem recurrencePrevention,
        @Valid @Schema(description = "(9) その他参考となる事項 — other matters for reference") TextItem otherMatters) {

    /** One item of Rule 8(1): its number, field name and the form's heading. */
    public record Item(int number, String field, String heading, Function<ReportItems, Known> value) {
    }

    /** What every item has: when its content was known. */
    public interface Known {
        Instant knownAsOf();
    }

    public static final List<Item> ITEMS = List.of(
            new Item(1, "overview", "概要", ReportItems::overview),
            new Item(2, "personalData", "漏えい等が発生し、又は発生したおそれがある個人データの項目",
                    ReportItems::personalData),
            new Item(3, "affectedPersons", "漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数",
                    ReportItems::affectedPersons),
            new Item(4, "cause", "原因", ReportItems::cause),
            new Item(5, "secondaryDamage", "二次被害又はそのおそれの有無及びその内容", ReportItems::secondaryDamage),
            new Item(6, "responseToPersons", "本人への対応の実施状況", ReportItems::responseToPersons),
            new Item(7, "publication", "公表の実施状況", ReportItems::publication),
            new Item(8, "recurrencePrevention", "再発防止のための措置", ReportItems::recurrencePrevention),
            new Item(9, "otherMatters", "その他参考となる事項", ReportItems::otherMatters));

    @Schema(name = "ReportTextItem")
    public record TextItem(
            @NotBlank @Size(max = 8000) @Schema(example = "委託先の配送システムに対する不正アクセスにより、顧客情報が"
                    + "閲覧された可能性がある") String text,
            @NotNull @Schema(description = "When this content was known", example = "2026-11-21T18:00:00+09:00")
            Instant knownAsOf) implements Known {
    }

    @Schema(name = "ReportDataItems")
    public record DataItems(
            @NotEmpty @Size(max = 50) @Schema(example = "[\"氏名\", \"メールアドレス\", \"クレジットカード番号\"]")
            List<@NotBlank @Size(max = 200) String> items,
            @Size(max = 8000) String details,
            @NotNull Instant knownAsOf) implements Known {
    }

    @Schema(name = "ReportPersonCount")
    public record PersonCount(
            @NotNull @PositiveOrZero @Schema(example = "1500") Long count,
            @Schema(description = "The count is an estimate (約)") boolean estimated,
            @Size(max = 8000) String details,
            @NotNull Instant knownAsOf) implements Known {
    }

    @Schema(name = "ReportSecondaryDamage")
    public record SecondaryDamage(
            @NotNull @Schema(description = "有無: whether there is secondary damage or a risk of it") Boolean present,
            @Size(max = 8000) @Schema(description = "内容: required when present") String details,
            @NotNull Instant knownAsOf) implements Known {
    }

    @Schema(name = "ReportPublication")
    public record Publication(
            @NotNull @Schema(description = "Whether the incident has been announced publicly") Boolean published,
            @Schema(description = "When it was announced: required when published") Instant publishedAt,
            @Size(max = 8000) String details,
            @NotNull Instant knownAsOf) implements Known {
    }

    /** The items present, by field name, in the order of Rule 8(1). */
    public Map<String, Known> known() {
        Map<String, Known> known = new LinkedHashMap<>();
        for (Item item : ITEMS) {
            Known value = item.value().apply(this);
            if (value != null) {
                known.put(item.field(), value);
            }
        }
        return known;
    }

    /** The Rule 8(1) items not yet given. */
    public List<Item> missing() {
        List<Item> missing = new ArrayList<>();
        for (Item item : ITEMS) {
            if (item.value().apply(this) == null) {
                missing.add(item);
            }
        }
        return missing;
    }
}
