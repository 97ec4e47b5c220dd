"""Uploads built to hurt: 50 MB, a zip bomb, lying zip headers, a broken and a 5,000-page PDF.

Each is read in a fresh process so that its time and its peak memory (ru_maxrss) are its own.
Measured before: a 291 KB .docx of tiny paragraphs (95 MB unpacked) took 162 s and 1.87 GB, and
one whose zip headers lied about sizes reached 1.97 GB.
"""

import io
import json
import struct
import subprocess
import sys
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from interview.sessions import documents
from tests.e2e.harness import REPO_ROOT

pytestmark = pytest.mark.slow

SECONDS = 5.0  # each is refused or cut well within this on a busy two-core machine
PEAK_MB = 150  # how far the reading process's resident memory rises above where it started
# ru_maxrss would carry the forking pytest's own peak: resident memory is sampled instead.
READ = """
import json, os, sys, threading, time
from interview.sessions import documents
import docx, pypdf  # imported before the baseline: their size is no upload's doing
def resident_mb():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
data = open(sys.argv[2], "rb").read()
baseline = peak = resident_mb()
done = threading.Event()
def sample():
    global peak
    while not done.wait(0.005):
        peak = max(peak, resident_mb())
sampler = threading.Thread(target=sample)
sampler.start()
started = time.monotonic()
try:
    documents.read_document(sys.argv[1], data)
    reason = "read"
except documents.DocumentError as error:
    reason = error.reason
took = time.monotonic() - started
done.set()
sampler.join()
peak = max(peak, resident_mb())
print(json.dumps({"reason": reason, "seconds": took, "peak_mb": peak - baseline}))
"""


def read_in_a_process(tmp_path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", READ, name, str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def tiny_paragraphs_docx(unpacked_mb: int) -> bytes:
    """A real Word file whose document.xml is `unpacked_mb` MB of one-letter paragraphs."""
    base = io.BytesIO()
    docx.Document().save(base)
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    body = paragraph * (unpacked_mb * 1024 * 1024 // len(paragraph))
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body, 1)
            bomb.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def with_lying_sizes(data: bytes, declared: int = 1000) -> bytes:
    """The zip with every uncompressed size, local and central, rewritten to `declared`."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := patched.find(signature, start)) != -1:
            struct.pack_into("<I", patched, start + offset, declared)
            start += 4
    return bytes(patched)


def pages_pdf(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def assert_quick_and_small(outcome: dict, reason: str) -> None:
    assert outcome["reason"] == reason, outcome
    assert outcome["seconds"] < SECONDS, outcome
    assert outcome["peak_mb"] < PEAK_MB, outcome


def test_a_fifty_megabyte_file_is_refused_by_its_size(tmp_path):
    outcome = read_in_a_process(tmp_path, "resume.pdf", b"%PDF-1.4\n" + b"0" * (50 << 20))
    assert outcome["reason"] == "too_big" and outcome["seconds"] < 0.5


def test_a_zip_bomb_of_tiny_paragraphs_is_refused_quickly_in_little_memory(tmp_path):
    bomb = tiny_paragraphs_docx(95)
    assert len(bomb) < documents.MAX_UPLOAD_BYTES
    assert_quick_and_small(read_in_a_process(tmp_path, "resume.docx", bomb), "unreadable")


def test_a_word_file_just_under_the_xml_cap_is_still_read_in_bounded_time(tmp_path):
    heavy = tiny_paragraphs_docx(9)
    outcome = read_in_a_process(tmp_path, "resume.docx", heavy)
    assert outcome["reason"] in ("too_long", "read"), outcome
    assert outcome["seconds"] < 3 * SECONDS and outcome["peak_mb"] < 2 * PEAK_MB, outcome


def test_zip_headers_that_lie_about_sizes_are_refused(tmp_path):
    liar = with_lying_sizes(tiny_paragraphs_docx(95))
    assert_quick_and_small(read_in_a_process(tmp_path, "resume.docx", liar), "unreadable")


def test_a_malformed_pdf_is_refused(tmp_path):
    broken = pages_pdf(3)[:-200] + b"\x00garbage" * 50
    outcome = read_in_a_process(tmp_path, "resume.pdf", b"%PDF-1.7\n" + broken[9:])
    assert outcome["reason"] in ("unreadable", "scanned"), outcome
    assert outcome["seconds"] < SECONDS


def test_a_five_thousand_page_pdf_is_refused_quickly(tmp_path):
    assert_quick_and_small(read_in_a_process(tmp_path, "jd.pdf", pages_pdf(5000)), "too_many_pages")
