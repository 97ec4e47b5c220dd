"""The report as an A4 PDF (fpdf2): font.py, layout.py, sections.py, document.py."""
