"""Uploaded job descriptions and resumes: real files in, their text or a plain sentence out."""

import io
import zipfile

import docx
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from interview.sessions import documents
from interview.sessions.documents import DocumentError, DocumentTooLong, read_document

RESUME_LINE = "Built PayFlow, a payment service in Go; p99 latency fell from 420 ms to 35 ms."


def pdf_with_text(*lines: str) -> bytes:
    """A minimal, valid one-page PDF whose content stream writes each line in Helvetica."""
    shown = "".join(f"({line}) Tj 0 -16 Td " for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td {shown}ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = io.BytesIO()
    pdf.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(pdf.tell())
        pdf.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = pdf.tell()
    pdf.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    pdf.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    pdf.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    pdf.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return pdf.getvalue()


def encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password="coach", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """What a scanner makes: a page that is one picture and holds no text."""
    out = io.BytesIO()
    Image.new("RGB", (400, 200), "white").save(out, "PDF")
    return out.getvalue()


def word_file(tmp_path) -> bytes:
    document = docx.Document()
    document.add_paragraph("Ada Lovelace")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Skills"
    table.cell(0, 1).text = "Python, PostgreSQL"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Projects"
    document.add_paragraph(RESUME_LINE)
    path = tmp_path / "resume.docx"
    document.save(path)
    return path.read_bytes()


def test_a_pdf_gives_the_text_of_its_pages():
    text = read_document("resume.pdf", pdf_with_text("Ada Lovelace", RESUME_LINE))
    assert text.splitlines() == ["Ada Lovelace", RESUME_LINE]


def test_a_word_file_gives_paragraphs_and_table_rows_in_reading_order(tmp_path):
    text = read_document("resume.docx", word_file(tmp_path))
    assert text.splitlines() == [
        "Ada Lovelace",
        "Skills | Python, PostgreSQL",
        "Projects",
        RESUME_LINE,
    ]


def test_a_utf8_markdown_file_keeps_its_chinese_and_drops_the_byte_order_mark(tmp_path):
    path = tmp_path / "简历.md"
    path.write_text(
        "# 张伟\n\n负责支付系统的设计，延迟从 420 ms 降到 35 ms。\n", encoding="utf-8-sig"
    )
    assert read_document(path.name, path.read_bytes()) == (
        "# 张伟\n\n负责支付系统的设计，延迟从 420 ms 降到 35 ms。"
    )


def test_a_gb18030_text_file_is_read_as_chinese(tmp_path):
    path = tmp_path / "岗位.TXT"
    path.write_bytes("招聘后端工程师：熟悉 Java 和 MySQL。\r\n".encode("gb18030"))
    assert read_document(path.name, path.read_bytes()) == "招聘后端工程师：熟悉 Java 和 MySQL。"


def test_a_utf16_text_file_from_windows_is_read():
    data = "Senior backend engineer".encode("utf-16")
    assert read_document("job.txt", data) == "Senior backend engineer"


def test_nul_bytes_are_dropped():
    assert read_document("job.txt", b"Go\x00 and Rust") == "Go and Rust"


def test_an_encrypted_pdf_without_a_user_password_is_read():
    pdf = encrypted(pdf_with_text(RESUME_LINE), user_password="")
    assert read_document("resume.pdf", pdf) == RESUME_LINE


@pytest.mark.parametrize(
    ("name", "data", "message"),
    (
        ("setup.exe", b"MZ\x90\x00", documents.UNSUPPORTED),
        ("resume", b"plain text", documents.UNSUPPORTED),
        ("resume.doc", b"\xd0\xcf\x11\xe0", documents.UNSUPPORTED),
        ("resume.pdf", bytes(range(256)) * 8, "We couldn't open this PDF file: it may be damaged."),
        ("resume.docx", b"PK\x03\x04 not really a zip", "We couldn't open this Word file"),
        ("resume.pdf", encrypted(pdf_with_text(RESUME_LINE), "secret"), documents.PROTECTED),
        ("scan.pdf", scanned_pdf(), documents.SCANNED),
        ("latin1.txt", "Café crème, résumé".encode("cp1252"), documents.NOT_TEXT),
        ("blank.md", b" \r\n\t\n", documents.EMPTY),
    ),
    ids=[
        "exe",
        "no-extension",
        "old-word",
        "corrupt-pdf",
        "corrupt-docx",
        "password-pdf",
        "scanned-pdf",
        "not-utf8",
        "blank",
    ],
)
def test_a_file_we_cannot_use_says_why_in_a_sentence(name, data, message):
    with pytest.raises(DocumentError) as raised:
        read_document(name, data)
    assert str(raised.value).startswith(message)


def test_a_word_document_that_is_a_zip_but_not_word_is_unreadable(tmp_path):
    with pytest.raises(DocumentError, match="Word file"):
        read_document("resume.docx", _zip_of(tmp_path, {"notes.txt": b"hello"}))


def test_a_word_file_that_unpacks_to_gigabytes_is_refused_before_parsing(tmp_path):
    bomb = _zip_of(tmp_path, {"word/document.xml": b" " * (documents.MAX_UPLOAD_BYTES * 21)})
    assert len(bomb) < documents.MAX_UPLOAD_BYTES
    with pytest.raises(DocumentError, match="Word file"):
        read_document("resume.docx", bomb)


def test_a_file_over_five_megabytes_is_refused_with_its_size():
    data = b"a" * (6 * 1024 * 1024)
    with pytest.raises(DocumentError) as raised:
        read_document("resume.txt", data)
    assert str(raised.value) == "This file is 6.0 MB; please upload one under 5 MB."


def test_text_past_the_limit_is_cut_with_a_note_of_the_limit():
    data = ("word " * 5_000).encode()  # 25,000 characters, 24,999 once tidied
    with pytest.raises(DocumentTooLong) as raised:
        read_document("resume.md", data)
    assert str(raised.value) == (
        "This file has more than 20,000 characters of text: only the first 20,000 can be "
        "used, so the rest was left out."
    )
    assert len(raised.value.text) <= 20_000 and raised.value.text.startswith("word word")


def test_text_at_the_limit_is_kept_whole():
    assert len(read_document("resume.txt", b"x" * 20_000)) == 20_000


def _zip_of(tmp_path, files: dict[str, bytes]) -> bytes:
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path.read_bytes()
