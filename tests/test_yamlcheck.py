"""lib.kern.yamlcheck.Fields: typed access with Dutch errors that name the file, the place and the field."""

from __future__ import annotations

import pytest

from lib.kern.errors import DataFout
from lib.kern.yamlcheck import Fields


def _fields(**raw) -> Fields:
    return Fields(raw, "plan.yaml", "thema 2 > actie 2.1")


@pytest.mark.parametrize(("raw", "expected"), [({"vlag": True}, True), ({"vlag": False}, False), ({}, False)])
def test_flag_reads_true_false_and_absent(raw, expected):
    assert _fields(**raw).flag("vlag") is expected


def test_flag_default_applies_only_when_absent():
    assert _fields().flag("vlag", default=True) is True
    assert _fields(vlag=False).flag("vlag", default=True) is False


@pytest.mark.parametrize("value", ["ja", "true", 1, 0, [True]])
def test_flag_refuses_anything_but_a_yaml_boolean(value):
    with pytest.raises(DataFout) as err:
        _fields(vlag=value).flag("vlag")
    message = str(err.value)
    assert f"Verwacht true of false, niet '{value}'" in message
    assert "thema 2 > actie 2.1, veld 'vlag'" in message
    assert err.value.bestand == "plan.yaml" and err.value.kolom == "vlag"
