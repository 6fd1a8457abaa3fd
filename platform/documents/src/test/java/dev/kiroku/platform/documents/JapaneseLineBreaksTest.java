package dev.kiroku.platform.documents;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Japanese line breaking (kinsoku shori, JIS X 4051) with ICU4J, in plain text and in PDFs laid out by OpenPDF. */
class JapaneseLineBreaksTest {

    static final String TEXT = "ご請求の第三者提供記録については、開示により当社の業務の適正な実施に著しい支障を及ぼすおそれがある"
            + "場合（同法第33条第2項第2号）に該当するため、開示しないことといたしました（同法第33条第3項に基づくお知らせ）。"
            + "「本人」の同意（法第27条第1項）を得て提供しました。";
    static final String NOT_AT_LINE_START = "）」』】〕、。，．・：；？！ゃゅょっァィゥェォャュョッー々";
    static final String NOT_AT_LINE_END = "（「『【〔";

    static void obeysKinsoku(List<String> lines) {
        assertThat(lines).hasSizeGreaterThan(2);
        for (String line : lines) {
            if (!line.isEmpty()) {
                assertThat(NOT_AT_LINE_START.indexOf(line.charAt(0))).as("line starts with a closing mark: %s", line)
                        .isNegative();
                assertThat(NOT_AT_LINE_END.indexOf(line.charAt(line.length() - 1)))
                        .as("line ends with an opening bracket: %s", line).isNegative();
            }
        }
    }

    @Test
    void plainTextWrapsAtEveryWidthWithoutAClosingMarkStartingOrAnOpeningBracketEndingALine() {
        for (int width = 6; width <= 40; width++) {
            List<String> lines = JapaneseLineBreaks.wrap(TEXT, width);
            obeysKinsoku(lines);
            assertThat(String.join("", lines)).isEqualTo(TEXT);
        }
    }

    @Test
    void numbersAndLatinWordsAreNotCutAndHardBreaksStay() {
        assertThat(JapaneseLineBreaks.wrap("Reference: 019a8f2e-7c41 2026-11-20\n受付番号", 12))
                .containsExactly("Reference:", "019a8f2e-7c41", "2026-11-20", "受付番号");
    }

    @Test
    void aPdfParagraphInEveryNarrowColumnBreaksByTheJapaneseRules() throws Exception {
        Font font = new Font(PdfFonts.ipaexGothic(), 10);
        for (float width = 90; width <= 300; width += 7) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document document = new Document(new Rectangle(width + 20, 2000), 10, 10, 10, 10);
            PdfWriter.getInstance(document, out);
            document.open();
            document.add(JapaneseLineBreaks.paragraph(TEXT, font));
            document.close();
            PdfReader reader = new PdfReader(out.toByteArray());
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            reader.close();
            List<String> lines = Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty())
                    .toList();
            obeysKinsoku(lines);
            assertThat(String.join("", lines)).isEqualTo(TEXT);
        }
    }
}
