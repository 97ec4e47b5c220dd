"""st.table renders Markdown in its cells: candidate words quoted there stay text."""

from markdown_it import MarkdownIt

from app_pages import ui

# CommonMark: links and images. Bare addresses (GFM autolinks) get a zero-width space instead.
GFM = MarkdownIt("commonmark")


def test_links_images_and_addresses_in_a_cell_render_as_text():
    quoted = "Cost: see [docs](javascript:alert(1)) ![p](http://127.0.0.1:9/p.png) www.x.io a@b.io"
    html = GFM.render(ui.as_plain_cell(quoted))
    assert "<a " not in html and "<img" not in html
    assert "[docs](javascript:alert(1))" in html
    assert "www\u200b.x.io" in html and "a\u200b@b.io" in html  # no longer addresses


def test_everyday_text_in_a_cell_is_left_exactly_as_written():
    for text in ("Cost: It makes reads faster.", "unknown difficulty 'expert' (junior, mid)"):
        assert ui.as_plain_cell(text) == text


def test_a_backslash_cannot_undo_the_escape():
    html = GFM.render(ui.as_plain_cell("\\[x](http://127.0.0.1:9/)"))
    assert "<a " not in html
