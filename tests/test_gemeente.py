"""Any gemeente: a synthetic second gemeente (GM9999 Voorbeeldstad) from boundaries to imported figures."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from lib.cijfers import imports, loaders
from lib.kern import auth, config, storage
from lib.kern.errors import DataFout
from lib.regio import gemeente
from tests.pagetest import run_page

FIXTURE = Path(__file__).parent / "fixtures" / "gemeente_GM9999"


@pytest.fixture
def voorbeeldstad(tmp_path, monkeypatch):
    """Prepare GM9999 from its CBS-style RD New layers and configure the app for it."""
    folder = tmp_path / "GM9999"
    result = gemeente.prepare(
        "GM9999", "Voorbeeldstad", FIXTURE / "buurten_rd.geojson", folder, FIXTURE / "wijken_rd.geojson"
    )
    assert result["wijken"] == 2 and result["buurten"] == 4
    monkeypatch.setenv("MEER_SAMEN_GEMEENTE_CODE", "GM9999")
    monkeypatch.setenv("MEER_SAMEN_GEMEENTE_NAAM", "Voorbeeldstad")
    monkeypatch.setenv("MEER_SAMEN_GEMEENTE_DIR", str(folder))
    return folder


@pytest.fixture
def editor():
    token = auth.login("pw-voor-test", "Tester", auth.hash_password("pw-voor-test", iterations=1000), auth.Throttle())
    yield token
    auth.logout(token)


def test_capelle_is_the_default():
    assert config.gemeente() == config.Gemeente("GM0502", "Capelle aan den IJssel")
    assert config.gemeente_data_dir() == config.DATA_DIR


def test_unprepared_gemeente_gets_a_clear_message(monkeypatch):
    monkeypatch.setenv("MEER_SAMEN_GEMEENTE_CODE", "GM0363")
    with pytest.raises(DataFout, match="python -m lib.regio.gemeente prepare --gemeente GM0363"):
        loaders.load_wijken()


def test_boundaries_from_rd_new_become_wgs84_for_the_configured_gemeente(voorbeeldstad):
    wijken = loaders.load_wijken()
    assert list(wijken.wijk_naam) == ["Centrum", "Oost"] and list(wijken.inwoners) == [2150, 2740]
    assert list(wijken.oppervlakte_land_ha) == [200, 200]  # 2 km x 1 km, area computed in RD New
    buurten = loaders.load_buurten()
    assert "BU05020110" not in set(buurten.buurt_code)  # the other gemeente in the national layer left out
    geo = loaders.load_wijk_geojson()
    lon, lat = geo["features"][0]["geometry"]["coordinates"][0][0]
    assert 5.3 < lon < 5.5 and 52.1 < lat < 52.2  # Amersfoort area, degrees not metres
    assert {f["properties"]["wijk_code"] for f in geo["features"]} == set(wijken.wijk_code)
    assert loaders.load_gemeente() == {"code": "GM9999", "naam": "Voorbeeldstad", "inwoners": 4890}
    assert len(loaders.load_buurt_geojson()["features"]) == 4


def test_wgs84_layer_without_wijk_layer_is_dissolved(tmp_path, voorbeeldstad):
    out = tmp_path / "again"
    gemeente.prepare("GM9999", "Voorbeeldstad", voorbeeldstad / "buurten.geojson", out)
    first = json.loads((voorbeeldstad / "buurten.geojson").read_text())["features"][0]["geometry"]["coordinates"][0][0]
    again = json.loads((out / "buurten.geojson").read_text())["features"][0]["geometry"]["coordinates"][0][0]
    assert first == again  # WGS84 input is kept as is
    wijken = json.loads((out / "wijken.geojson").read_text())["features"]
    assert len(wijken) == 2 and wijken[0]["properties"]["wijk_naam"] == "Wijk 01"


def test_prepare_refuses_a_layer_without_this_gemeente(tmp_path):
    with pytest.raises(DataFout, match="Geen buurten van GM0599"):
        gemeente.prepare("GM0599", "Rotterdam", FIXTURE / "buurten_rd.geojson", tmp_path / "x")
    assert (
        gemeente.main(
            [
                "prepare",
                "--gemeente",
                "GM0599",
                "--naam",
                "R",
                "--buurten",
                str(FIXTURE / "buurten_rd.geojson"),
                "--out",
                str(tmp_path / "y"),
            ]
        )
        == 1
    )


def test_whole_flow_import_then_every_wijk_on_the_map_has_a_real_figure(voorbeeldstad, editor):
    base = loaders.load_figures()
    assert set(base.regio_code) == {"NL01"}  # no Capelle figures leak into another gemeente
    content = (FIXTURE / "50120NED_GM9999.csv").read_bytes()
    with closing(storage.connect()) as conn:
        capelle = content.replace(b"GM9999", b"GM0502").replace(b"WK9999", b"WK0502").replace(b"BU9999", b"BU0502")
        with pytest.raises(DataFout, match="geen rijen voor de ingestelde gemeente GM9999"):  # a Capelle file
            imports.import_file(conn, editor, capelle, "c.csv", "GM9999", base)
        imports.import_file(conn, editor, content, "50120NED_GM9999.csv", "GM9999", base)
        shown = imports.shown_figures(conn, base)
    latest = shown[(shown.indicator == "eenzaam") & (shown.leeftijd == "18+") & (shown.periode == 2022)]
    by_code = latest.set_index("regio_code")
    for feature in loaders.load_wijk_geojson()["features"] + loaders.load_buurt_geojson()["features"]:
        code = feature["properties"].get("wijk_code" if "wijk_naam" in feature["properties"] else "buurt_code")
        assert not by_code.loc[code, "illustratief"] and by_code.loc[code, "bron"] == "rivm_50120NED"
    assert not shown.illustratief.any()


def test_data_page_for_voorbeeldstad_shows_its_real_wijk_figures(voorbeeldstad, editor):
    with closing(storage.connect()) as conn:
        imports.import_file(conn, editor, (FIXTURE / "50120NED_GM9999.csv").read_bytes(), "f.csv", "GM9999")
    at = run_page("views/data.py")
    assert not at.exception
    assert any("Voorbeeldstad (GM9999)" in c.value for c in at.caption)
    table = next(df.value for df in at.dataframe if "Wijk" in df.value.columns)
    assert list(table["Wijk"]) == ["Centrum", "Oost"] and set(table["Voorbeeld"]) == {"nee"}
    assert not any("Voorbeeldcijfers, geen echte meting" in w.value for w in at.warning)


@pytest.fixture
def fresh_resource_caches():
    """The map page caches drawn maps per choice (st.cache_resource) for the whole process: keep the
    Voorbeeldstad maps from leaking into other tests, and other tests' maps from leaking in here."""
    import streamlit as st

    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_kaart_page_shows_voorbeeldstad_with_its_real_figures(voorbeeldstad, editor, fresh_resource_caches):
    at = run_page("views/kaart.py")
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    features = spec["layers"][0]["data"]["features"]
    assert {f["properties"]["code"] for f in features} == {"WK999901", "WK999902"}
    # before the import: no wijk figures for this gemeente, and nothing illustrative is invented
    assert not any("Voorbeeldcijfers, geen echte meting" in w.value for w in at.warning)
    with closing(storage.connect()) as conn:
        imports.import_file(conn, editor, (FIXTURE / "50120NED_GM9999.csv").read_bytes(), "f.csv", "GM9999")
    st_clear()
    at = run_page("views/kaart.py")
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    props = {f["properties"]["code"]: f["properties"] for f in spec["layers"][0]["data"]["features"]}
    assert set(props) == {"WK999901", "WK999902"}
    assert all(p.get("fill") for p in props.values())
    assert props["WK999901"]["waarde_tekst"] == "43,0%" and props["WK999902"]["waarde_tekst"] == "44,5%"
    assert "Voorbeeldstad" in " ".join(m.value for m in at.markdown)
    assert not any("Voorbeeldcijfers, geen echte meting" in w.value for w in at.warning)
    assert "50120NED" in " ".join(c.value for c in at.caption)


def st_clear():
    """What the Data page does after an import (lib.ui.basis.clear_data_caches), without a running app."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
