"""The 50120NED importer: both official formats, every mapping, every kind of bad input."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.cijfers import rivm, rivm_json, rivm_lezen, rivm_opdracht
from lib.kern.errors import DataFout
from tests.rivm_samples import HEADER, csv_bytes, records

GM = "GM0502"


def fig(df, regio, indicator="eenzaam", periode=2022, leeftijd="18+"):
    rows = df[
        (df.regio_code == regio) & (df.indicator == indicator) & (df.periode == periode) & (df.leeftijd == leeftijd)
    ]
    assert len(rows) == 1
    return rows.iloc[0]


def test_statline_csv_maps_margins_ages_periods_and_columns():
    recs = records(["NL01", "GM0502", "WK050201", "BU05020110"], perioden=(2020, 2022))
    df = rivm_lezen.parse(csv_bytes(recs), "50120NED.csv", GM)
    # 4 regions x 2 periods x 3 ages x 4 indicators; margins folded into columns
    assert len(df) == 4 * 2 * 3 * 4
    assert set(df.leeftijd) == {"18+", "18-64", "65+"}
    assert set(df.periode) == {2020, 2022}
    assert set(df.indicator) == {"eenzaam", "ernstig_eenzaam", "emotioneel_eenzaam", "sociaal_eenzaam"}
    row = fig(df, "WK050201")  # region index 2, age index 0 -> 30 + 2 + 0
    assert (row.waarde, row.ondergrens, row.bovengrens) == (32.0, 29.0, 35.0)
    assert fig(df, "WK050201", leeftijd="65+").waarde == 34.0  # Leeftijd 80200
    assert fig(df, "WK050201", "sociaal_eenzaam").waarde == 27.0
    assert set(df.bron) == {"rivm_50120NED"} and not df.illustratief.any()
    assert "Overgewicht" not in " ".join(df.columns)  # other indicator columns ignored


def test_decimal_commas_padding_and_missing_values():
    recs = records(["WK050201", "WK050202"])
    for rec in recs:
        if rec["WijkenEnBuurten"].startswith("WK050202") and rec["Leeftijd"] == "80200":
            rec["Eenzaam_27"] = None  # '.' in the CSV: too few respondents
        if rec["Marges"] != "MW00000" and rec["WijkenEnBuurten"].startswith("WK050201"):
            rec["SociaalEenzaam_30"] = None  # margin unknown
    df = rivm_lezen.parse(csv_bytes(recs, decimal_comma=True), "x.csv", GM)
    assert fig(df, "WK050201").waarde == 30.0
    # a missing estimate is no row at all, never a 0
    assert df[(df.regio_code == "WK050202") & (df.leeftijd == "65+") & (df.indicator == "eenzaam")].empty
    row = fig(df, "WK050201", "sociaal_eenzaam")
    assert row.waarde == 25.0 and math.isnan(row.ondergrens) and math.isnan(row.bovengrens)
    # empty cells mean missing too
    df2 = rivm_lezen.parse(csv_bytes(recs, missing=""), "x.csv", GM)
    assert len(df2) == len(df)


def test_unquoted_csv_with_bom_and_crlf():
    text = (
        "\ufeffID;WijkenEnBuurten;Perioden;Leeftijd;Marges;Eenzaam_27\r\n0;WK050201  ;2022JJ00;20300;MW00000;41,5\r\n"
    )
    df = rivm_lezen.parse(text.encode("utf-8"), "x.csv", GM)
    assert fig(df, "WK050201").waarde == 41.5


def test_odata_json_typeddataset():
    recs = records(["GM0502", "BU05020110"])
    recs[1]["Eenzaam_27"] = None  # null lower bound (MOG0095) in OData
    body = json.dumps({"odata.metadata": "https://dataderden.cbs.nl/…", "value": recs}).encode()
    df = rivm_lezen.parse(body, "TypedDataSet.json", GM)
    assert len(df) == 2 * 3 * 4
    assert math.isnan(fig(df, "GM0502").ondergrens)  # its lower bound was null
    assert fig(df, "BU05020110").waarde == 31.0


def test_json_page_with_next_link_is_refused_as_incomplete():
    body = json.dumps({"value": records(["GM0502"]), "odata.nextLink": "https://x/?$skiptoken=1"}).encode()
    with pytest.raises(DataFout, match="lib.cijfers.rivm fetch"):
        rivm_lezen.parse(body, "page.json", GM)


def bad(content: bytes | str, name: str = "x.csv") -> DataFout:
    if isinstance(content, str):
        content = content.encode("utf-8")
    with pytest.raises(DataFout) as info:
        rivm_lezen.parse(content, name, GM)
    return info.value


def test_wrong_file_type():
    assert "Bestandstype '.xlsx'" in str(bad(b"PK\x03\x04...", "tabel.xlsx"))
    assert "Geen tekstbestand" in str(bad(b"\x00\x01\x02binary", "x.csv"))


def test_empty_file():
    assert "leeg" in str(bad(b""))
    assert "leeg" in str(bad(b"   \n\n"))
    err = bad(";".join(HEADER) + "\n")
    assert "geen rijen" in str(err)


def test_big_file_is_read_in_blocks_with_the_right_row_numbers(tmp_path):
    """No size limit any more: the reader streams. Small blocks here, so the file spans many of them."""
    recs = records(["NL01", "GM0502", "WK050201", "BU05020110", "GM0599", "WK059901", "BU05990101"] * 1)
    recs += records([f"BU0599{i:04d}" for i in range(2, 60)])
    recs += records(["WK050202"])
    recs[-3]["Eenzaam_27"] = "veel"  # the estimate (MW00000) of 65+ in the last block
    path = tmp_path / "groot.csv"
    path.write_bytes(csv_bytes(recs))
    with pytest.raises(DataFout) as info:
        rivm_lezen.lees(path, GM, block_size=2048)
    assert (info.value.rij, info.value.kolom, info.value.bestand) == (len(recs) - 1, "Eenzaam_27", "groot.csv")
    recs[-3]["Eenzaam_27"] = 31.5
    path.write_bytes(csv_bytes(recs))
    shares = []
    result = rivm_lezen.lees(path, GM, block_size=2048, voortgang=shares.append)
    assert result.gelezen == len(recs) and result.bewaard == 6 * 9
    assert set(result.cijfers.regio_code) == {"NL01", "GM0502", "WK050201", "WK050202", "BU05020110", "GM0599"}
    assert len(shares) > 10 and shares == sorted(shares) and shares[-1] == 1.0
    assert result.namen == {"GM0502": "Capelle aan den IJssel", "GM0599": "Capelle aan den IJssel"}


def test_missing_key_column_names_it():
    err = bad("WijkenEnBuurten;Leeftijd;Marges;Eenzaam_27\nWK050201;20300;MW00000;30\n")
    assert err.kolom == "Perioden" and err.rij == 1 and "Kolom ontbreekt" in str(err)


def test_no_loneliness_columns():
    err = bad("WijkenEnBuurten;Perioden;Leeftijd;Marges;Overgewicht_5\nWK050201;2022JJ00;20300;MW00000;30\n")
    assert "eenzaamheidskolommen" in str(err)


def test_comma_separated_file_is_not_statline():
    err = bad("regio,periode\nWK050201,2022\n")
    assert "puntkomma" in str(err)


def test_non_number_names_row_and_column():
    recs = records(["WK050201", "WK050202"])
    recs[4]["EmotioneelEenzaam_29"] = "veel"
    err = bad(csv_bytes(recs))
    assert (err.rij, err.kolom) == (6, "EmotioneelEenzaam_29")  # header is row 1
    assert "Geen getal: 'veel'" in str(err)


def test_percentage_out_of_range():
    recs = records(["WK050201"])
    recs[0]["Eenzaam_27"] = 130.0
    err = bad(csv_bytes(recs))
    assert (err.rij, err.kolom) == (2, "Eenzaam_27") and "tussen 0 en 100" in str(err)


def test_lower_bound_above_value_points_at_source_row():
    recs = records(["WK050201"])
    recs[1]["Eenzaam_27"] = 99.0  # MOG0095 row of 18+
    err = bad(csv_bytes(recs))
    assert "Ondergrens" in str(err) and err.rij == 2  # reported at the value's first row


def test_other_gemeenten_keep_only_their_own_row():
    """A national file: other gemeenten's wijken and buurten are dropped, their gemeente row kept."""
    recs = records(["WK050201", "WK059901", "GM0599", "BU05990101"])
    result = rivm_lezen.lees(csv_bytes(recs), GM, "landelijk.csv")
    assert set(result.cijfers.regio_code) == {"WK050201", "GM0599"}
    assert (result.gelezen, result.bewaard) == (36, 18)
    assert set(result.eigen.regio_code) == {"WK050201"} and result.andere_gemeenten == 1
    assert "36 rijen gelezen, 18 bewaard" in result.samenvatting()
    assert rivm.regio_in_gemeente("NL01", GM) and not rivm.regio_in_gemeente("GM0599", GM)


def test_no_rows_for_the_configured_gemeente_says_so():
    err = bad(csv_bytes(records(["NL01", "GM0599", "WK059901"])))
    assert "geen rijen voor de ingestelde gemeente GM0502" in str(err) and err.bestand == "x.csv"
    body = json.dumps({"value": records(["GM0599"])}).encode()
    assert "geen rijen voor de ingestelde gemeente" in str(bad(body, "x.json"))


def test_unknown_region_code_names_row_and_column():
    recs = records(["WK050201", "WK050202"])
    recs[4]["WijkenEnBuurten"] = "Capelle"
    err = bad(csv_bytes(recs))
    assert (err.rij, err.kolom) == (6, "WijkenEnBuurten") and "Onbekende regiocode: 'CAPELLE'" in str(err)
    recs[4]["WijkenEnBuurten"] = "   "
    assert "Regiocode ontbreekt" in str(bad(csv_bytes(recs)))
    assert bad(json.dumps({"value": recs}).encode(), "x.json").rij == 5


def test_cp1252_file_and_numbers_out_of_float_range():
    text = "WijkenEnBuurten;Perioden;Leeftijd;Marges;Gemeentenaam_1;Eenzaam_27\r\n"
    text += "GM0502;2022JJ00;20300;MW00000;Capelle aan den IJssel é;41,5\r\n"
    result = rivm_lezen.lees(text.encode("cp1252"), GM, "oud.csv")
    assert result.namen == {"GM0502": "Capelle aan den IJssel é"}
    recs = records(["GM0502"])
    body = json.dumps({"value": recs}).replace('"Eenzaam_27": 30.0', '"Eenzaam_27": ' + "9" * 400, 1)
    err = bad(body.encode(), "x.json")
    assert "Geen getal: '9999" in str(err) and err.kolom == "Eenzaam_27"  # beyond float range
    body = json.dumps({"value": recs}).replace('"Eenzaam_27": 30.0', '"Eenzaam_27": 1e999', 1)
    assert "Geen getal" in str(bad(body.encode(), "x.json"))
    assert "Geen getal: '1e999'" in str(bad(csv_bytes(recs).replace(b"30.0", b"1e999", 1)))
    assert rivm.regio_in_gemeente("NL01", GM) and not rivm.regio_in_gemeente("GM0599", GM)


def test_unknown_period_age_and_margin_codes():
    for field, value in (("Perioden", "2022KW01"), ("Leeftijd", "12345"), ("Marges", "MX99")):
        recs = records(["WK050201"])
        recs[2][field] = value
        err = bad(csv_bytes(recs))
        assert (err.rij, err.kolom) == (4, field), field


def test_duplicate_rows():
    recs = records(["WK050201"])
    recs.append(dict(recs[0]))
    err = bad(csv_bytes(recs))
    assert "Dubbele rij" in str(err) and err.rij == 11 and "rij 2" in str(err)


def test_ragged_row():
    text = csv_bytes(records(["WK050201"])).decode() + '99;"WK050201"\n'
    err = bad(text)
    assert err.rij == 11 and "kolommen" in str(err)


def test_all_values_missing():
    recs = records(["WK050201"])
    for rec in recs:
        for col in ("Eenzaam_27", "ErnstigZeerErnstigEenzaam_28", "EmotioneelEenzaam_29", "SociaalEenzaam_30"):
            rec[col] = None
    assert "geen enkel" in str(bad(csv_bytes(recs)))


def test_json_shapes():
    assert "value" in str(bad(b'{"rows": []}', "x.json"))
    assert "Geen geldige JSON" in str(bad(b'{"value": [', "x.json"))
    assert bad(b'{"value": [1, 2]}', "x.json").rij == 1
    assert "geen rijen" in str(bad(b'{"value": []}', "x.json"))


# --- property-based: garbled files never crash the importer --------------------------------------

GOOD = csv_bytes(records(["GM0502", "WK050201", "BU05020110"]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(content):
    try:
        df = rivm_lezen.parse(content, "x.csv", GM)
    except DataFout as err:
        assert str(err)
    else:
        assert set(df.bron) == {"rivm_50120NED"}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 40), st.text(max_size=6)),
        min_size=1,
        max_size=5,
    )
)
def test_garbled_official_file_never_crashes(edits):
    text = GOOD.decode()
    for pos, cut, insert in edits:
        pos = min(pos, len(text))
        text = text[:pos] + insert + text[pos + cut :]
    try:
        df = rivm_lezen.parse(text.encode("utf-8", "surrogatepass"), "x.csv", GM)
    except DataFout as err:
        assert "rij" in str(err) or "bestand" in str(err)
    else:
        assert df["waarde"].between(0, 100).all()


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.text(max_size=5),
        lambda c: st.lists(c) | st.dictionaries(st.text(max_size=5), c),
        max_leaves=10,
    )
)
def test_arbitrary_json_never_crashes(data):
    try:
        df = rivm_lezen.parse(json.dumps({"value": data}).encode(), "x.json", GM)
    except DataFout as err:
        assert str(err)
    else:
        assert not df.empty


# --- the import command: python -m lib.cijfers.rivm import FILE (alias: python -m lib.rivm) ----------


def national_file(tmp_path):
    """A small 'national' CSV: Capelle with a wijk and a buurt, another gemeente with its wijk, and NL."""
    path = tmp_path / "50120NED_landelijk.csv"
    path.write_bytes(csv_bytes(records(["NL01", "GM0502", "WK050201", "BU05020110", "GM0599", "WK059901"])))
    return path


def test_import_command_checks_and_prints_what_it_kept(tmp_path, capsys):
    assert rivm_opdracht.main(["import", str(national_file(tmp_path)), "--controleer"]) == 0
    out = capsys.readouterr().out
    assert "54 rijen gelezen, 45 bewaard: GM0502 met 1 wijken en 1 buurten" in out
    assert "1 andere gemeenten" in out and "niets opgeslagen" in out


def test_import_command_stores_for_an_editor_only(tmp_path, capsys, monkeypatch):
    from contextlib import closing

    from lib.cijfers import imports, loaders
    from lib.kern import auth, storage

    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml of a developer in the way
    path = national_file(tmp_path)
    assert rivm_opdracht.main(["import", str(path)]) == 1
    assert "Opslaan kan alleen met een account" in capsys.readouterr().err
    monkeypatch.setenv(auth.ENV_VAR, auth.hash_password("goed", iterations=1000))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "fout")
    assert rivm_opdracht.main(["import", str(path)]) == 1
    assert "Onjuist wachtwoord; er is niets opgeslagen" in capsys.readouterr().err
    with closing(storage.connect()) as conn:
        assert conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0
    monkeypatch.setattr("getpass.getpass", lambda prompt: "goed")
    assert rivm_opdracht.main(["import", str(path), "--naam", "Els"]) == 0
    assert "Opgeslagen als import 1" in capsys.readouterr().out
    with closing(storage.connect()) as conn:
        shown = imports.shown_figures(conn, loaders.load_figures())
        assert "GM0599" not in set(shown.regio_code)  # other gemeenten stay off the map ...
        assert imports.active_names(conn) == {"GM0502": "Capelle aan den IJssel", "GM0599": "Capelle aan den IJssel"}
        assert imports.history(conn).iloc[0]["Door"] == "Els"
    w = shown[(shown.regio_code == "WK050201") & (shown.periode == 2022)]
    assert set(w.bron) == {"rivm_50120NED"}


def test_import_command_refuses_a_bad_file_and_a_bad_code(tmp_path, capsys):
    path = tmp_path / "kapot.csv"
    path.write_bytes(b"regio,periode\nWK050201,2022\n")
    assert rivm_opdracht.main(["import", str(path), "--controleer"]) == 1
    assert "Niet ingelezen; er is niets veranderd. Geen puntkomma" in capsys.readouterr().err
    assert rivm_opdracht.main(["import", str(path), "--gemeente", "Capelle"]) == 2
    assert rivm_opdracht.main(["import", str(tmp_path / "weg.csv")]) == 1


def test_progress_bar_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term, pipe = Terminal(), io.StringIO()
    for deel in (0.0, 0.25, 0.25, 1.0):
        rivm_opdracht.Balk(term, breedte=4)(deel)
        rivm_opdracht.Balk(pipe)(deel)
    assert "[#...]  25% gelezen" in term.getvalue() and term.getvalue().endswith("100% gelezen\n")
    assert pipe.getvalue() == ""


def test_old_module_name_still_runs_the_command(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "lib.rivm", "import", str(national_file(tmp_path)), "--controleer"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0 and "45 bewaard" in done.stdout


def test_json_is_streamed_across_chunk_boundaries(monkeypatch):
    """Tiny chunks: every record, key and number is cut somewhere; the result must not change."""
    recs = records(["NL01", "GM0502", "WK050201", "GM0599", "WK059901"])
    body = json.dumps({"odata.metadata": "x", "value": recs, "odata.count": 12345}, indent=1).encode()
    whole = rivm_lezen.lees(body, GM, "x.json")
    monkeypatch.setattr(rivm_json, "JSON_CHUNK", 7)
    shares = []
    cut = rivm_lezen.lees(body, GM, "x.json", voortgang=shares.append)
    assert cut.cijfers.equals(whole.cijfers) and (cut.gelezen, cut.bewaard) == (45, 36)
    assert shares[-1] == 1.0
    assert "Geen geldige JSON" in str(bad(body[:-40], "x.json"))
    assert "houdt halverwege op" in str(bad(body.rstrip(b"}\n "), "x.json"))
    assert "Extra data" in str(bad(body + b" {}", "x.json"))
