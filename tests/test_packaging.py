"""Every subpackage of progsearch is listed in pyproject.toml, so a normal install has it."""

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).parent.parent


def test_every_subpackage_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {"progsearch." + p.parent.name for p in (ROOT / "progsearch").glob("*/__init__.py")}
    assert found | {"progsearch", "progsearch.demos"} <= listed
