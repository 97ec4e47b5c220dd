"""The code's layout as the README describes it: short modules, every folder explained."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("interview", "app_pages")
LONGEST = 420  # "about 400 lines", STYLE.md's habit 12
LONG_ON_PURPOSE = "Long on purpose:"


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_long_module_says_why_at_its_top(path):
    source = path.read_text(encoding="utf-8")
    if source.count("\n") <= LONGEST:
        return
    docstring = ast.get_docstring(ast.parse(source)) or ""
    assert LONG_ON_PURPOSE in docstring, f"{path.name} is over {LONGEST} lines: split it or say why"


def test_the_readme_layout_names_every_package_folder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^([\w/]+/)\s", layout, re.MULTILINE))
    folders = {
        f"{path.parent.relative_to(ROOT).as_posix()}/"
        for package in PACKAGES
        for path in (ROOT / package).rglob("__init__.py")
    }
    # Alembic's folder is described with its package (storage/), its versions are data.
    assert folders - named <= {"interview/", "interview/storage/migrations/"}
    assert "interview/errors.py" in re.findall(r"^(\S+\.py)", layout, re.MULTILINE)
