package dev.kiroku.breachreporting.notification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * What a notice to a person says, in one language: the items APPI Rule 10 requires — Rule 8(1) items (1) overview,
 * (2) items of personal data, (4) cause, (5) secondary damage or its risk and its content, (9) other matters (what the
 * person can do, whom to ask) — and the mail's subject. No head count and no recurrence prevention: Rule 10 asks only
 * what protects the person's rights.
 */
@Schema(name = "NoticeItems", description = "The items of APPI Rule 10 in one language, with the mail's subject")
public record NoticeItems(
        @NotBlank @Size(max = 200) @Schema(description = "The mail's subject line",
                example = "【重要】お客様の個人情報の漏えいに関するお知らせとお詫び") String subject,
        @NotBlank @Size(max = 8000) @Schema(description = "(1) 概要 — overview (Rule 8(1)(i))",
                example = "2026年11月20日、当社の会員向けメール配信において宛先設定の誤りがあり、お客様の氏名と"
                        + "メールアドレスが他の会員に表示されました。") String overview,
        @NotEmpty @Size(max = 50) @Schema(description = "(2) 漏えい等が発生し、又は発生したおそれがある個人データの項目 "
                + "(Rule 8(1)(ii))", example = "[\"氏名\", \"メールアドレス\"]")
        List<@NotBlank @Size(max = 200) String> personalData,
        @NotBlank @Size(max = 8000) @Schema(description = "(4) 原因 — cause (Rule 8(1)(iv))",
                example = "配信ツールの宛先設定の誤り") String cause,
        @NotBlank @Size(max = 8000) @Schema(description = "(5) 二次被害又はそのおそれの有無及びその内容 (Rule 8(1)(v))",
                example = "現時点で二次被害は確認されておりません。不審なメールにご注意ください。")
        String secondaryDamage,
        @NotBlank @Size(max = 8000) @Schema(description = "(9) その他参考となる事項 — what the person can do, other "
                + "matters (Rule 8(1)(ix))", example = "身に覚えのないメールに記載されたリンクは開かないでください。")
        String otherMatters) {
}
