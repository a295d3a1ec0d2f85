"""The lock files pin the whole dependency tree with hashes, match requirements*.txt, and are what the
README and CI install. Fails after a change to requirements*.txt until `scripts/lock` has been run."""

from __future__ import annotations

import os
import re

import pytest

from lib.kern.config import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name.split("[")[0]).lower()


def direct_pins(filename: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / filename).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins.update(direct_pins(line[3:].strip()))
        elif m := PIN.match(line):
            pins[_name(m.group(1))] = m.group(2)
        elif line:
            pytest.fail(f"{filename}: '{line}' is geen exacte pin (naam==versie)")
    return pins


def locked(filename: str) -> dict[str, tuple[str, int]]:
    """package -> (version, number of hashes)."""
    out: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / filename).read_text().splitlines():
        if m := PIN.match(line):
            current = _name(m.group(1))
            out[current] = (m.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, n = out[current]
            out[current] = (version, n + 1)
    return out


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_lock_holds_every_direct_pin_at_its_version(requirements, lock):
    pins, tree = direct_pins(requirements), locked(lock)
    missing = {p: v for p, v in pins.items() if tree.get(p, (None,))[0] != v}
    assert missing == {}, f"{lock} past niet bij {requirements}: draai scripts/lock"
    assert len(tree) > len(pins)  # the whole tree, not only the direct dependencies


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_locked_package_has_hashes(lock):
    tree = locked(lock)
    assert {p for p, (_, n) in tree.items() if n == 0} == set()
    for transitive in ("starlette", "uvicorn", "pyarrow", "protobuf", "pillow", "requests"):  # floated before
        assert transitive in tree, f"{transitive} ontbreekt in {lock}"
    assert "Python 3.11" in (ROOT / lock).read_text().splitlines()[1]


def test_runtime_and_dev_locks_agree():
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {p: v for p, (v, _) in runtime.items() if dev.get(p, (None,))[0] != v} == {}


def test_readme_and_ci_install_from_the_locks():
    readme = (ROOT / "README.md").read_text()
    assert "python -m pip install --require-hashes -r requirements.lock && streamlit run server.py" in readme
    assert "python -m pip install --require-hashes -r requirements-dev.lock && python -m pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "--require-hashes -r requirements-dev.lock" in ci and "-r requirements-dev.txt" not in ci
    script = ROOT / "scripts" / "lock"
    assert os.access(script, os.X_OK)
    text = script.read_text()
    assert "--generate-hashes" in text and "requirements.lock" in text and "requirements-dev.lock" in text
