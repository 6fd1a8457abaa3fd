package dev.kiroku.breachreporting.report.rest;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.kiroku.breachreporting.incident.rules.Rule7Category;
import dev.kiroku.breachreporting.report.ReportItems;
import dev.kiroku.breachreporting.report.ReportKind;
import dev.kiroku.breachreporting.report.Submission;
import dev.kiroku.breachreporting.report.SubmissionChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The printed report (別記様式第一) from its structured items, read back out of the PDF. */
class ReportPdfTest {

    static final ReportSheet.Reporter REPORTER = new ReportSheet.Reporter("株式会社サンプル商店", "1234567890123",
            "東京都千代田区千代田1-1", "代表取締役 見本 一郎", "情報セキュリティ室 03-0000-0000");
    static final Instant DETECTED = OffsetDateTime.parse("2026-11-20T09:30:00+09:00").toInstant();
    /** 2026-11-20 22:30 UTC is already 2026-11-21 in Tokyo. */
    static final Instant AWARE = Instant.parse("2026-11-20T22:30:00Z");
    static final Instant KNOWN = Instant.parse("2026-11-21T16:00:00Z");

    /** Items (1)–(5) known, the rest not yet: a preliminary report's. */
    static ReportItems preliminaryItems() {
        return new ReportItems(
                new ReportItems.TextItem("顧客向けメールの誤送信により、氏名とメールアドレスが第三者に閲覧された", KNOWN),
                new ReportItems.DataItems(List.of("氏名", "メールアドレス"), null, KNOWN),
                new ReportItems.PersonCount(1500L, true, "配信リスト全件", KNOWN),
                new ReportItems.TextItem("配信ツールの宛先設定の誤り", KNOWN),
                new ReportItems.SecondaryDamage(false, null, KNOWN),
                null, null, null, null);
    }

    static ReportItems allItems() {
        ReportItems p = preliminaryItems();
        return new ReportItems(p.overview(), p.personalData(), p.affectedPersons(), p.cause(), p.secondaryDamage(),
                new ReportItems.TextItem("対象の本人へ電子メールでお詫びと経緯を通知済み", KNOWN),
                new ReportItems.Publication(true, OffsetDateTime.parse("2026-11-22T10:00:00+09:00").toInstant(),
                        "当社ウェブサイトにお知らせを掲載", KNOWN),
                new ReportItems.TextItem("宛先設定の二重確認と配信前承認の導入", KNOWN),
                new ReportItems.TextItem("お問合せ窓口を設置", KNOWN));
    }

    static ReportSheet sheet(ReportKind kind, int seq, ReportItems items, Submission submission) {
        return new ReportSheet(UUID.fromString("0193a5b3-1a2b-7c3d-8e4f-5a6b7c8d9e0f"), seq, kind, REPORTER,
                "メール誤送信（会員向けお知らせ）", DETECTED, AWARE,
                List.of(Rule7Category.OVER_THRESHOLD_PERSONS), items, submission);
    }

    /** The text of every page, without the line breaks and spaces the layout puts in. */
    static String text(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            StringBuilder text = new StringBuilder();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page));
            }
            return compact(text.toString());
        } finally {
            reader.close();
        }
    }

    static String compact(String text) {
        return text.replaceAll("[\\s\\u3000]+", "");
    }

    static int pages(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            return reader.getNumberOfPages();
        } finally {
            reader.close();
        }
    }

    @Test
    void aDraftPreliminaryReportShowsTheNineHeadingsTheKnownItemsWithTheirTokyoDateAndTheUnknownOnesAsSuch()
            throws IOException {
        byte[] pdf = ReportPdf.render(sheet(ReportKind.PRELIMINARY, 1, preliminaryItems(), null));

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pages(pdf)).isGreaterThanOrEqualTo(1);
        String text = text(pdf);
        for (ReportItems.Item item : ReportItems.ITEMS) {
            assertThat(text).contains("(" + item.number() + ")" + compact(item.heading()));
        }
        assertThat(text).contains("個人データの漏えい等の報告書", "別記様式第一（第八条関係）", "■速報□確報□追完", "（第1報）",
                "報告日（未提出）", "個人情報保護委員会御中");
        assertThat(text).contains("顧客向けメールの誤送信により", "氏名、メールアドレス", "約1,500人", "配信リスト全件",
                "配信ツールの宛先設定の誤り", "無（2026年11月22日時点）");
        assertThat(text).contains("（2026年11月22日時点）").doesNotContain("2026年11月21日時点");
        assertThat(count(text, "未判明（追って報告）")).isEqualTo(4);
        assertThat(text).contains("株式会社サンプル商店", "1234567890123", "東京都千代田区千代田1-1",
                "代表取締役見本一郎", "情報セキュリティ室03-0000-0000");
        assertThat(text).contains("発見日2026年11月20日", "発覚日（事態を知った日）2026年11月21日",
                "第(iv)号本人の数が千人を超える");
        assertThat(text).contains("下書き(DRAFT)").contains("1/" + pages(pdf));
        assertThat(text).doesNotContain("提出の記録", "受付番号");
    }

    @Test
    void theJapaneseFontIsEmbeddedSoThePdfPrintsTheSameEverywhere() {
        byte[] pdf = ReportPdf.render(sheet(ReportKind.PRELIMINARY, 1, preliminaryItems(), null));

        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("IPAexGothic").contains("/FontFile2");
    }

    @Test
    void aSubmittedFinalReportCarriesTheSubmissionRecordAndNoDraftMark() throws IOException {
        Submission submission = new Submission(SubmissionChannel.PPC_WEB_FORM, null,
                OffsetDateTime.parse("2026-12-10T16:30:00+09:00").toInstant(), "R8-00123", "株式会社サンプル商店",
                "漏えい等報告フォームから提出");

        byte[] pdf = ReportPdf.render(sheet(ReportKind.FINAL, 2, allItems(), submission));

        String text = text(pdf);
        assertThat(text).contains("□速報■確報□追完", "（第2報）", "報告日2026年12月10日");
        assertThat(text).contains("提出の記録", "個人情報保護委員会（電子情報処理組織：漏えい等報告フォーム）",
                "提出日時2026年12月10日16時30分（日本時間UTC+09:00）", "受付番号R8-00123", "報告した事業者株式会社サンプル商店",
                "漏えい等報告フォームから提出");
        assertThat(text).contains("公表済み（2026年11月22日）", "当社ウェブサイトにお知らせを掲載",
                "宛先設定の二重確認と配信前承認の導入");
        assertThat(text).doesNotContain("未判明", "下書き", "DRAFT");
        assertThat(text).contains("1/" + pages(pdf));
    }

    @Test
    void aSupplementToADelegatedMinistryMarksTheItemsItDoesNotCarryAsAlreadyReported() throws IOException {
        ReportItems later = new ReportItems(null, null, null,
                new ReportItems.TextItem("外部委託先の設定変更手順の不備（調査完了）", KNOWN),
                new ReportItems.SecondaryDamage(true, "不審な電子メールの受信報告（2件）", KNOWN), null, null, null, null);
        Submission submission = new Submission(SubmissionChannel.DELEGATED_MINISTRY, "経済産業省",
                OffsetDateTime.parse("2027-01-15T11:00:00+09:00").toInstant(), null, "株式会社サンプル商店", null);

        String text = text(ReportPdf.render(sheet(ReportKind.SUPPLEMENT, 3, later, submission)));

        assertThat(text).contains("□速報□確報■追完", "経済産業省御中", "受付番号（なし）", "有不審な電子メールの受信報告（2件）",
                "外部委託先の設定変更手順の不備（調査完了）");
        assertThat(count(text, "既報のとおり（本追完の対象外）")).isEqualTo(7);
        assertThat(text).doesNotContain("未判明");
    }

    @Test
    void namesAndItemsPrintEveryCharacterEvenThoseTheMainFontLacks() throws IOException {
        // 𠮷 (U+20BB7) and 张 are not in IPAexGothic: they print from the suite's CJK fallback, never as nothing
        ReportSheet.Reporter reporter = new ReportSheet.Reporter("株式会社𠮷野家", null, "東京都千代田区千代田1-1",
                "代表取締役 𠮷田 张", "情報セキュリティ室 03-0000-0000");
        ReportItems p = preliminaryItems();
        ReportItems items = new ReportItems(new ReportItems.TextItem("委託先（𠮷田商事）での誤送信", KNOWN),
                p.personalData(), p.affectedPersons(), p.cause(), p.secondaryDamage(), null, null, null, null);
        byte[] pdf = ReportPdf.render(new ReportSheet(UUID.randomUUID(), 1, ReportKind.PRELIMINARY, reporter,
                "𠮷野家の件", DETECTED, AWARE, List.of(Rule7Category.OVER_THRESHOLD_PERSONS), items, null));

        assertThat(text(pdf)).contains("株式会社𠮷野家", "代表取締役𠮷田张", "委託先（𠮷田商事）での誤送信", "𠮷野家の件");
    }

    @Test
    void renderingWritesNothingOfTheReportToTheLogsOrTheConsole() {
        List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
        long renderer = Thread.currentThread().getId();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // rendering runs on this thread: what other threads of the test JVM log meanwhile is not its output
                if (record.getLongThreadID() == renderer) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            byte[] pdf = ReportPdf.render(sheet(ReportKind.PRELIMINARY, 1, preliminaryItems(), null));
            assertThat(pdf).isNotEmpty();
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(capture);
            root.setLevel(level);
        }
        assertThat(records).isEmpty();
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
