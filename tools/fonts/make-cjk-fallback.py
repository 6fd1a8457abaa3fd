#!/usr/bin/env python3
"""Builds platform/documents' fallback font: the CJK ideographs and Hangul of Noto Sans CJK JP Regular that
IPAexGothic lacks, with TrueType outlines (OpenPDF's subsets of CFF outlines print blank in common viewers).

    python3 tools/fonts/make-cjk-fallback.py <NotoSansCJK-Regular.ttc> <ipaexg.ttf> <out.ttf>

Needs fontTools (Debian python3-fonttools). See tools/fonts/README.md.
"""
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

# the blocks a name may draw on: CJK ideographs (URO, Ext A, the compatibility ideographs, the Supplementary
# Ideographic Plane with Ext B and on) and Korean Hangul
BLOCKS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF),
          (0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)]


def wanted(noto, ipaex):
    present = set(ipaex.getBestCmap())
    return sorted(c for c in noto.getBestCmap()
                  if c not in present and any(lo <= c <= hi for lo, hi in BLOCKS))


def to_truetype(font):
    """Cubic (CFF) outlines to quadratic (glyf), within one unit of the original."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def main(ttc, ipaex_path, out):
    noto = TTCollection(ttc).fonts[0]
    if noto["name"].getDebugName(4) != "Noto Sans CJK JP":
        sys.exit("the collection's first font is not Noto Sans CJK JP")
    codepoints = wanted(noto, TTFont(ipaex_path))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]  # keep the copyright and licence records
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(noto)
    to_truetype(noto)
    noto.save(out)
    print(f"{out}: {len(codepoints)} characters")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
