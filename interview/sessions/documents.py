"""The text of an uploaded job description or resume: .txt, .md, .pdf or .docx.

Text longer than the API takes (20,000 characters) is not refused outright: `DocumentTooLong`
carries the first 20,000 characters, so the page can fill the box with them and say what was cut.
"""

import codecs
import io
import zipfile
from pathlib import PurePath

from interview.sessions.validation import MAX_CONTEXT

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
# A .docx is a zip: a few megabytes can unpack to gigabytes. Its parts are unpacked and counted
# before parsing, since the sizes a zip declares can lie. 20,000 characters of text take well
# under a megabyte of Word XML; 10 MB of XML already parses into ~0.5 GB of objects (a 95 MB
# part of tiny paragraphs took 162 s and 1.9 GB). Pictures (word/media/) are never parsed.
_MAX_XML_BYTES = 10 * 1024 * 1024
_MAX_UNPACKED_BYTES = 4 * MAX_UPLOAD_BYTES
_CHUNK = 64 * 1024
# Past this many pages no resume or job description is still going; reading them would take
# minutes (about 5 ms a page).
MAX_PDF_PAGES = 200
EXTENSIONS = ("txt", "md", "pdf", "docx")

UNSUPPORTED = "Please upload a .txt, .md, .pdf or .docx file."
TOO_BIG = "This file is {size:.1f} MB; please upload one under {limit} MB."
NOT_TEXT = (
    "We couldn't read this file as text. Please save it as UTF-8 and upload it again, "
    "or paste the text instead."
)
UNREADABLE = "We couldn't open this {kind} file: it may be damaged. Please paste the text instead."
PROTECTED = (
    "This PDF is protected by a password. Please upload an unprotected copy or paste the text."
)
SCANNED = (
    "This PDF has no text we can read: it looks like a scanned image. "
    "Please upload the original document or paste the text."
)
EMPTY = "This file has no text in it."
TOO_LONG = (
    "This file has more than {limit:,} characters of text: only the first {limit:,} can be "
    "used, so the rest was left out."
)
TOO_MANY_PAGES = (
    "This PDF has {pages:,} pages; please upload one of at most {limit} pages, or paste the text."
)


# What went wrong, by reason: an app shows its own translation of the reason with the values.
MESSAGES = {
    "unsupported": UNSUPPORTED,
    "too_big": TOO_BIG,
    "not_text": NOT_TEXT,
    "unreadable": UNREADABLE,
    "protected": PROTECTED,
    "scanned": SCANNED,
    "empty": EMPTY,
    "too_long": TOO_LONG,
    "too_many_pages": TOO_MANY_PAGES,
}


class DocumentError(ValueError):
    """A file we cannot use: `reason` (a key of MESSAGES) and the `values` its sentence needs;
    str() of it is the English sentence for the candidate."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(MESSAGES[reason].format(**values))
        self.reason = reason
        self.values = values


class DocumentTooLong(DocumentError):
    """A file with more text than the API takes; `text` holds the part that fits."""

    def __init__(self, text: str) -> None:
        super().__init__("too_long", length=len(text), limit=MAX_CONTEXT)
        self.text = text[:MAX_CONTEXT].rstrip()


def read_document(name: str, data: bytes) -> str:
    """The text of an uploaded file, tidied; raises DocumentError with a plain sentence."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in EXTENSIONS:
        raise DocumentError("unsupported")
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentError("too_big", size=len(data) / 1024 / 1024, limit=MAX_UPLOAD_MB)
    readers = {"txt": _read_text, "md": _read_text, "pdf": _read_pdf, "docx": _read_docx}
    text = _tidy(readers[extension](data))
    if not text:
        raise DocumentError("empty")
    if len(text) > MAX_CONTEXT:
        raise DocumentTooLong(text)
    return text


def _tidy(text: str) -> str:
    """No NUL bytes (the database refuses them), one kind of line ending, no outer blank lines."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _read_text(data: bytes) -> str:
    # Windows editors may save "Unicode" text as UTF-16 with a byte order mark.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Chinese resumes saved by older Windows tools are GB2312/GBK, both subsets of GB18030.
        return _decode(data, "gb18030")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError("not_text") from None


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("protected")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError("too_many_pages", pages=len(reader.pages), limit=MAX_PDF_PAGES)
        pages = _pdf_pages(reader)
    except DocumentError:
        raise
    except DependencyError:  # AES encryption needs a library we don't ship: treat as protected
        raise DocumentError("protected") from None
    except Exception:  # a damaged file can fail anywhere inside the parser
        raise DocumentError("unreadable", kind="PDF") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise DocumentError("scanned")
    return text


def _pdf_pages(reader) -> list[str]:
    """The text of the pages in order, stopping once there is more than the API takes."""
    pages, length = [], 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        length += len(pages[-1])
        if length > 2 * MAX_CONTEXT:  # tidying drops little: this is past the limit for sure
            break
    return pages


def _read_docx(data: bytes) -> str:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_unpacked_sizes(archive)
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_blocks(document, _Budget()))
    except DocumentError:
        raise
    except Exception:  # not a zip, not a Word document, or broken XML inside
        raise DocumentError("unreadable", kind="Word") from None


def _check_unpacked_sizes(archive: zipfile.ZipFile) -> None:
    """Unpack every part a chunk at a time, counting real bytes, not the declared sizes."""
    total = xml = 0
    for item in archive.infolist():
        parsed = not item.filename.startswith("word/media/")
        with archive.open(item) as part:
            while chunk := part.read(_CHUNK):
                total += len(chunk)
                xml += len(chunk) if parsed else 0
                if total > _MAX_UNPACKED_BYTES or xml > _MAX_XML_BYTES:
                    raise DocumentError("unreadable", kind="Word")


class _Budget:
    """How many more paragraphs and characters are worth reading: past 2 x MAX_CONTEXT of
    either, the text is too long for sure, and each paragraph costs ~60 us in python-docx (a
    10 MB part of one-letter paragraphs would take 17 s)."""

    def __init__(self) -> None:
        self.left = 2 * MAX_CONTEXT

    def spend(self, text: str) -> bool:
        """Count one block of text; False once the budget is gone."""
        self.left -= 1 + len(text)
        return self.left > 0


def _docx_blocks(container, budget: _Budget) -> list[str]:
    """Paragraphs and table rows in reading order; a row's cells joined by " | "."""
    from docx.table import Table

    blocks = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend(_docx_rows(block, budget))
        else:
            blocks.append(block.text)
        if not budget.spend(blocks[-1] if blocks else ""):
            break
    return blocks


def _docx_rows(table, budget: _Budget) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = "\n".join(_docx_blocks(cell, budget)).strip()
            # A merged cell is repeated once per grid column it spans.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
        if budget.left <= 0:
            break
    return rows
