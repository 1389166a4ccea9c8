"""The static report against Keras itself, for every model definition under
tests/data/models (architectures of public Apache-2.0 code), the examples and the
explain tests: every layer's parameter count and output shape and the three totals
agree, or the static report says the part is unknown. Wrong numbers: none."""

import pytest

pytest.importorskip("keras")

from static_differential import TARGETS, compare  # noqa: E402


def test_there_are_at_least_40_real_model_definitions():
    assert sum(1 for path, _ in TARGETS if path.parent.name == "models") >= 40


@pytest.mark.parametrize(("path", "name"), TARGETS, ids=[f"{p.stem}:{n}" for p, n in TARGETS])
def test_static_report_agrees_with_keras(path, name):
    result = compare(path, name)

    assert result.wrong == []
    assert result.layers > 0
