package dev.kiroku.platform.documents;

import com.lowagie.text.Chunk;
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
import java.util.List;

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

    @Test
    void eachCharacterPrintsFromTheFirstFontThatHasItAndOneNoFontHasPrintsAsTheGetaMark() {
        Font font = new Font(PdfFonts.ipaexGothic(), 10.5f, Font.BOLD, java.awt.Color.RED);
        // 𠮷 and 张伟 are not in IPAexGothic, Hangul neither; U+1F600 (an emoji) is in no font of the suite; the
        // variation selector U+E0100 stays with 葛 (printed in its standard form); a zero-width space stays invisible
        List<Chunk> runs = PdfFonts.runs("𠮷田花子 张伟\n김민준 葛\uDB40\uDD00飾 \uD83D\uDE00\u200B", font);

        assertThat(runs).extracting(Chunk::getContent)
                .containsExactly("𠮷", "田花子 ", "张伟", "\n", "김민준", " 葛\uDB40\uDD00飾 〓\u200B");
        assertThat(runs).extracting(run -> run.getFont().getBaseFont().getPostscriptFontName())
                .containsExactly("NotoSansCJKjp-Regular", "IPAexGothic", "NotoSansCJKjp-Regular", "IPAexGothic",
                        "NotoSansCJKjp-Regular", "IPAexGothic");
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.getFont().getSize()).isEqualTo(10.5f);
            assertThat(run.getFont().getStyle()).isEqualTo(Font.BOLD);
            assertThat(run.getFont().getColor()).isEqualTo(java.awt.Color.RED);
        });
    }

    @Test
    void bothFontsAreEmbeddedAndTheTextComesBackOutWhole() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4);
        PdfWriter.getInstance(document, out);
        document.open();
        Font font = new Font(PdfFonts.ipaexGothic(), 12);
        document.add(new Paragraph(PdfFonts.phrase("𠮷田花子 様（株式会社𠮷野家）张伟 김민준", font)));
        document.close();

        PdfReader reader = new PdfReader(out.toByteArray());
        assertThat(new PdfTextExtractor(reader).getTextFromPage(1))
                .contains("𠮷田花子", "株式会社𠮷野家", "张伟", "김민준");
        String raw = new String(out.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(raw.split("/FontFile2", -1)).hasSize(3); // two embedded TrueType subsets
        assertThat(raw).contains("NotoSansCJKjp-Regular", "IPAexGothic");
        reader.close();
    }

    @Test
    void theFallbackDrawsItsCharactersWithTrueTypeOutlines() throws Exception {
        // the fallback's outlines are TrueType (a CFF subset of OpenPDF's printed blank in poppler): Java's own font
        // engine reads them and draws a non-empty shape for each of these
        byte[] file;
        try (var in = PdfFonts.class.getResourceAsStream(PdfFonts.CJK_FALLBACK)) {
            file = in.readAllBytes();
        }
        assertThat(java.util.Arrays.copyOf(file, 4)).as("sfnt version 1.0 (TrueType), not 'OTTO' (CFF)")
                .containsExactly(0, 1, 0, 0);
        java.awt.Font fallback = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT,
                new java.io.ByteArrayInputStream(file)).deriveFont(40f);
        var context = new java.awt.font.FontRenderContext(null, true, true);
        for (String text : List.of("𠮷", "张", "김", "\uD840\uDC21")) { // the last: 𠀡 (U+20021)
            assertThat(fallback.canDisplayUpTo(text)).as(text).isEqualTo(-1);
            java.awt.geom.Rectangle2D bounds = fallback.createGlyphVector(context, text).getOutline().getBounds2D();
            assertThat(bounds.getWidth() * bounds.getHeight()).as(text).isGreaterThan(100);
        }
    }
}
