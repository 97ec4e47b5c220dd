"""The interview report as a PDF: a pure function of the Report dict (API.md), no Streamlit.

The same content as report_views.report_html, laid out for A4: the summary, the rubric
dimensions, the question and category scores as horizontal bars (scores printed as numbers, the
band colours only a second cue), strengths and improvements, then every question with the
candidate's answer printed literally, its dimension scores and evidence, the feedback and the
reference answer. Every label comes from the catalogue's pdf section, in the Text's language.

Layout comes first, in millimetres, on the font's own advance widths: a list of drawing
operations per page. So the page count is known before anything is drawn ("Page 2 of 5"), and
the characters to embed are exactly those drawn. fpdf2 then renders the operations.

The font is Noto Sans SC (pylopdf-fonts-zh-cn), which covers Latin and Chinese. It ships as
CFF-flavoured OpenType, which fpdf2 embeds as a CIDFontType0 behind an embedded encoding CMap;
pypdf reads that CMap's two-byte codes one byte at a time, so its text extraction returns
garbage. The glyphs a document uses are therefore converted to TrueType outlines (cu2qu, error
at most one font unit) and that subset is embedded as an Identity-H CIDFontType2, which every
reader extracts. Characters the font lacks (emoji, rare symbols) print as PLACEHOLDER; control
and format characters are dropped.

fpdf2 and fontTools are imported inside the functions that use them, so importing this module
costs nothing; the font's metrics and converted glyphs are cached for the process.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from app_pages.report_views import BAND_COLOURS
from interview.rubric import BANDS, band_of

if TYPE_CHECKING:
    from app_pages.text import Text

PLACEHOLDER = "□"
FONT_FAMILY = "NotoSansSC"
PDF_LANGUAGES = {"en": "en", "zh": "zh-CN"}

# A4 in millimetres: the content box, and where the running header and the footer sit.
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
LEFT = 18.0
WIDTH = PAGE_WIDTH - 2 * LEFT
TOP = 20.0
BOTTOM = PAGE_HEIGHT - 20.0
HEADER_Y = 9.0
FOOTER_Y = PAGE_HEIGHT - 13.0
PT = 25.4 / 72  # millimetres per point
LEADING = 1.5  # line height as a multiple of the font size

TITLE, FIGURE, H2, H3, BODY, LABEL, SMALL = 20.0, 18.0, 13.0, 11.5, 10.0, 9.0, 8.0
INK = "#1C2333"
MUTED = "#5A6270"
BOX = "#999999"
RULE = "#C8CCD2"
TRACK = "#ECEEF2"
OUTLINE = "#333333"
FLAG = "#A93226"

# Bar charts: the labels, a 0-100 track, then the score and band as text.
CHART_LABEL = 44.0
CHART_TRACK = 90.0
CHART_GAP = 3.0
BAR_ROW = 6.5
BAR_HEIGHT = 4.0

# CJK text breaks between any two characters; other text breaks at spaces.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
_TOKEN = re.compile(f"[{_CJK}]| +|[^ {_CJK}]+")
# Closing punctuation hangs past the right edge rather than start a line.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…,.;:!?)]}%")
_LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
)
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


# --- the font -------------------------------------------------------------------------------


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
def _advances(proportional: bool) -> dict[int, float]:
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
    covered = _advances(False)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").translate(_LINE_BREAKS)
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


def _truetype_font(code_points: Iterable[int], proportional: bool) -> bytes:
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


# --- layout ---------------------------------------------------------------------------------


def _line_height(size: float) -> float:
    return size * PT * LEADING


class _Layout:
    """Places text and shapes on pages, in millimetres; nothing is drawn until _render."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.proportional = text.language != "zh"
        self.advances = _advances(self.proportional)
        self.pages: list[list[tuple]] = [[]]
        self.y = TOP

    # measuring

    def width(self, s: str, size: float) -> float:
        advances = self.advances
        return sum(advances.get(ord(c), 1.0) for c in s) * size * PT

    def fit(self, s: str, width: float, size: float) -> str:
        """The text, cut short with an ellipsis if it is wider than width."""
        if self.width(s, size) <= width:
            return s
        while s and self.width(s + "…", size) > width:
            s = s[:-1]
        return s.rstrip() + "…"

    def wrap(self, s: str, width: float, size: float) -> list[str]:
        """Lines at most width wide: breaks at spaces and between CJK characters, inside a
        word only when the word is wider than a line. Every \\n starts a line."""
        lines: list[str] = []
        for paragraph in s.split("\n"):
            line, used, wrapped = "", 0.0, False
            for token in _TOKEN.findall(paragraph):
                size_of = self.width(token, size)
                if token[0] == " ":
                    if wrapped and not line:
                        continue  # a wrapped line starts with its next word
                    if used + size_of > width:
                        lines.append(line.rstrip())
                        line, used, wrapped = "", 0.0, True
                    else:
                        line, used = line + token, used + size_of
                    continue
                if used + size_of <= width or (line and token in _NO_LINE_START):
                    line, used = line + token, used + size_of
                    continue
                if line.strip():
                    lines.append(line.rstrip())
                    line, used, wrapped = "", 0.0, True
                if used + size_of <= width:
                    line, used = line + token, used + size_of
                    continue
                for character in token:  # a word wider than a line: break it anywhere
                    step = self.width(character, size)
                    if line and used + step > width:
                        lines.append(line)
                        line, used, wrapped = "", 0.0, True
                    line, used = line + character, used + step
            lines.append(line.rstrip())
        return lines

    # pages and drawing operations

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def ensure(self, height: float) -> None:
        """A new page unless height fits below y (a block taller than a page just flows)."""
        if self.y + height > BOTTOM and self.y > TOP:
            self.new_page()

    def draw_text(self, x, y, w, h, s, size, colour=INK, bold=False, align="L") -> None:
        if s:
            self.pages[-1].append(("text", x, y, w, h, s, size, colour, bold, align))

    def draw_rect(self, x, y, w, h, fill=None, stroke=None, line=0.2, rounded=False) -> None:
        self.pages[-1].append(("rect", x, y, w, h, fill, stroke, line, rounded))

    def draw_line(self, x1, y1, x2, y2, colour=RULE, line=0.2, dashed=False) -> None:
        self.pages[-1].append(("line", x1, y1, x2, y2, colour, line, dashed))

    # blocks

    def paragraph(self, s, *, x=LEFT, width=WIDTH, size=BODY, colour=INK, rule=None) -> None:
        """Wrapped text flowing onto the next page; rule draws a bar left of every line."""
        height = _line_height(size)
        for line in self.wrap(s, width, size):
            self.ensure(height)
            self.draw_text(x, self.y, width, height, line, size, colour)
            if rule:
                self.draw_line(x - 3, self.y, x - 3, self.y + height, rule, 0.7)
            self.y += height

    def first_lines(self, s: str, most: int, width: float = WIDTH, size: float = BODY) -> float:
        """The height of a paragraph's first `most` lines."""
        return min(len(self.wrap(s, width, size)), most) * _line_height(size)

    def heading(self, title: str, keep: float) -> None:
        """A section heading ruled under, on the same page as the `keep` mm after it."""
        height = _line_height(H2)
        self.y += 4.0
        self.ensure(height + 2.0 + keep)
        self.draw_text(LEFT, self.y, WIDTH, height, title, H2, bold=True)
        self.y += height
        self.draw_line(LEFT, self.y, LEFT + WIDTH, self.y, RULE, 0.3)
        self.y += 2.0

    def label(self, title: str, keep: float) -> None:
        """A small label, on the same page as the `keep` mm after it."""
        height = _line_height(LABEL)
        self.y += 1.5
        self.ensure(height + keep)
        self.draw_text(LEFT, self.y, WIDTH, height, title, LABEL, MUTED, bold=True)
        self.y += height

    def bullets(self, items: list[str], colour: str = INK) -> None:
        if not items:
            self.paragraph(self.text("pdf.none"), colour=MUTED)
        height = _line_height(BODY)
        for item in items:
            self.ensure(height)
            self.draw_text(LEFT + 1.5, self.y, 4, height, "•", BODY, colour)
            self.paragraph(clean(item), x=LEFT + 6, width=WIDTH - 6, colour=colour)
            self.y += 0.8

    def bar_chart(self, rows: list[tuple[str, int]]) -> None:
        """Horizontal 0-100 bars coloured by band, the band edges dotted across, the score and
        band printed after each bar, the edges numbered under the chart."""
        track_x = LEFT + CHART_LABEL + CHART_GAP
        value_x = track_x + CHART_TRACK + CHART_GAP
        value_width = LEFT + WIDTH - value_x
        height = _line_height(LABEL)
        edges = sorted(edge for edge, _ in BANDS if edge > 0)
        for label, score in rows:
            self.ensure(BAR_ROW)
            top = self.y + (BAR_ROW - BAR_HEIGHT) / 2
            text_y = self.y + (BAR_ROW - height) / 2
            fitted = self.fit(label, CHART_LABEL, LABEL)
            self.draw_text(LEFT, text_y, CHART_LABEL, height, fitted, LABEL, align="R")
            self.draw_rect(track_x, top, CHART_TRACK, BAR_HEIGHT, fill=TRACK)
            if score > 0:
                length = CHART_TRACK * min(score, 100) / 100
                colour = BAND_COLOURS[band_of(score)]
                self.draw_rect(track_x, top, length, BAR_HEIGHT, fill=colour, stroke=OUTLINE)
            for edge in edges:
                x = track_x + CHART_TRACK * edge / 100
                self.draw_line(x, self.y, x, self.y + BAR_ROW, MUTED, 0.15, dashed=True)
            value = self.fit(self.score_band(score), value_width, LABEL)
            self.draw_text(value_x, text_y, value_width, height, value, LABEL)
            self.y += BAR_ROW
        self.ensure(height)
        for tick in (0, *edges, 100):
            x = track_x + CHART_TRACK * tick / 100
            self.draw_text(x - 5, self.y, 10, height, str(tick), SMALL, MUTED, align="C")
        self.y += height

    # words

    def band(self, band: str) -> str:
        key = f"pdf.band_{band.replace(' ', '_')}"
        return self.text(key) if self.text.has(key) else band

    def score_band(self, score: int) -> str:
        return self.text("pdf.score_band", score=score, band=self.band(band_of(score)))

    def dimension(self, dimension: str) -> str:
        key = f"pdf.dimension_{dimension}"
        return self.text(key) if self.text.has(key) else dimension.replace("_", " ").capitalize()

    def question_label(self, detail: dict, short: bool = False) -> str:
        number = detail["questionIndex"] + 1
        if not detail["isFollowUp"]:
            return self.text("pdf.question_number", number=number)
        if short:
            return self.text("pdf.follow_up_short", number=number)
        parent = (detail["parentQuestionIndex"] or 0) + 1
        return self.text("pdf.follow_up_number", number=number, parent=parent)


# --- the report -----------------------------------------------------------------------------


def _moment(value: object) -> datetime | None:
    """An ISO 8601 time with its zone, in UTC; None for anything else."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.utcoffset() is not None else None


def _header(layout: _Layout, report: dict, shown: dict[str, str]) -> None:
    """The title, and a line naming the candidate, the track, the date and the evaluator."""
    text = layout.text
    height = _line_height(TITLE)
    layout.draw_text(LEFT, layout.y, WIDTH, height, text("pdf.title"), TITLE, bold=True)
    layout.y += height + 1.0
    evaluator = (report.get("evaluator") or {}).get("name")
    parts = [
        text("pdf.candidate", name=shown["candidate"]) if shown.get("candidate") else "",
        text("pdf.track", track=shown["track"]) if shown.get("track") else "",
        text("pdf.generated", date=shown["date"]) if shown.get("date") else "",
        text("pdf.evaluator", name=evaluator) if evaluator else "",
    ]
    line = text("pdf.separator").join(part for part in parts if part)
    layout.paragraph(clean(line), size=LABEL, colour=MUTED)
    layout.y += 3.0


def _summary(layout: _Layout, report: dict) -> None:
    """Three boxes (the overall score, its band, how many answered), the overall feedback."""
    text = layout.text
    gap, height, padding = 4.0, 21.0, 4.0
    box = (WIDTH - 2 * gap) / 3
    inner = box - 2 * padding
    label_height, value_height = _line_height(LABEL), _line_height(FIGURE)
    score = int(report["overallScore"])
    band = report.get("band") or band_of(score)
    top, value_y = layout.y, layout.y + 2.5 + label_height
    labels = ("pdf.overall_score", "pdf.band", "pdf.answered")
    for index, key in enumerate(labels):
        x = LEFT + index * (box + gap)
        layout.draw_rect(x, top, box, height, stroke=BOX, line=0.3, rounded=True)
        layout.draw_text(x + padding, top + 2.5, inner, label_height, text(key), LABEL, MUTED)
    # The score, and "/ 100" after it.
    x = LEFT + padding
    number = str(score)
    layout.draw_text(x, value_y, inner, value_height, number, FIGURE, bold=True)
    after = x + layout.width(number, FIGURE) + 1.5
    layout.draw_text(after, value_y + 1.2, 20, value_height, text("pdf.out_of"), BODY, MUTED)
    # The band: a swatch of its colour, then its name.
    x, swatch = LEFT + box + gap + padding, 5.0
    fill = BAND_COLOURS.get(band, TRACK)
    swatch_y = value_y + (value_height - swatch) / 2
    layout.draw_rect(x, swatch_y, swatch, swatch, fill=fill, stroke=OUTLINE)
    name = layout.fit(layout.band(band), inner - swatch - 2, FIGURE)
    layout.draw_text(
        x + swatch + 2, value_y, inner - swatch - 2, value_height, name, FIGURE, bold=True
    )
    # How many of the questions were answered.
    x = LEFT + 2 * (box + gap) + padding
    answered = text(
        "pdf.answered_value", answered=report["answeredCount"], total=report["totalQuestions"]
    )
    fitted = layout.fit(answered, inner, FIGURE)
    layout.draw_text(x, value_y, inner, value_height, fitted, FIGURE, bold=True)
    layout.y = top + height + 4.0
    if report.get("overallFeedback"):
        layout.paragraph(clean(report["overallFeedback"]))


def _charts(layout: _Layout, report: dict) -> None:
    text = layout.text
    keep = 3 * BAR_ROW
    edges = ", ".join(str(edge) for edge, _ in sorted(BANDS) if edge > 0)
    layout.heading(text("pdf.dimensions"), keep)
    layout.paragraph(text("pdf.chart_note", edges=edges), size=SMALL, colour=MUTED)
    layout.y += 1.0
    layout.bar_chart(
        [(layout.dimension(d["dimension"]), d["score"]) for d in report["dimensionScores"]]
    )
    layout.heading(text("pdf.question_scores"), keep)
    details = report["questionDetails"]
    layout.bar_chart([(layout.question_label(d, short=True), d["score"]) for d in details])
    layout.heading(text("pdf.category_scores"), keep)
    layout.bar_chart([(clean(c["category"]), c["score"]) for c in report["categoryScores"]])


def _lists(layout: _Layout, report: dict) -> None:
    """Strengths, improvements, and the integrity flags if there are any."""
    text = layout.text
    keep = 2 * _line_height(BODY)
    layout.heading(text("pdf.strengths"), keep)
    layout.bullets(report["strengths"])
    layout.heading(text("pdf.improvements"), keep)
    layout.bullets(report["improvements"])
    flags = report.get("integrityFlags") or []
    if flags:
        layout.heading(text("pdf.integrity"), keep)
        numbered = [(f["questionIndex"] + 1, f["detail"]) for f in flags]
        items = [text("pdf.flag_item", number=n, detail=detail) for n, detail in numbered]
        layout.bullets(items, colour=FLAG)


def _question_heading(layout: _Layout, detail: dict, keep: float) -> None:
    """A band-coloured mark, "Q2 (follow-up to Q1): Category", the score and band at the right;
    on the same page as the `keep` mm after it."""
    score = detail["score"]
    height = _line_height(H3)
    layout.y += 5.0
    layout.ensure(height + 1.0 + keep)
    right = layout.score_band(score)
    right_width = layout.width(right, H3) + 4.0
    title = layout.text(
        "pdf.question_title",
        label=layout.question_label(detail),
        category=clean(detail["category"]),
    )
    title = layout.fit(title, WIDTH - 5.0 - right_width, H3)
    layout.draw_rect(LEFT, layout.y, 2.5, height, fill=BAND_COLOURS[band_of(score)])
    layout.draw_text(LEFT + 5.0, layout.y, WIDTH - 5.0, height, title, H3, bold=True)
    layout.draw_text(LEFT, layout.y, WIDTH, height, right, H3, bold=True, align="R")
    layout.y += height + 0.5
    layout.draw_line(LEFT, layout.y, LEFT + WIDTH, layout.y, RULE, 0.3)
    layout.y += 0.5


def _question(layout: _Layout, detail: dict, reference: dict, flags: list[dict]) -> None:
    """One question: its heading, the question, the answer, the dimension scores with their
    evidence, the feedback, the reference answer and key points, the integrity flags."""
    text = layout.text
    label_height = _line_height(LABEL) + 1.5
    question = clean(detail["question"])
    # The heading never sits alone: its label and the question's first lines come with it.
    _question_heading(layout, detail, label_height + layout.first_lines(question, 3))
    layout.label(text("pdf.question"), layout.first_lines(question, 2))
    layout.paragraph(question)

    answer = clean(detail["userAnswer"])
    layout.label(text("pdf.answer"), layout.first_lines(answer or "-", 2, WIDTH - 4))
    if answer:
        layout.paragraph(answer, x=LEFT + 4, width=WIDTH - 4, rule=RULE)
    else:
        layout.paragraph(text("pdf.not_answered"), colour=MUTED)
    if detail["dimensions"]:
        _dimension_rows(layout, detail["dimensions"])

    sections = [
        ("pdf.feedback", clean(detail.get("feedback"))),
        ("pdf.reference_answer", clean(reference.get("referenceAnswer"))),
    ]
    for key, paragraph in sections:
        if paragraph:
            layout.label(text(key), layout.first_lines(paragraph, 2))
            layout.paragraph(paragraph)
    points = [clean(point) for point in reference.get("keyPoints") or []]
    if points:
        layout.label(text("pdf.key_points"), layout.first_lines(points[0], 1))
        layout.bullets(points)
    if flags:
        items = [_flag(layout, flag) for flag in flags]
        layout.label(text("pdf.integrity"), layout.first_lines(items[0], 1))
        layout.bullets(items, colour=FLAG)


def _flag(layout: _Layout, flag: dict) -> str:
    key = f"pdf.flag_{flag['kind']}"
    kind = layout.text(key) if layout.text.has(key) else str(flag["kind"]).replace("_", " ")
    return clean(layout.text("pdf.flag", kind=kind, detail=flag["detail"]))


def _dimension_rows(layout: _Layout, dimensions: list[dict]) -> None:
    """Per dimension: its name, a small 0-100 bar, the score, then the evidence quoted."""
    name_width, bar_width, score_width = 34.0, 26.0, 9.0
    evidence_x = LEFT + name_width + bar_width + score_width + 4.0
    evidence_width = LEFT + WIDTH - evidence_x
    height = _line_height(LABEL)
    bar_height = 2.6
    layout.label(layout.text("pdf.dimension_scores"), height)
    for dimension in dimensions:
        layout.ensure(height)
        row, score = layout.y, dimension["score"]
        name = layout.fit(layout.dimension(dimension["dimension"]), name_width - 2, LABEL)
        layout.draw_text(LEFT, row, name_width, height, name, LABEL)
        bar_x, bar_y = LEFT + name_width, row + (height - bar_height) / 2
        layout.draw_rect(bar_x, bar_y, bar_width, bar_height, fill=TRACK)
        if score > 0:
            length = bar_width * min(score, 100) / 100
            layout.draw_rect(bar_x, bar_y, length, bar_height, fill=BAND_COLOURS[band_of(score)])
        score_x = bar_x + bar_width + 1.0
        layout.draw_text(score_x, row, score_width, height, str(score), LABEL, align="R")
        evidence = clean(dimension.get("evidence"))
        if evidence:
            quoted = f"“{evidence}”"
            layout.paragraph(quoted, x=evidence_x, width=evidence_width, size=LABEL, colour=MUTED)
        else:
            layout.y += height
        layout.y += 0.6


def _layout(report: dict, text: Text, shown: dict[str, str]) -> _Layout:
    layout = _Layout(text)
    _header(layout, report, shown)
    _summary(layout, report)
    _charts(layout, report)
    _lists(layout, report)
    details = report["questionDetails"]
    references = {r["questionIndex"]: r for r in report.get("referenceAnswers") or []}
    flags: dict[int, list[dict]] = {}
    for flag in report.get("integrityFlags") or []:
        flags.setdefault(flag["questionIndex"], []).append(flag)
    if details:
        layout.heading(text("pdf.questions"), keep=25.0)
    for detail in details:
        index = detail["questionIndex"]
        _question(layout, detail, references.get(index) or {}, flags.get(index, []))
    return layout


# --- rendering ------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _draw(pdf: Any, operation: tuple) -> None:
    kind, *arguments = operation
    if kind == "text":
        x, y, w, h, s, size, colour, bold, align = arguments
        pdf.set_font(FONT_FAMILY, size=size)
        pdf.set_text_color(*_rgb(colour))
        if bold:  # the font has no bold weight: fill and stroke the glyphs in the text colour
            pdf.text_mode = "FILL_STROKE"
            pdf.set_draw_color(*_rgb(colour))
            pdf.set_line_width(size * 0.012)
        if align != "L":
            free = w - pdf.get_string_width(s)
            x += free if align == "R" else free / 2
        # The baseline where fpdf2's cell() would put it; text() skips cell()'s line layout.
        pdf.text(x, y + 0.5 * h + 0.3 * size * PT, s)
        if bold:
            pdf.text_mode = "FILL"
    elif kind == "rect":
        x, y, w, h, fill, stroke, line, rounded = arguments
        if fill:
            pdf.set_fill_color(*_rgb(fill))
        if stroke:
            pdf.set_draw_color(*_rgb(stroke))
            pdf.set_line_width(line)
        style = ("F" if fill else "") + ("D" if stroke else "")
        pdf.rect(x, y, w, h, style=style, round_corners=rounded, corner_radius=1.5)
    else:
        x1, y1, x2, y2, colour, line, dashed = arguments
        pdf.set_draw_color(*_rgb(colour))
        pdf.set_line_width(line)
        if dashed:
            pdf.set_dash_pattern(dash=0.6, gap=0.6)
        pdf.line(x1, y1, x2, y2)
        if dashed:
            pdf.set_dash_pattern()


def _page_furniture(layout: _Layout, running_header: str) -> list[list[tuple]]:
    """Each page's running header (from page 2) and "Page n of N" footer."""
    total = len(layout.pages)
    running_header = layout.fit(running_header, WIDTH, SMALL)
    furniture = []
    for number in range(1, total + 1):
        footer = layout.text("pdf.page", page=number, pages=total)
        operations = [("text", LEFT, FOOTER_Y, WIDTH, 5.0, footer, SMALL, MUTED, False, "C")]
        if number > 1:
            operations += [
                ("text", LEFT, HEADER_Y, WIDTH, 4.0, running_header, SMALL, MUTED, False, "L"),
                ("line", LEFT, HEADER_Y + 5, LEFT + WIDTH, HEADER_Y + 5, RULE, 0.2, False),
            ]
        furniture.append(operations)
    return furniture


def _render(layout: _Layout, furniture: list[list[tuple]], info: dict) -> bytes:
    import tempfile

    from fpdf import FPDF

    pages = [[*ops, *extra] for ops, extra in zip(layout.pages, furniture, strict=True)]
    characters = {ord(c) for ops in pages for op in ops if op[0] == "text" for c in op[5]}
    font = _truetype_font(characters, layout.proportional)
    with tempfile.TemporaryDirectory(prefix="rehearse-pdf-") as directory:
        font_path = Path(directory) / f"{FONT_FAMILY}.ttf"  # fpdf2 reads fonts from files only
        font_path.write_bytes(font)
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_auto_page_break(False)  # the layout has placed every line already
        pdf.alias_nb_pages(None)  # so "{nb}" in an answer stays text, not the page count
        pdf.add_font(FONT_FAMILY, "", str(font_path))
        _keep_glyph_data(pdf)
        pdf.set_title(info["title"])
        pdf.set_subject(info["subject"])
        pdf.set_creator("Rehearse")
        pdf.set_lang(info["language"])
        if info["created"]:
            pdf.set_creation_date(info["created"])
        for operations in pages:
            pdf.add_page()
            for operation in operations:
                _draw(pdf, operation)
        return bytes(pdf.output())


def _keep_glyph_data(pdf: Any) -> None:
    """fpdf2 subsets the font again on output. Our font's bounding boxes and maxp are right
    already, so fontTools may copy each glyph's data instead of recompiling it (half the time)."""
    font = pdf.fonts.get(FONT_FAMILY.lower())
    if font is not None and hasattr(font, "ttfont"):
        font.ttfont.recalcBBoxes = False


def _metadata_text(value: object) -> str:
    return "".join(c for c in str(value) if unicodedata.category(c) not in ("Cc", "Cf"))


def report_pdf(report: dict, text: Text, meta: dict | None = None) -> bytes:
    """The report as an A4 PDF, its labels in text's language (English or Simplified Chinese).

    meta may replace what the line under the title shows: "candidate" (a name), "track" (say
    the track's title instead of its id) and "date" (already formatted). By default they are
    the report's candidateName, role and generatedAt (as 2025-06-01 14:05 UTC). Everything the
    candidate wrote is printed literally, as plain text.
    """
    meta = meta or {}
    created = _moment(report.get("generatedAt"))
    date = created.strftime("%Y-%m-%d %H:%M UTC") if created else report.get("generatedAt")
    candidate = meta.get("candidate") or report.get("candidateName") or ""
    shown = {
        "candidate": clean(candidate),
        "track": clean(meta.get("track") or report.get("role")),
        "date": clean(meta.get("date") or date),
    }
    layout = _layout(report, text, shown)
    running_header = clean(text("pdf.running_header", candidate=shown["candidate"]))
    info = {
        "title": _metadata_text(text("pdf.document_title", candidate=candidate)),
        "subject": text("pdf.subject"),
        "language": PDF_LANGUAGES.get(text.language, text.language),
        "created": created,
    }
    return _render(layout, _page_furniture(layout, running_header), info)
