"""The house rules of lib/ (README "Opbouw", lib/README.md), checked on the source itself so a change
that breaks one fails here and not only in a reviewer's eye."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib"
MAX_REGELS = 400

# lib/ui modules every page may use, and the modules that draw one page together.
GEDEELD = {"basis", "laden", "widgets", "pdfmaker", "inloggen", "toegankelijkheid"}
ZELFDE_PAGINA = [{"briefing", "presentatie", "dias"}, {"personas", "werksessie"}, {"budget", "scenario_editor", "budget_keten"}, {"gebied", "wijkplan", "kaart", "bevolking"}]  # last: the /wijk page (wijk and area profile)


def _modules() -> list[Path]:
    return sorted(p for p in LIB.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_lives_in_a_package_and_stays_short():
    los = [p.name for p in LIB.glob("*.py") if p.name != "__init__.py"]
    assert not los, f"modules directly in lib/: {los}"
    lang = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_REGELS}
    assert not lang, f"modules over {MAX_REGELS} lines: {lang}"


def test_only_lib_ui_touches_streamlit():
    buiten = [
        str(p.relative_to(ROOT))
        for p in _modules()
        if p.parent.name != "ui" and re.search(r"^\s*(import streamlit|from streamlit)", p.read_text(encoding="utf-8"), re.M)
    ]
    assert not buiten, f"Streamlit outside lib/ui: {buiten}"


def test_no_ui_module_imports_another_pages_ui_module():
    fout = []
    for p in (LIB / "ui").glob("*.py"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            namen = []
            if isinstance(node, ast.ImportFrom) and node.module == "lib.ui":
                namen = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lib.ui."):
                namen = [node.module.split(".")[2]]
            for naam in namen:
                groep = next((g for g in ZELFDE_PAGINA if p.stem in g), {p.stem})
                if naam not in GEDEELD and naam not in groep:
                    fout.append(f"{p.name} -> {naam}")
    assert not fout, fout


def test_no_import_inside_a_function():
    """A function-level import of our own code hides a cycle; the layout should not need one."""
    fout = []
    for p in _modules():
        for func in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(func):
                    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lib"):
                        fout.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert not fout, fout


def test_dutch_numbers_are_written_in_one_place():
    """Every number shown goes through lib.kern.getallen (1.234,5 · € 514.000 · 47,0%). A hand-made
    format (a thousands separator in an f-string, a '.' turned into ',') anywhere else is a second home.
    Reading typed or downloaded numbers (',' to '.') is parsing and may stay where it is."""
    handwerk = re.compile(r"""\{[^{}:]+:,[.\d]*[df]?\}|\.replace\(\s*["']\.["']\s*,\s*["'],["']""")
    toegestaan = {
        "lib/kern/getallen.py",  # the one home
        "lib/budget/begroting.py",  # reads amounts typed the Dutch way (parsing, not showing)
    }
    fout = []
    for p in [*_modules(), *(ROOT / "views").glob("*.py")]:
        rel = str(p.relative_to(ROOT))
        if rel in toegestaan:
            continue
        for n, regel in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if handwerk.search(regel) and not regel.lstrip().startswith("#"):
                fout.append(f"{rel}:{n}: {regel.strip()[:90]}")
    assert not fout, "\n".join(fout)
