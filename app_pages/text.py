"""Every string the app shows, in English and Simplified Chinese, from one catalogue.

The catalogue is app_pages/catalogue/<language>/<page>.toml; a key is "<page>.<name>" (e.g.
"start.intro"), and common.toml holds what every page shares under its own tables ("error.busy",
"dimension.reasoning"). A value may hold {placeholders} filled by keyword. Both languages have
the same keys and the same placeholders (tests/app/test_catalogue.py checks). No Streamlit here:
the pages pick the language (app_pages/ui.py) and pass a Text to the pure view modules.
"""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path

CATALOGUE = Path(__file__).with_name("catalogue")
LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"


def _flatten(prefix: str, table: dict, into: dict[str, str]) -> None:
    for name, value in table.items():
        key = f"{prefix}.{name}"
        if isinstance(value, dict):
            _flatten(key, value, into)
        else:
            into[key] = value


@cache
def entries(language: str) -> dict[str, str]:
    """Every key of one language's catalogue and its text."""
    found: dict[str, str] = {}
    for path in sorted((CATALOGUE / language).glob("*.toml")):
        with path.open("rb") as file:
            table = tomllib.load(file)
        if path.stem == "common":
            for section, entries_of_section in table.items():
                _flatten(section, entries_of_section, found)
        else:
            _flatten(path.stem, table, found)
    return found


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Text:
    """The catalogue in one language: text("report.title") or text("x.y", count=3)."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._entries = entries(self.language)

    def __call__(self, key: str, /, **values: object) -> str:
        template = self._entries[key]  # a missing key is a bug: fail loudly in tests
        return template.format(**values)  # literal braces are doubled in the catalogue

    def template(self, key: str) -> str:
        """The entry with its {placeholders} unfilled (for a page script to fill)."""
        return self._entries[key]

    def has(self, key: str) -> bool:
        return key in self._entries

    def __repr__(self) -> str:
        return f"Text({self.language!r})"
