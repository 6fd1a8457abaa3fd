package dev.kiroku.platform.documents;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import com.lowagie.text.Chunk;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.SplitCharacter;
import com.lowagie.text.pdf.PdfChunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a line of Japanese (or mixed) text may break, by the Unicode line-breaking algorithm (UAX #14) with the
 * Japanese strict rules of ICU4J ({@code ja@lb=strict}): kinsoku shori (禁則処理) — no line starts with a closing
 * bracket or punctuation ({@code ）」』、。}, small kana, the long-vowel mark), no line ends with an opening bracket
 * ({@code （「『}), numbers and Latin words are not cut. OpenPDF's default splits after any CJK character and leaves a
 * lone {@code ）} at the start of a line; text laid out through {@link #phrase} or {@link #paragraph} breaks only at
 * ICU's opportunities (and, like OpenPDF, inside a run longer than the line only where it must).
 */
public final class JapaneseLineBreaks implements SplitCharacter {

    /** The one instance (stateless apart from a per-thread cache of the last text examined). */
    public static final JapaneseLineBreaks INSTANCE = new JapaneseLineBreaks();
    static final ULocale STRICT_JAPANESE = new ULocale("ja@lb=strict");

    private final ThreadLocal<Examined> last = new ThreadLocal<>();

    private JapaneseLineBreaks() {
    }

    /** A paragraph whose lines break by the Japanese rules. */
    public static Paragraph paragraph(String text, Font font) {
        Paragraph paragraph = new Paragraph();
        paragraph.setFont(font);
        paragraph.addAll(chunks(text, font));
        return paragraph;
    }

    /** A phrase (a table cell's content) whose lines break by the Japanese rules. */
    public static Phrase phrase(String text, Font font) {
        Phrase phrase = new Phrase();
        phrase.setFont(font);
        phrase.addAll(chunks(text, font));
        return phrase;
    }

    /**
     * The text in runs of one font each ({@link PdfFonts#runs}), each breaking by these rules. Outside a table cell
     * OpenPDF asks about one run at a time, so a line may also break where the font changes (rare: around a character
     * only the fallback font has).
     */
    static List<Chunk> chunks(String text, Font font) {
        List<Chunk> runs = PdfFonts.runs(text, font);
        runs.forEach(run -> run.setSplitCharacter(INSTANCE));
        return runs;
    }

    /**
     * The lines of a text broken at ICU's opportunities so that none is longer than {@code width} characters where
     * an opportunity allows (for plain-text renderings and to check the rules); hard line breaks are kept.
     */
    public static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            BreakIterator breaks = BreakIterator.getLineInstance(STRICT_JAPANESE);
            breaks.setText(paragraph);
            int lineStart = 0;
            int lastFit = -1;
            for (int end = breaks.next(); end != BreakIterator.DONE; end = breaks.next()) {
                if (end - lineStart > width && lastFit > lineStart) {
                    lines.add(paragraph.substring(lineStart, lastFit).stripTrailing());
                    lineStart = lastFit;
                }
                lastFit = end;
            }
            lines.add(paragraph.substring(lineStart).stripTrailing());
        }
        return lines;
    }

    /**
     * OpenPDF asks whether it may break after {@code cc[current]}; {@code cc[start..end)} is the text being laid out
     * (a chunk's remainder, or a cell's whole text).
     */
    @Override
    public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
        if (current + 1 >= end) {
            return true;
        }
        Examined examined = last.get();
        if (examined == null || examined.text != cc || examined.start != start || examined.end != end) {
            BreakIterator breaks = BreakIterator.getLineInstance(STRICT_JAPANESE);
            breaks.setText(new String(cc, start, end - start));
            examined = new Examined(cc, start, end, breaks);
            last.set(examined);
        }
        return examined.breaks.isBoundary(current + 1 - start);
    }

    private record Examined(char[] text, int start, int end, BreakIterator breaks) {
    }
}
