"""Every importer answers hostile input with a Dutch DataFout, never with an OverflowError,
RecursionError or other traceback: the RIVM table (JSON and CSV), scenario files, backups."""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.budget import scenarios
from lib.cijfers import rivm_lezen
from lib.kern import invoer
from lib.kern.errors import DataFout
from lib.personas import werksessie
from tests.pagetest import run_page
from tests.rivm_samples import csv_bytes, records

HUGE = "1" + "0" * 400


def _rivm_json(value_text: str) -> bytes:
    recs = records(["GM0502"])
    doc = json.dumps({"value": recs})
    # put the raw number text in place of one value (json.dumps cannot write it)
    return doc.replace(f'"Eenzaam_27": {recs[0]["Eenzaam_27"]}', f'"Eenzaam_27": {value_text}', 1).encode()


@pytest.mark.parametrize("value", [HUGE, "1e400", "-1e400", "9" * 5000, "NaN", "Infinity"])
def test_rivm_json_numbers_out_of_range_are_refused_in_dutch(value):
    with pytest.raises(DataFout) as err:
        rivm_lezen.parse(_rivm_json(value), "tabel.json", "GM0502")
    assert "tabel.json" in str(err.value)


@pytest.mark.parametrize("value", [HUGE, "1e400", "inf", "nan"])
def test_rivm_csv_numbers_out_of_range_are_refused_in_dutch(value):
    data = csv_bytes(records(["GM0502"])).decode().replace("30.0", value, 1).encode()
    with pytest.raises(DataFout):
        rivm_lezen.parse(data, "tabel.csv", "GM0502")


def test_deeply_nested_rivm_json_is_refused_in_dutch():
    with pytest.raises(DataFout):
        rivm_lezen.parse(b'{"value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "diep.json", "GM0502")


numbers = st.one_of(
    st.integers(min_value=-(10**600), max_value=10**600),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet="0123456789.,eE+-naifNIF", max_size=30),
    st.none(),
    st.booleans(),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=numbers)
def test_fuzz_rivm_json_values(value):
    recs = records(["GM0502"])
    recs[0]["Eenzaam_27"] = value
    try:
        text = json.dumps({"value": recs})
    except ValueError:
        return
    with contextlib.suppress(DataFout):
        rivm_lezen.parse(text.encode(), "fuzz.json", "GM0502")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell=st.text(max_size=40))
def test_fuzz_rivm_csv_cells(cell):
    data = csv_bytes(records(["GM0502"])).decode()
    data = data.replace("30.0", cell.replace(";", "").replace("\n", ""), 1)
    with contextlib.suppress(DataFout):
        rivm_lezen.parse(data.encode("utf-8"), "fuzz.csv", "GM0502")


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=json_values, depth=st.integers(min_value=0, max_value=3000))
def test_fuzz_scenario_json(doc, depth):
    text = "[" * depth + json.dumps(doc) + "]" * depth
    with contextlib.suppress(DataFout):
        scenarios.from_json(text.encode(), "fuzz.json")


@settings(max_examples=100, deadline=None)
@given(
    regels=st.lists(
        st.fixed_dictionaries({"regel": st.text(max_size=10), "thema": st.integers(), "bedrag": numbers}), max_size=4
    )
)
def test_fuzz_scenario_lines(regels):
    try:
        text = json.dumps({"naam": "fuzz", "jaar": 2021, "regels": regels})
    except ValueError:
        return
    with contextlib.suppress(DataFout):
        scenarios.from_json(text, "fuzz.json")


def test_finite_number_helper():
    assert invoer.eindig_getal("12.5") == 12.5
    for bad in (HUGE and int(HUGE), "1e400", "nan", "x", None):
        with pytest.raises(DataFout):
            invoer.eindig_getal(bad)


# --- the werksessie share link and the scenario CSV upload --------------------------------------


def _link(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def test_share_link_nested_too_deep_is_refused_in_dutch():
    with pytest.raises(DataFout, match="link met de persona"):
        werksessie.decode(_link("[" * 1400 + "]" * 1400))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=json_values, depth=st.one_of(st.integers(0, 50), st.integers(1000, 1400)), ruis=st.text(max_size=30))
def test_fuzz_share_link(doc, depth, ruis):
    text = "[" * depth + json.dumps(doc) + "]" * depth
    for value in (_link(text), _link(text) + ruis, ruis):
        with contextlib.suppress(DataFout):
            werksessie.decode(value)


csv_cells = st.one_of(numbers.map(str), st.text(max_size=30), st.text(min_size=200, max_size=5000),
                      st.just("[" * 3000 + "]" * 3000), st.just("1" + "0" * 400))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(csv_cells, csv_cells, csv_cells, csv_cells), min_size=0, max_size=4),
    sep=st.sampled_from([",", ";"]),
    naam=st.one_of(st.none(), st.text(max_size=300)),
)
def test_fuzz_scenario_csv(rows, sep, naam):
    body = io.StringIO()
    writer = csv.writer(body, delimiter=sep)
    writer.writerow(["scenario", "jaar", "thema", "regel", "bedrag"])
    for jaar, thema, regel, bedrag in rows:
        writer.writerow([naam or "fuzz", jaar, thema, regel, bedrag])
    with contextlib.suppress(DataFout):
        scenarios.from_csv(body.getvalue().encode("utf-8"), "fuzz.csv")


def test_share_link_nested_too_deep_on_the_page_is_a_message_and_leaves_the_address():
    at = run_page("views/personas.py", query={werksessie.QUERY_PARAM: _link("[" * 1400 + "]" * 1400)})
    assert not at.exception
    assert any("kon niet worden geopend" in w.value and "beschadigd" in w.value for w in at.warning)
    assert werksessie.QUERY_PARAM not in at.query_params
