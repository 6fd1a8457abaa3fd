package dev.kiroku.provisionrecords.disclosure.rest;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import dev.kiroku.platform.documents.JapaneseLineBreaks;
import dev.kiroku.platform.documents.PdfFonts;

import java.awt.Color;
import java.io.ByteArrayOutputStream;

/**
 * The printable disclosure letter (A4) with OpenPDF, in Japanese or English, with the suite's IPAexGothic font
 * ({@link PdfFonts}) embedded as a subset so that it prints the same everywhere (the PDF standard CJK fonts are not
 * embedded and show blank pages on viewers without an Asian font pack). Lines break by the Japanese rules (kinsoku,
 * {@link JapaneseLineBreaks}): no line starts with {@code ）} or {@code 。}, none ends with {@code （}.
 */
final class DisclosurePdf {

    private DisclosurePdf() {
    }

    static byte[] render(DisclosureLetter letter) {
        try {
            BaseFont base = PdfFonts.ipaexGothic();
            Font body = new Font(base, 10.5f);
            Font small = new Font(base, 8.5f);
            Font heading = new Font(base, 15);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document document = new Document(PageSize.A4, 56, 56, 56, 56);
            PdfWriter.getInstance(document, out);
            document.addTitle(letter.title());
            document.addCreator("Kiroku provision-records");
            document.open();
            Paragraph date = JapaneseLineBreaks.paragraph(letter.answeredOn(), body);
            date.setAlignment(Element.ALIGN_RIGHT);
            document.add(date);
            document.add(JapaneseLineBreaks.paragraph(letter.addressee(), body));
            Paragraph from = JapaneseLineBreaks.paragraph(letter.business(), body);
            from.setAlignment(Element.ALIGN_RIGHT);
            document.add(from);
            Paragraph title = JapaneseLineBreaks.paragraph(letter.title(), heading);
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingBefore(18);
            title.setSpacingAfter(14);
            document.add(title);
            document.add(JapaneseLineBreaks.paragraph(letter.intro(), body));
            Paragraph range = JapaneseLineBreaks.paragraph(letter.range(), body);
            range.setSpacingBefore(8);
            range.setSpacingAfter(8);
            document.add(range);
            if (!letter.lines().isEmpty()) {
                PdfPTable table = new PdfPTable(new float[] {2.2f, 2.2f, 3.2f, 3.4f, 3.0f});
                table.setWidthPercentage(100);
                table.setHeaderRows(1);
                for (String column : letter.columns()) {
                    PdfPCell cell = new PdfPCell(JapaneseLineBreaks.phrase(column, small));
                    cell.setBackgroundColor(new Color(0xEE, 0xEE, 0xEE));
                    cell.setPadding(4);
                    table.addCell(cell);
                }
                for (DisclosureLetter.Line line : letter.lines()) {
                    String counterparty = line.counterparty()
                            + (line.counterpartyAddress() == null ? "" : "\n" + line.counterpartyAddress());
                    for (String value : new String[] {line.direction(), line.date(), counterparty, line.items(),
                            line.basis()}) {
                        PdfPCell cell = new PdfPCell(JapaneseLineBreaks.phrase(value, small));
                        cell.setPadding(4);
                        table.addCell(cell);
                    }
                }
                document.add(table);
            }
            Paragraph closing = JapaneseLineBreaks.paragraph(letter.closing(), body);
            closing.setSpacingBefore(10);
            document.add(closing);
            Paragraph contact = JapaneseLineBreaks.paragraph(letter.contact() + "\n" + letter.reference(), small);
            contact.setSpacingBefore(18);
            document.add(contact);
            document.close();
            return out.toByteArray();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the disclosure letter", e);
        }
    }
}
