"""Every setting the code reads is documented in the README's settings table."""

import re

from lib.kern import toegankelijkheid as tg
from lib.kern.config import ROOT

SETTING = re.compile(r"MEER_SAMEN_[A-Z_]+")


def test_every_environment_setting_is_in_the_readme_table():
    used = set()
    for path in [ROOT / "app.py", *(ROOT / "lib").rglob("*.py"), *(ROOT / "views").glob("*.py")]:
        used |= set(SETTING.findall(path.read_text(encoding="utf-8")))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Instellingen") : readme.index("## Beveiliging")]
    assert used, "no settings found: the pattern is broken"
    assert not {s for s in used if f"`{s}`" not in table}, "undocumented settings"


def test_every_registered_page_has_a_file_and_unique_url():
    from lib.kern.navigation import PAGES

    assert all((ROOT / p.bestand).is_file() for p in PAGES)
    urls = [p.url_path for p in PAGES]
    assert len(urls) == len(set(urls))
    assert set(urls) >= {"", "kaart", "wijk", "personas", "aanbod", "budget", "plan", "alliantie", "briefing", "data"}


def test_readme_names_the_accessibility_standard_and_the_axe_version_the_tests_run():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    deel = readme[readme.index("## Toegankelijkheid") : readme.index("## Bibliotheken")]
    assert "WCAG 2.1 niveau AA" in deel and tg.NORM in deel
    assert f"axe-core {tg.AXE_CORE_VERSIE}" in deel  # stays true when axe-playwright-python is bumped
