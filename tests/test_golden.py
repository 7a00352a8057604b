"""Every demo and command-line report prints what the golden files hold, byte for byte.

The golden files were written before the code was moved (issue #10); timings are masked.
When an output is meant to change, rewrite the file with ``python -m tests.golden.cases NAME``
and say why in the commit.
"""

import pytest
from golden.cases import CASES, HERE, run


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_unchanged(name):
    assert run(CASES[name]) == (HERE / f"{name}.txt").read_text()
