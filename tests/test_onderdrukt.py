"""A value the source suppressed ('.') in a real import: no example stands in its place; the pages say so."""

from __future__ import annotations

from contextlib import closing

import pytest

from lib.cijfers import imports
from lib.cijfers.indicators import INDICATOREN
from lib.cijfers.onderdrukking import ONDERDRUKT, ONDERDRUKT_TEGEL
from lib.kern import auth, storage
from tests.pagetest import run_page
from tests.rivm_samples import capelle_regions, csv_bytes, records

GM = "GM0502"
WIJK = "WK050201"


@pytest.fixture
def editor():
    token = auth.login("pw-voor-test", "Tester", auth.hash_password("pw-voor-test", iterations=1000), auth.Throttle())
    yield token
    auth.logout(token)


def suppressed_file() -> bytes:
    """Every Capelle region in 2022; for WK050201 and its first buurt 'Eenzaam' is '.' in all three rows."""
    recs = records([r for r in capelle_regions() if r != GM] + [GM], perioden=(2022,))
    klein = imports.kleine_buurten()
    eerste_buurt = next(r for r in capelle_regions() if r.startswith("BU050201") and r not in klein)
    for rec in recs:
        if rec["WijkenEnBuurten"].strip() in (WIJK, eerste_buurt):
            rec["Eenzaam_27"] = None
    return csv_bytes(recs)


def test_suppressed_value_replaces_the_example_through_the_import(editor):
    with closing(storage.connect()) as conn:
        imports.import_file(conn, editor, suppressed_file(), "50120NED.csv", GM)
        shown = imports.shown_figures(conn)
        stil = imports.onderdrukt(conn)
    mine = shown[(shown["regio_code"] == WIJK) & (shown["periode"] == 2022)]
    assert "eenzaam" not in set(mine["indicator"])  # no example left in its place
    assert not mine["illustratief"].any() and len(mine) == 3 * (len(INDICATOREN) - 1)
    assert {(WIJK, "eenzaam", 2022, a) for a in ("18+", "18-64", "65+")} <= stil
    assert not any(code == GM for code, *_ in stil)
    # Undo: the example is back, nothing is suppressed any more.
    with closing(storage.connect()) as conn:
        imports.undo_last(conn, editor)
        shown = imports.shown_figures(conn)
        assert imports.onderdrukt(conn) == frozenset()
    back = shown[(shown["regio_code"] == WIJK) & (shown["periode"] == 2022) & (shown["indicator"] == "eenzaam")]
    assert back["illustratief"].all() and len(back) == 3


def test_kaart_and_wijk_say_the_source_suppressed_it(editor):
    with closing(storage.connect()) as conn:
        imports.import_file(conn, editor, suppressed_file(), "50120NED.csv", GM)
    label = INDICATOREN["eenzaam"].label
    zin = ONDERDRUKT.capitalize()
    at = run_page("views/kaart.py", session={"kaart_gebied_wijk": WIJK})
    assert not at.exception
    tile = next(m for m in at.metric if m.label == label)
    assert tile.value == ONDERDRUKT_TEGEL  # short, in the narrow tile; the caption says why
    assert any(c.value.startswith(zin) for c in at.caption)
    at = run_page("views/wijk.py", query={"wijk": WIJK})
    assert not at.exception
    tile = next(m for m in at.metric if m.label == label)
    assert tile.value == ONDERDRUKT_TEGEL
    assert any(c.value.startswith(zin) for c in at.caption)
    buurten = next(df.value for df in at.dataframe if "Toelichting" in df.value.columns)
    assert ONDERDRUKT in set(buurten["Toelichting"])
