package dev.kiroku.platform.documents;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The font of the suite's Japanese PDFs: IPAexGothic (IPA Font License v1.0, see {@code fonts/README.md}), read once
 * from this module's class path and embedded as a subset in every document, so that a document prints the same on
 * every viewer (the PDF standard CJK fonts are not embedded and show blank pages on viewers without an Asian font
 * pack).
 */
public final class PdfFonts {

    /** Where the font lies on the class path. */
    public static final String IPAEX_GOTHIC = "/fonts/ipaexg.ttf";

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
