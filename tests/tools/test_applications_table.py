"""The engine's keras.applications table against Keras: for every constructor (and every
MobileNet width) it lists, the model name, output shape, total and non-trainable counts
of a headless model on a non-default input size, and whether it holds BatchNormalization
as keras_facts says; for one constructor of each family, a classifier for another number
of classes and a pooled base (the classifier is the same arithmetic on the base's
channels across a family; building every EfficientNet and ConvNeXt twice more is slow)."""

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from keraslint.engine import applications  # noqa: E402
from keraslint.keras_facts import application_has_batchnorm  # noqa: E402

HEADLESS = {"include_top": False, "input_shape": (97, 150, 3)}
CLASSIFIER = {"include_top": True, "classes": 7}
POOLED = {"include_top": False, "input_shape": (75, 75, 3), "pooling": "avg"}
ONE_OF_EACH_FAMILY = ("MobileNet", "MobileNetV2", "ResNet50", "ResNet50V2", "VGG16", "DenseNet121", "Xception",
                      "InceptionV3", "InceptionResNetV2", "EfficientNetB0", "EfficientNetV2B0", "ConvNeXtTiny")  # fmt: skip
ENTRIES = [(name, {}) for name in sorted(applications.TABLE)] + [
    (name, {"alpha": alpha, **({"depth_multiplier": depth} if depth != 1 else {})})
    for name, alpha, depth in applications.WIDTHS
]


def non_trainable(model) -> int:
    return int(sum(np.prod(v.shape) for v in model.non_trainable_weights))


def check(constructor: str, kwargs: dict):
    keras.backend.clear_session()
    table = applications.summary(constructor, kwargs)
    model = getattr(keras.applications, constructor)(weights=None, **kwargs)
    assert (table.name, table.input_shape, table.output_shape) == (
        model.name, tuple(model.input.shape), tuple(model.output.shape)
    ), kwargs
    assert (table.total, table.non_trainable) == (model.count_params(), non_trainable(model)), kwargs
    return model


@pytest.mark.parametrize("constructor,width", ENTRIES, ids=[f"{c}{w or ''}" for c, w in ENTRIES])
def test_table_entry_equals_keras(constructor, width):
    model = check(constructor, {**HEADLESS, **width})
    holds_batchnorm = any(isinstance(layer, keras.layers.BatchNormalization) for layer in model._flatten_layers())
    assert application_has_batchnorm(constructor) == holds_batchnorm


@pytest.mark.parametrize("constructor", ONE_OF_EACH_FAMILY)
def test_classifier_and_pooled_base_equal_keras(constructor):
    check(constructor, CLASSIFIER)
    check(constructor, POOLED)


@pytest.mark.parametrize("constructor", ["MobileNet", "MobileNetV2"])
def test_classifier_of_a_narrower_mobilenet_equals_keras(constructor):
    check(constructor, {**CLASSIFIER, "alpha": 0.5})


def test_the_smallest_inputs_keras_accepts():
    check("Xception", {"include_top": False, "input_shape": (71, 72, 3)})
    check("InceptionV3", {"include_top": False, "input_shape": (75, 76, 3)})
    assert applications.summary("InceptionV3", {"include_top": False, "input_shape": (74, 80, 3)}) == (
        "input_shape below the 75 pixels Keras accepts"
    )


def test_what_the_table_does_not_cover_is_a_reason():
    assert applications.summary("ResNet50", {"include_top": True, "input_shape": (160, 160, 3)}) == (
        "a classifier on another input size than the default"
    )
    assert "not in the engine's table" in applications.summary("ConvNeXtXLarge", {})
    assert "not in the engine's table" in applications.summary("MobileNet", {"alpha": 0.3})
    assert applications.summary("EfficientNetV2S", {"include_preprocessing": False}).startswith("input_tensor or")
    assert applications.summary("MobileNet", {}, positional=1) == "positional arguments are not in the table"
