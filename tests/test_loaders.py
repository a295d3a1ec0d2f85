"""Loaders and validators: the shipped data loads; each kind of bad file gives its own clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from lib.cijfers import loaders
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout

GOOD_ROW = "WK050201,2022,18+,eenzaam,50.0,46.0,54.0,illustratief,ja,"


def write_figures(tmp_path: Path, *rows: str, header: str = ",".join(loaders.FIGURE_COLUMNS)) -> Path:
    path = tmp_path / "eenzaamheid.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_shipped_figures_load_tidy_and_complete():
    df = loaders.load_figures()
    wijk_rows = df[df["regio_code"].str.startswith("WK")]
    assert sorted(wijk_rows["regio_code"].unique()) == [f"WK0502{i:02d}" for i in range(1, 10)]
    assert set(df["periode"]) == {2016, 2020, 2022}
    assert set(df["leeftijd"]) == {"18+", "18-64", "65+"}
    assert not df.duplicated(loaders.FIGURE_KEY).any()
    # Every wijk and buurt figure is flagged illustrative; the national ones are real.
    assert df[df["regio_code"].str[:2].isin(["WK", "BU"])]["illustratief"].all()
    assert not df[df["regio_code"] == "NL01"]["illustratief"].any()


def test_illustrative_wijken_average_to_the_gemeente_figure():
    df = loaders.load_figures()
    wijken = loaders.load_wijken()
    gm = df[(df.regio_code == "GM0502") & (df.periode == 2016) & (df.leeftijd == "18+") & (df.indicator == "eenzaam")]
    assert gm["waarde"].item() == 47.0
    w = df[
        (df.regio_code.str.startswith("WK"))
        & (df.periode == 2016)
        & (df.leeftijd == "18+")
        & (df.indicator == "eenzaam")
    ].merge(wijken, left_on="regio_code", right_on="wijk_code")
    weighted = (w["waarde"] * w["inwoners"]).sum() / w["inwoners"].sum()
    assert weighted == pytest.approx(47.0, abs=0.05)  # rounding to one decimal per wijk


def test_wijk_table_has_nine_wijken_and_the_cbs_population():
    wijken = loaders.load_wijken()
    assert len(wijken) == 9
    assert wijken.set_index("wijk_code").loc["WK050207", "wijk_naam"] == "Schollevaar Zuid"
    # CBS rounds wijk counts to fives, so the sum differs slightly from the gemeente total.
    assert loaders.load_gemeente()["inwoners"] == 67925
    assert abs(wijken["inwoners"].sum() - 67925) <= 5 * len(wijken)


def test_boundaries_have_79_buurten_in_9_wijken():
    buurten = loaders.load_buurt_geojson()
    wijken = loaders.load_wijk_geojson()
    assert len(buurten["features"]) == 79
    assert {f["properties"]["wijk_code"] for f in buurten["features"]} == {
        f["properties"]["wijk_code"] for f in wijken["features"]
    }
    assert (DATA_DIR / "wijken.geojson").stat().st_size + (DATA_DIR / "buurten.geojson").stat().st_size < 300_000


def test_missing_column_is_named(tmp_path):
    header = ",".join(c for c in loaders.FIGURE_COLUMNS if c != "indicator")
    path = write_figures(tmp_path, "WK050201,2022,18+,50.0,46.0,54.0,illustratief,ja,", header=header)
    with pytest.raises(DataFout, match="Kolom ontbreekt: indicator") as err:
        loaders.load_figures(path)
    assert err.value.kolom == "indicator" and err.value.bestand == "eenzaamheid.csv"


def test_wrong_region_code_names_row_and_column(tmp_path):
    path = write_figures(tmp_path, GOOD_ROW, "WK99,2022,18+,eenzaam,50.0,46.0,54.0,illustratief,ja,")
    with pytest.raises(DataFout) as err:
        loaders.load_figures(path)
    assert (err.value.rij, err.value.kolom) == (3, "regio_code")
    assert "Onbekende regiocode: 'WK99'" in str(err.value) and "rij 3" in str(err.value)


@pytest.mark.parametrize(
    ("row", "kolom", "melding"),
    [
        ("WK050201,2022,18+,eenzaam,150,46.0,54.0,illustratief,ja,", "waarde", "tussen 0 en 100"),
        ("WK050201,2022,18+,eenzaam,-1,,,illustratief,ja,", "waarde", "tussen 0 en 100"),
        ("WK050201,2022,18+,eenzaam,veel,46.0,54.0,illustratief,ja,", "waarde", "Geen getal"),
        ("WK050201,2022,18+,eenzaam,,46.0,54.0,illustratief,ja,", "waarde", "Waarde ontbreekt"),
        ("WK050201,2022,18+,eenzaam,50.0,51.0,54.0,illustratief,ja,", "ondergrens", "Ondergrens is groter"),
        ("WK050201,2022,12+,eenzaam,50.0,46.0,54.0,illustratief,ja,", "leeftijd", "Onbekende leeftijdsgroep"),
        ("WK050201,2022,18+,verdrietig,50.0,46.0,54.0,illustratief,ja,", "indicator", "Onbekende indicator"),
        ("WK050201,twintig,18+,eenzaam,50.0,46.0,54.0,illustratief,ja,", "periode", "jaartal"),
        ("WK050201,2022,18+,eenzaam,50.0,46.0,54.0,wikipedia,ja,", "bron", "Onbekende bron"),
        ("WK050201,2022,18+,eenzaam,50.0,46.0,54.0,illustratief,misschien,", "illustratief", "'ja' of 'nee'"),
    ],
)
def test_each_bad_value_gives_its_message(tmp_path, row, kolom, melding):
    path = write_figures(tmp_path, GOOD_ROW.replace("WK050201", "WK050202"), row)
    with pytest.raises(DataFout, match=melding) as err:
        loaders.load_figures(path)
    assert err.value.kolom == kolom and err.value.rij == 3


def test_decimal_comma_is_accepted(tmp_path):
    path = write_figures(tmp_path, '"WK050201",2022,18+,eenzaam,"50,5","46,0","54,0",illustratief,ja,')
    assert loaders.load_figures(path)["waarde"].item() == 50.5


def test_duplicate_rows_are_refused(tmp_path):
    path = write_figures(tmp_path, GOOD_ROW, GOOD_ROW)
    with pytest.raises(DataFout, match="Dubbele rij") as err:
        loaders.load_figures(path)
    assert err.value.rij == 3


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(DataFout, match="geen rijen"):
        loaders.load_figures(write_figures(tmp_path))
    with pytest.raises(DataFout, match="ontbreekt"):
        loaders.load_figures(tmp_path / "nope.csv")
    (tmp_path / "leeg.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataFout, match="Geen leesbaar CSV"):
        loaders.load_figures(tmp_path / "leeg.csv")


def test_negative_inhabitants_refused(tmp_path):
    path = tmp_path / "wijken.csv"
    path.write_text("wijk_code,wijk_naam,inwoners,oppervlakte_land_ha\nWK050201,West,-5,10\n", encoding="utf-8")
    with pytest.raises(DataFout, match="negatief") as err:
        loaders.load_wijken(path)
    assert (err.value.rij, err.value.kolom) == (2, "inwoners")


def test_buurt_in_wrong_wijk_refused(tmp_path):
    path = tmp_path / "buurten.csv"
    path.write_text("buurt_code,buurt_naam,wijk_code\nBU05020110,IJsseldijk,WK050202\n", encoding="utf-8")
    with pytest.raises(DataFout, match="niet in deze wijk"):
        loaders.load_buurten(path)


@pytest.mark.parametrize(
    ("content", "melding"),
    [
        ("{not json", "Geen geldige GeoJSON"),
        (json.dumps({"type": "Feature"}), "FeatureCollection"),
        (json.dumps({"type": "FeatureCollection", "features": []}), "geen gebieden"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"wijk_code": "WK050201"},
                            "geometry": {"type": "Point", "coordinates": [4, 51]},
                        }
                    ],
                }
            ),
            "polygoon",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"wijk_code": "X1"},
                            "geometry": {"type": "Polygon", "coordinates": [[[4, 51], [4.1, 51], [4, 51.1], [4, 51]]]},
                        }
                    ],
                }
            ),
            "Ongeldige of ontbrekende code",
        ),
    ],
)
def test_broken_geojson(tmp_path, content, melding):
    path = tmp_path / "kapot.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFout, match=melding) as err:
        loaders.load_wijk_geojson(path)
    assert err.value.bestand == "kapot.geojson"


def test_validate_returns_typed_frame(tmp_path):
    df = loaders.load_figures(write_figures(tmp_path, GOOD_ROW))
    assert df["periode"].dtype.kind == "i" and df["waarde"].dtype.kind == "f"
    assert df["illustratief"].tolist() == [True]
    assert isinstance(df, pd.DataFrame)
