package dev.kiroku.platform.documents;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class PdfFontsTest {

    @Test
    void theFontIsEmbeddedAndJapaneseTextComesBackOutOfThePdf() throws Exception {
        BaseFont font = PdfFonts.ipaexGothic();
        assertThat(font.isEmbedded()).isTrue();
        assertThat(font.getPostscriptFontName()).contains("IPAexGothic");
        assertThat(font.charExists('漏')).isTrue();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4);
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph("個人データの漏えい等報告書 Kiroku", new Font(font, 12)));
        document.close();

        PdfReader reader = new PdfReader(out.toByteArray());
        assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains("個人データの漏えい等報告書", "Kiroku");
        assertThat(new String(out.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("/FontFile2");
        reader.close();
    }
}
