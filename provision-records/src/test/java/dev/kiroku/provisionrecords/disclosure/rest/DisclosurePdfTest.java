package dev.kiroku.provisionrecords.disclosure.rest;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The disclosure letter renders with the suite's shared font (platform/documents), embedded, in Japanese. */
class DisclosurePdfTest {

    @Test
    void aJapaneseLetterEmbedsIpaexGothicAndItsTextComesBackOut() throws Exception {
        DisclosureLetter letter = new DisclosureLetter("ja", "第三者提供記録の開示について", "山田 太郎 様",
                "2026年11月23日", "2026年11月20日付けのご請求について、次のとおり開示します。",
                "対象期間: 2026年1月1日〜2026年11月20日", List.of("区分", "年月日", "提供先", "項目", "根拠"),
                List.of(new DisclosureLetter.Line(UUID.randomUUID(), "提供", "2026年3月1日", "株式会社サンプル商事",
                        "東京都千代田区", "氏名、住所", "オプトアウトによる第三者提供（法第27条第2項）")),
                "以上", "株式会社キロク", "個人情報お問合せ窓口", "受付番号 D-1");

        byte[] pdf = DisclosurePdf.render(letter);

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("IPAexGothic").contains("/FontFile2");
        PdfReader reader = new PdfReader(pdf);
        assertThat(new PdfTextExtractor(reader).getTextFromPage(1))
                .contains("第三者提供記録の開示について", "山田 太郎 様", "株式会社キロク", "次のとおり開示します");
        reader.close();
    }

    static final String NOT_AT_LINE_START = "）」』】〕、。，．・：；？！ゃゅょっァィゥェォャュョッー々";
    static final String NOT_AT_LINE_END = "（「『【〔";

    static List<String> lines(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page)).append('\n');
        }
        reader.close();
        return text.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    static DisclosureLetter refusalWithBasesIn(String language, String basis, String closing, String contact) {
        List<DisclosureLetter.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(new DisclosureLetter.Line(UUID.randomUUID(), "当社から第三者への提供", "2026年3月" + (i + 1) + "日",
                    "株式会社サンプル商事（東京支店" + "営業".repeat(i) + "）", "東京都千代田区丸の内一丁目1番1号",
                    "氏名、住所、電話番号、購入履歴（直近1年）", basis));
        }
        return new DisclosureLetter(language, "第三者提供記録の開示について", "山田 太郎 様", "2026年11月23日",
                "2026年11月20日付けでご請求のありました第三者提供記録の開示について、個人情報の保護に関する法律第33条第5項"
                        + "に基づき、下記のとおり回答いたします。", "対象期間：2026年1月1日～2026年11月20日",
                List.of("区分", "年月日", "提供先・提供元", "個人データの項目", "根拠"), lines, closing,
                "Kiroku デモ株式会社", contact, "受付番号：D-1");
    }

    @Test
    void noLineOfTheJapaneseLetterStartsWithAClosingBracketOrPunctuationOrEndsWithAnOpeningOne() throws Exception {
        DisclosureLetter letter = refusalWithBasesIn("ja", "外国にある第三者への提供についてのご本人の同意（法第28条第1項）",
                "ご請求の第三者提供記録については、開示により当社の業務の適正な実施に著しい支障を及ぼすおそれがある場合"
                        + "（同法第33条第2項第2号）に該当するため、開示しないことといたしました（同法第33条第3項に基づくお知らせ）。"
                        + "理由：「調査中の案件」（社内規程第5条）に関わるため。",
                "個人情報お問い合わせ窓口 privacy@example.invalid");

        List<String> lines = lines(DisclosurePdf.render(letter));

        assertThat(lines).hasSizeGreaterThan(20);
        for (String line : lines) {
            assertThat(NOT_AT_LINE_START.indexOf(line.charAt(0))).as("line starts with a closing mark: %s", line)
                    .isNegative();
            assertThat(NOT_AT_LINE_END.indexOf(line.charAt(line.length() - 1)))
                    .as("line ends with an opening bracket: %s", line).isNegative();
        }
        assertThat(String.join("", lines)).contains("（同法第33条第2項第2号）", "（法第28条第1項）");
    }
}
