"""The engine's keras.applications table against Keras: for every constructor it lists,
the model name, output shape, total and non-trainable counts of a headless model on a
non-default input size and of a classifier for another number of classes."""

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from keraslint.engine import applications  # noqa: E402

CASES = [
    ({"include_top": False, "input_shape": (97, 150, 3)}),
    ({"include_top": False, "input_shape": (75, 75, 3), "pooling": "avg"}),
    ({"include_top": True, "classes": 7}),
]


def non_trainable(model) -> int:
    return int(sum(np.prod(v.shape) for v in model.non_trainable_weights))


@pytest.mark.parametrize("constructor", sorted(applications.TABLE))
def test_table_entry_equals_keras(constructor):
    for kwargs in CASES:
        table = applications.summary(constructor, kwargs)
        model = getattr(keras.applications, constructor)(weights=None, **kwargs)
        assert (table.name, table.input_shape, table.output_shape) == (
            model.name, tuple(model.input.shape), tuple(model.output.shape)
        ), kwargs
        assert (table.total, table.non_trainable) == (model.count_params(), non_trainable(model)), kwargs


def test_what_the_table_does_not_cover_is_a_reason():
    assert applications.summary("ResNet50", {"include_top": True, "input_shape": (160, 160, 3)}) == (
        "a classifier on another input size than the default"
    )
    assert "not in the engine's table" in applications.summary("ConvNeXtTiny", {})
    assert applications.summary("MobileNet", {"alpha": 0.25}).startswith("an argument")
