"""The tracks as a candidate reads them: titles and descriptions in their language, their own
language's tracks first. Pure functions (no Streamlit, no pandas: the start page uses them)."""

from app_pages.text import Text


def track_text(role: dict, field: str, text: Text) -> str:
    """A track's "title" or "description" in the reader's language, where the catalogue has it
    (a bank added without a translation shows its own words)."""
    key = f"track.{role['id']}" + ("_description" if field == "description" else "")
    return text(key) if text.has(key) else role[field]


def tracks_in_order(roles: list[dict], language: str) -> list[str]:
    """Track ids with the reader's language first, so the default track speaks it."""
    return [r["id"] for r in roles if r.get("language") == language] + [
        r["id"] for r in roles if r.get("language") != language
    ]
