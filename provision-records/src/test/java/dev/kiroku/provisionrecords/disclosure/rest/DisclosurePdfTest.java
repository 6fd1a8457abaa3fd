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
}
