package dev.kiroku.platform.documents;

import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fonts of the suite's Japanese PDFs, read once from this module's class path and embedded as subsets in every
 * document, so that a document prints the same on every viewer (the PDF standard CJK fonts are not embedded and show
 * blank pages on viewers without an Asian font pack); see {@code fonts/README.md}.
 * <ul>
 * <li>IPAexGothic (IPA Font License v1.0): the text's font.</li>
 * <li>A fallback cut from Noto Sans CJK JP (SIL OFL 1.1): the 31,662 CJK ideographs and Hangul IPAexGothic lacks.
 * IPAexGothic holds JIS X 0208 and part of JIS X 0213, not 𠮷 (U+20BB7, as in 𠮷田 and 𠮷野家), not most of the
 * simplified Chinese characters of the names of residents from China (张, 刘), nor Hangul. Without it OpenPDF leaves
 * such a character out without a trace: a disclosure letter was addressed to "田花子 様" for 𠮷田花子.</li>
 * </ul>
 * Text laid out through {@link #runs} (or {@link #phrase}, or {@link JapaneseLineBreaks}) takes each character from
 * the first font that has it; a character neither has prints as {@link #MISSING}, visibly, never as nothing.
 */
public final class PdfFonts {

    /** Where IPAexGothic lies on the class path. */
    public static final String IPAEX_GOTHIC = "/fonts/ipaexg.ttf";
    /** Where the CJK fallback lies on the class path. */
    public static final String CJK_FALLBACK = "/fonts/noto-sans-cjk-jp-fallback.ttf";
    /** What a character no font of the suite holds prints as: the geta mark 〓, as Japanese print marks one. */
    public static final String MISSING = "〓";

    private static final byte[] FONT = read(IPAEX_GOTHIC);

    private PdfFonts() {
    }

    /** IPAexGothic as an OpenPDF font: Unicode (Identity-H), embedded as a subset of the glyphs used. */
    public static BaseFont ipaexGothic() {
        try {
            return BaseFont.createFont("ipaexg.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, FONT, null);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("cannot load the IPAexGothic font", e);
        }
    }

    /** The CJK fallback as an OpenPDF font: Unicode (Identity-H), embedded as a subset of the glyphs used. */
    public static BaseFont cjkFallback() {
        try {
            return BaseFont.createFont("noto-sans-cjk-jp-fallback.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    Fallback.BYTES, null);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("cannot load the CJK fallback font", e);
        }
    }

    /** The text as a phrase of {@link #runs}. */
    public static Phrase phrase(String text, Font font) {
        Phrase phrase = new Phrase();
        phrase.setFont(font);
        phrase.addAll(runs(text, font));
        return phrase;
    }

    /**
     * The text as chunks of one font each, in order: {@code font} wherever its font has the character, else the CJK
     * fallback at the same size, style and colour, else {@link #MISSING} in {@code font}. Line breaks, spaces, control
     * and format characters (a zero-width space or joiner) stay in {@code font}, drawn as before or not at all; a
     * variation selector (an IVS of a name's character) stays with the character before it, which prints in its
     * standard form.
     */
    public static List<Chunk> runs(String text, Font font) {
        String content = text == null ? "" : text;
        BaseFont primary = font.getBaseFont();
        if (primary == null || content.isEmpty()) {
            return List.of(new Chunk(content, font));
        }
        BaseFont fallback = null;
        Font fallbackFont = null;
        List<Chunk> runs = new ArrayList<>(1);
        StringBuilder run = new StringBuilder(content.length());
        boolean inFallback = false;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int length = Character.charCount(cp);
            boolean toFallback = inFallback;
            boolean missing = false;
            if (!isVariationSelector(cp)) {
                toFallback = false;
                if (!isInvisible(cp) && !primary.charExists(cp)) {
                    if (fallback == null) {
                        fallback = cjkFallback();
                    }
                    toFallback = fallback.charExists(cp);
                    missing = !toFallback;
                }
            }
            if (toFallback != inFallback && !run.isEmpty()) {
                runs.add(new Chunk(run.toString(), inFallback ? fallbackFont : font));
                run.setLength(0);
            }
            if (toFallback && fallbackFont == null) {
                fallbackFont = new Font(fallback, font.getSize(), font.getStyle(), font.getColor());
            }
            inFallback = toFallback;
            if (missing) {
                run.append(MISSING);
            } else {
                run.append(content, i, i + length);
            }
            i += length;
        }
        runs.add(new Chunk(run.toString(), inFallback ? fallbackFont : font));
        return runs;
    }

    /** The fallback's 9 MB, read when a document first needs it. */
    private static final class Fallback {
        static final byte[] BYTES = read(CJK_FALLBACK);
    }

    /** Line breaks, spaces, controls and format characters (a zero-width space or joiner): never a 〓. */
    private static boolean isInvisible(int cp) {
        return Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT;
    }

    private static boolean isVariationSelector(int cp) {
        return cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
    }

    private static byte[] read(String resource) {
        try (InputStream in = PdfFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
