package dev.kiroku.breachreporting.report.rest;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfGState;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfStamper;
import com.lowagie.text.pdf.PdfWriter;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.Rule7Category;
import dev.kiroku.breachreporting.report.ReportItems;
import dev.kiroku.breachreporting.report.ReportKind;
import dev.kiroku.breachreporting.report.Submission;
import dev.kiroku.breachreporting.report.SubmissionChannel;
import dev.kiroku.platform.documents.PdfFonts;
import dev.kiroku.platform.web.JstTimes;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The printable report (A4, Japanese) laid out like the PPC's 別記様式第一 (第八条関係): the report's kind marked among
 * 速報 / 確報 / 追完, the report date and the business that reports, the incident's key dates and Rule 7 categories, a
 * bordered table of the nine items of Rule 8(1), each with the day its content was known (Asia/Tokyo), and the
 * submission record once submitted. A draft is marked 下書き (DRAFT) in its title, on top of every page and across
 * every page. Rendered with OpenPDF and the suite's IPAexGothic font ({@link PdfFonts}) embedded as a subset. Nothing
 * of the content is logged or put into an exception message.
 */
final class ReportPdf {

    static final ZoneId ZONE = DeadlineCalculator.LEGAL_ZONE;
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPAN);

    static final String FORM = "別記様式第一（第八条関係）";
    static final String TITLE = "個人データの漏えい等の報告書";
    static final String DRAFT_MARK = "下書き (DRAFT)";
    static final String UNKNOWN = "未判明（追って報告）";
    static final String NOT_IN_SUPPLEMENT = "既報のとおり（本追完の対象外）";

    private static final Color SHADE = new Color(0xEE, 0xEE, 0xEE);
    private static final Color DRAFT_RED = new Color(0xC0, 0x10, 0x10);

    private ReportPdf() {
    }

    static byte[] render(ReportSheet sheet) {
        try {
            return stamp(layout(sheet), sheet);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("cannot render the report PDF", e);
        }
    }

    private static byte[] layout(ReportSheet sheet) throws DocumentException {
        BaseFont base = PdfFonts.ipaexGothic();
        Font body = new Font(base, 10);
        Font small = new Font(base, 8.5f);
        Font label = new Font(base, 9.5f);
        Font heading = new Font(base, 11);
        Font title = new Font(base, 16);
        Font draft = new Font(base, 12, Font.NORMAL, DRAFT_RED);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 50, 50, 56, 56);
        PdfWriter.getInstance(document, out);
        document.addTitle(TITLE + "（" + sheet.kind().japanese() + "）" + (sheet.draft() ? " " + DRAFT_MARK : ""));
        document.addCreator("Kiroku breach-reporting");
        document.open();

        document.add(new Paragraph(FORM, small));
        Paragraph date = new Paragraph("報告日　" + (sheet.draft() ? "（未提出）"
                : date(sheet.submission().submittedAt())), body);
        date.setAlignment(Element.ALIGN_RIGHT);
        document.add(date);

        Paragraph heading1 = new Paragraph(TITLE, title);
        heading1.setAlignment(Element.ALIGN_CENTER);
        heading1.setSpacingBefore(10);
        document.add(heading1);
        Paragraph kinds = new Paragraph(kinds(sheet.kind()) + "　（第" + sheet.seq() + "報）", heading);
        kinds.setAlignment(Element.ALIGN_CENTER);
        kinds.setSpacingBefore(6);
        document.add(kinds);
        if (sheet.draft()) {
            Paragraph mark = new Paragraph(DRAFT_MARK + "　この報告書は提出前の下書きです", draft);
            mark.setAlignment(Element.ALIGN_CENTER);
            mark.setSpacingBefore(4);
            document.add(mark);
        }

        Paragraph addressee = new Paragraph(PdfFonts.phrase(addressee(sheet.submission()) + "　御中", body));
        addressee.setSpacingBefore(12);
        document.add(addressee);
        Paragraph intro = new Paragraph("個人情報の保護に関する法律第26条第1項の規定により、下記のとおり報告します。", body);
        intro.setSpacingBefore(6);
        intro.setSpacingAfter(8);
        document.add(intro);

        ReportSheet.Reporter reporter = sheet.reporter();
        PdfPTable business = table(label, body, "報告者");
        row(business, "報告者の氏名又は名称", reporter.name(), label, body);
        if (reporter.corporateNumber() != null && !reporter.corporateNumber().isBlank()) {
            row(business, "法人番号", reporter.corporateNumber(), label, body);
        }
        row(business, "住所（所在地）", reporter.address(), label, body);
        row(business, "代表者の氏名", reporter.representative(), label, body);
        row(business, "連絡先", reporter.contact(), label, body);
        document.add(business);

        PdfPTable event = table(label, body, "事態");
        row(event, "事案の名称", sheet.incidentTitle(), label, body);
        row(event, "発見日", date(sheet.detectedAt()), label, body);
        row(event, "発覚日（事態を知った日）", date(sheet.awarenessAt()), label, body);
        row(event, "報告対象事態（規則第7条）", categories(sheet.categories()), label, body);
        document.add(event);

        Paragraph items = new Paragraph("報告事項（個人情報の保護に関する法律施行規則第8条第1項）", heading);
        items.setSpacingBefore(12);
        items.setSpacingAfter(4);
        document.add(items);
        PdfPTable table = new PdfPTable(new float[] {3.2f, 6.8f});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setSplitLate(false);
        table.addCell(shaded("項目", label));
        table.addCell(shaded("内容", label));
        for (ReportItems.Item item : ReportItems.ITEMS) {
            PdfPCell head = cell("(" + item.number() + ") " + item.heading(), label);
            head.setBackgroundColor(SHADE);
            table.addCell(head);
            ReportItems.Known known = item.value().apply(sheet.items());
            Phrase content = new Phrase();
            if (known == null) {
                content.add(new Phrase(sheet.kind() == ReportKind.SUPPLEMENT ? NOT_IN_SUPPLEMENT : UNKNOWN, body));
            } else {
                content.add(PdfFonts.phrase(content(known), body));
                content.add(new Phrase("\n（" + date(known.knownAsOf()) + "時点）", small));
            }
            PdfPCell cell = new PdfPCell(content);
            cell.setPadding(5);
            table.addCell(cell);
        }
        document.add(table);

        if (!sheet.draft()) {
            Submission s = sheet.submission();
            PdfPTable record = table(label, body, "提出の記録");
            row(record, "提出先", addressee(s) + (s.channel() == SubmissionChannel.PPC_WEB_FORM
                    ? "（電子情報処理組織：漏えい等報告フォーム）" : "（法第150条による権限の委任）"),
                    label, body);
            row(record, "提出日時", dateTime(s.submittedAt()), label, body);
            row(record, "受付番号", s.receiptNumber() == null ? "（なし）" : s.receiptNumber(), label, body);
            row(record, "報告した事業者", s.submittingBusiness(), label, body);
            if (s.note() != null) {
                row(record, "備考", s.note(), label, body);
            }
            document.add(record);
        }
        document.close();
        return out.toByteArray();
    }

    /** Page numbers and the report's reference on every page; a draft's mark on top of and across every page. */
    private static byte[] stamp(byte[] pdf, ReportSheet sheet) throws DocumentException, IOException {
        BaseFont base = PdfFonts.ipaexGothic();
        PdfReader reader = new PdfReader(pdf);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfStamper stamper = new PdfStamper(reader, out);
        int pages = reader.getNumberOfPages();
        String reference = "第" + sheet.seq() + "報（" + sheet.kind().japanese() + "）　報告ID " + sheet.reportId();
        for (int page = 1; page <= pages; page++) {
            Rectangle size = reader.getPageSize(page);
            if (sheet.draft()) {
                PdfContentByte under = stamper.getUnderContent(page);
                under.saveState();
                PdfGState faint = new PdfGState();
                faint.setFillOpacity(0.12f);
                under.setGState(faint);
                under.beginText();
                under.setFontAndSize(base, 64);
                under.setColorFill(DRAFT_RED);
                under.showTextAligned(Element.ALIGN_CENTER, DRAFT_MARK, size.getWidth() / 2, size.getHeight() / 2,
                        45);
                under.endText();
                under.restoreState();
            }
            PdfContentByte over = stamper.getOverContent(page);
            over.beginText();
            over.setFontAndSize(base, 8);
            over.setColorFill(Color.DARK_GRAY);
            over.showTextAligned(Element.ALIGN_LEFT, reference, 50, 30, 0);
            over.showTextAligned(Element.ALIGN_RIGHT, page + " / " + pages, size.getWidth() - 50, 30, 0);
            if (sheet.draft()) {
                over.setFontAndSize(base, 10);
                over.setColorFill(DRAFT_RED);
                over.showTextAligned(Element.ALIGN_RIGHT, DRAFT_MARK, size.getWidth() - 50, size.getHeight() - 36,
                        0);
            }
            over.endText();
        }
        stamper.close();
        reader.close();
        return out.toByteArray();
    }

    /** The form's kind line: the report's kind marked ■, the others □. */
    static String kinds(ReportKind kind) {
        List<String> marks = new ArrayList<>();
        for (ReportKind k : ReportKind.values()) {
            marks.add((k == kind ? "■" : "□") + k.japanese());
        }
        return String.join("　", marks);
    }

    /** An item's content in the form's words. */
    static String content(ReportItems.Known known) {
        if (known instanceof ReportItems.TextItem t) {
            return t.text();
        }
        if (known instanceof ReportItems.DataItems d) {
            return String.join("、", d.items()) + details(d.details());
        }
        if (known instanceof ReportItems.PersonCount p) {
            return (p.estimated() ? "約" : "") + String.format(Locale.JAPAN, "%,d", p.count()) + "人"
                    + details(p.details());
        }
        if (known instanceof ReportItems.SecondaryDamage s) {
            return (s.present() ? "有" : "無") + details(s.details());
        }
        if (known instanceof ReportItems.Publication p) {
            return (p.published() ? "公表済み（" + date(p.publishedAt()) + "）" : "未公表") + details(p.details());
        }
        throw new IllegalArgumentException("unknown report item " + known.getClass().getSimpleName());
    }

    private static String details(String details) {
        return details == null || details.isBlank() ? "" : "\n" + details;
    }

    private static String addressee(Submission submission) {
        return submission != null && submission.ministry() != null ? submission.ministry() : "個人情報保護委員会";
    }

    private static String categories(List<Rule7Category> categories) {
        if (categories.isEmpty()) {
            return "（評価なし）";
        }
        return String.join("\n", categories.stream().map(c -> "第" + c.number() + "号　" + c.japanese()).toList());
    }

    static String date(Instant instant) {
        return instant.atZone(ZONE).format(DATE);
    }

    /** An instant as a person in Japan reads it: JST with the offset, {@code 2026年12月10日 16時30分（日本時間 UTC+09:00）}. */
    static String dateTime(Instant instant) {
        return JstTimes.japanese(instant);
    }

    private static PdfPTable table(Font label, Font body, String caption) {
        PdfPTable table = new PdfPTable(new float[] {3.2f, 6.8f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(8);
        table.setSplitLate(false);
        PdfPCell head = shaded(caption, label);
        head.setColspan(2);
        table.addCell(head);
        return table;
    }

    private static void row(PdfPTable table, String label, String value, Font labelFont, Font body) {
        table.addCell(cell(label, labelFont));
        table.addCell(cell(value == null ? "" : value, body));
    }

    private static PdfPCell shaded(String text, Font font) {
        PdfPCell cell = cell(text, font);
        cell.setBackgroundColor(new Color(0xDD, 0xDD, 0xDD));
        return cell;
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(PdfFonts.phrase(text, font));
        cell.setPadding(5);
        return cell;
    }
}
