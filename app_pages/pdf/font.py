"""The PDF's font: Noto Sans SC, subset to the characters a document draws, as TrueType.

The font (pylopdf-fonts-zh-cn) covers Latin and Chinese. It ships as CFF-flavoured OpenType,
which fpdf2 embeds as a CIDFontType0 behind an embedded encoding CMap; pypdf reads that CMap's
two-byte codes one byte at a time, so its text extraction returns garbage. The glyphs a document
uses are therefore converted to TrueType outlines (cu2qu, error at most one font unit) and that
subset is embedded as an Identity-H CIDFontType2, which every reader extracts. Characters the
font lacks (emoji, rare symbols) print as PLACEHOLDER; control and format characters are dropped.

fontTools is imported inside the functions that use it; the font's metrics and converted glyphs
are cached for the process.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

PLACEHOLDER = "□"
LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
)
FONT_FAMILY = "NotoSansSC"
_DROPPED_WHEN_MISSING = {"Mn", "Me", "Sk"}  # marks and modifiers: nothing to show on their own
# The font's quotes and ellipsis are full-width (Chinese style); English uses its proportional
# forms (the font's pwid feature).
_PROPORTIONAL = "‘’“”…"
_OS2_FIELDS = (
    "sTypoAscender",
    "sTypoDescender",
    "sTypoLineGap",
    "usWinAscent",
    "usWinDescent",
    "sxHeight",
    "sCapHeight",
    "usWeightClass",
    "fsType",
    "achVendID",
)


class _Glyph(NamedTuple):
    """One glyph converted to TrueType: its compiled glyf data, and what maxp and hhea need."""

    data: bytes
    bounds: tuple[int, int, int, int] | None  # xMin, yMin, xMax, yMax; None when empty
    points: int
    contours: int


_GLYPH_CACHE_LIMIT = 8000  # converted glyphs kept between documents (a few MB)
_GLYPHS: dict[str, _Glyph] = {}
_FONT_LOCK = threading.RLock()  # fontTools loads tables lazily, and not thread-safely


@cache
def _source_font() -> Any:
    import pylopdf_fonts_zh_cn
    from fontTools.ttLib import TTFont

    return TTFont(pylopdf_fonts_zh_cn.sans_path(), lazy=True)


@cache
def _cmap(proportional: bool) -> dict[int, str]:
    """The font's character map, with the proportional forms of _PROPORTIONAL if asked."""
    with _FONT_LOCK:
        font = _source_font()
        cmap = dict(font.getBestCmap())
        if proportional:
            gsub = font["GSUB"].table
            lookups = {
                index
                for record in gsub.FeatureList.FeatureRecord
                if record.FeatureTag == "pwid"
                for index in record.Feature.LookupListIndex
            }
            for index in sorted(lookups):
                for subtable in gsub.LookupList.Lookup[index].SubTable:
                    mapping = getattr(subtable, "mapping", None) or {}
                    for character in _PROPORTIONAL:
                        name = cmap.get(ord(character))
                        if name in mapping:
                            cmap[ord(character)] = mapping[name]
        return cmap


@cache
def advances(proportional: bool) -> dict[int, float]:
    """Every code point the font covers, and its advance width in ems."""
    cmap = _cmap(proportional)
    with _FONT_LOCK:
        font = _source_font()
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
    return {cp: metrics[name][0] / units for cp, name in cmap.items()}


def clean(value: object) -> str:
    """Text as the PDF prints it: control and format characters dropped, line breaks as \\n,
    tabs as spaces, and each character the font lacks replaced by PLACEHOLDER."""
    if value is None:
        return ""
    covered = advances(False)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").translate(LINE_BREAKS)
    kept = []
    for character in text.replace("\t", "    "):
        if character == "\n":
            kept.append(character)
            continue
        category = unicodedata.category(character)
        if category in ("Cc", "Cf"):
            continue
        if ord(character) in covered:
            kept.append(character)
        elif category not in _DROPPED_WHEN_MISSING:
            kept.append(PLACEHOLDER)
    return "".join(kept)


def _converted(glyph_set: Any, name: str) -> _Glyph:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
    glyph = pen.glyph()
    if not glyph.numberOfContours:
        return _Glyph(b"", None, 0, 0)
    glyph.recalcBounds(None)
    points, contours = glyph.getMaxpValues()
    bounds = (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax)
    return _Glyph(glyph.compile(None, recalcBBoxes=False), bounds, points, contours)


def truetype_font(code_points: Iterable[int], proportional: bool) -> bytes:
    """A TrueType font of just these characters' glyphs, converted from the CFF source.

    Converted glyphs are cached compiled, and the font is saved without recompiling them, so
    characters seen before cost next to nothing.
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    cmap = _cmap(proportional)
    with _FONT_LOCK:
        source = _source_font()
        names = {cp: cmap[cp] for cp in code_points if cp in cmap}
        order = [".notdef", *sorted(set(names.values()) - {".notdef"})]
        if len(_GLYPHS) + len(order) > _GLYPH_CACHE_LIMIT:
            _GLYPHS.clear()
        missing = [name for name in order if name not in _GLYPHS]
        if missing:
            glyph_set = source.getGlyphSet()
            _GLYPHS.update((name, _converted(glyph_set, name)) for name in missing)
        glyphs = {name: _GLYPHS[name] for name in order}
        hmtx, hhea, os2 = source["hmtx"], source["hhea"], source["OS/2"]
        advance = {name: hmtx[name][0] for name in order}
        units = source["head"].unitsPerEm
        os2_values = {field: getattr(os2, field) for field in _OS2_FIELDS}
        ascent, descent = hhea.ascent, hhea.descent
        created, modified = source["head"].created, source["head"].modified
    drawn = {name: glyph.bounds for name, glyph in glyphs.items() if glyph.bounds}
    boxes = list(drawn.values()) or [(0, 0, 0, 0)]
    builder = FontBuilder(units, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(names)
    builder.font["glyf"] = glyf = newTable("glyf")
    builder.font["loca"] = newTable("loca")
    glyf.glyphOrder = order
    glyf.glyphs = {name: Glyph(glyph.data) for name, glyph in glyphs.items()}
    builder.setupHorizontalMetrics(
        {name: (advance[name], drawn[name][0] if name in drawn else 0) for name in order}
    )
    builder.setupHorizontalHeader(
        ascent=ascent,
        descent=descent,
        advanceWidthMax=max(advance.values()),
        minLeftSideBearing=min(box[0] for box in boxes),
        minRightSideBearing=min((advance[n] - box[2] for n, box in drawn.items()), default=0),
        xMaxExtent=max(box[2] for box in boxes),
    )
    builder.setupNameTable(
        {"familyName": "Noto Sans SC", "styleName": "Regular", "psName": "NotoSansSC-Regular"}
    )
    builder.setupOS2(**os2_values)
    builder.setupPost()
    builder.updateHead(
        created=created,  # the source's dates, not now: the same report gives the same bytes
        modified=modified,
        xMin=min(box[0] for box in boxes),
        yMin=min(box[1] for box in boxes),
        xMax=max(box[2] for box in boxes),
        yMax=max(box[3] for box in boxes),
    )
    maxp = builder.font["maxp"]
    maxp.maxPoints = max(glyph.points for glyph in glyphs.values())
    maxp.maxContours = max(glyph.contours for glyph in glyphs.values())
    builder.font.recalcBBoxes = False  # all set above: copy the compiled glyphs as they are
    builder.font.recalcTimestamp = False
    return _saved(builder.font)


def _saved(font: Any) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    font.save(buffer)
    return buffer.getvalue()
