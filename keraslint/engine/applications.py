"""``keras.applications`` constructors: output shape and parameter counts from a table.

Building a ResNet50 layer by layer from source is out of the engine's reach (Keras
builds it from code the engine does not read), but its counts are fixed facts: the
base without its classifier, the classifier for ``classes``, and how the stride-2
stages shrink an input. ``tests/tools/test_applications_table.py`` checks every entry
against Keras. An argument the table does not cover (``alpha``, ``input_tensor``, a
classifier on a non-default input size, fewer than 32 pixels, not three channels)
leaves the model unknown.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from keraslint.engine.graph import UNKNOWN


@dataclasses.dataclass(frozen=True)
class Application:
    name: str  # Keras's model name; "{rows}" is the input size (MobileNets)
    default_size: int
    channels: int  # of the base's output
    halvings: str  # one letter per stride-2 stage: "c" rounds up (same padding), "f" down (valid)
    base_total: int  # include_top=False
    base_non_trainable: int  # BatchNormalization moving statistics
    classifier_inputs: int  # features into the final Dense
    classifier_hidden: int = 0  # parameters of the layers between the base and the final Dense


_RESNET = dict(default_size=224, channels=2048, halvings="ccccc", classifier_inputs=2048)
TABLE = {
    "MobileNet": Application("mobilenet_1.00_{rows}", 224, 1024, "fffff", 3_228_864, 21_888, 1024),
    "MobileNetV2": Application("mobilenetv2_1.00_{rows}", 224, 1280, "ccccc", 2_257_984, 34_112, 1280),
    "ResNet50": Application("resnet50", base_total=23_587_712, base_non_trainable=53_120, **_RESNET),
    "ResNet101": Application("resnet101", base_total=42_658_176, base_non_trainable=105_344, **_RESNET),
    "ResNet152": Application("resnet152", base_total=58_370_944, base_non_trainable=151_424, **_RESNET),
    "ResNet50V2": Application("resnet50v2", base_total=23_564_800, base_non_trainable=45_440, **_RESNET),
    "ResNet101V2": Application("resnet101v2", base_total=42_626_560, base_non_trainable=97_664, **_RESNET),
    "ResNet152V2": Application("resnet152v2", base_total=58_331_648, base_non_trainable=143_744, **_RESNET),
    # fc1 (7 x 7 x 512 -> 4096) and fc2 (4096 -> 4096) sit between the base and the classifier.
    "VGG16": Application("vgg16", 224, 512, "fffff", 14_714_688, 0, 4096, 25088 * 4096 + 4096 + 4096 * 4096 + 4096),
    "VGG19": Application("vgg19", 224, 512, "fffff", 20_024_384, 0, 4096, 25088 * 4096 + 4096 + 4096 * 4096 + 4096),
}


@dataclasses.dataclass(frozen=True)
class ApplicationSummary:
    """What the table says about one constructor call."""

    name: str
    input_shape: tuple  # batch axis first
    output_shape: tuple
    total: int
    non_trainable: int


def summary(constructor: str, kwargs: dict) -> ApplicationSummary | str:
    """The summary of ``keras.applications.<constructor>(**kwargs)``, or why there is none."""
    entry = TABLE.get(constructor)
    if entry is None:
        return f"keras.applications.{constructor} is not in the engine's table"
    unsupported = [k for k in ("alpha", "input_tensor", "depth_multiplier") if kwargs.get(k) is not None]
    if unsupported or any(value is UNKNOWN for value in kwargs.values()):
        return "an argument of the constructor is not in the table or not a literal"
    include_top = kwargs.get("include_top", True)
    classes = kwargs.get("classes", 1000)
    pooling = kwargs.get("pooling")
    shape = kwargs.get("input_shape")
    if include_top not in (True, False) or not isinstance(classes, int) or pooling not in (None, "avg", "max"):
        return "include_top, classes or pooling not literal"
    default = (entry.default_size, entry.default_size, 3)
    if shape is None:
        shape = default if include_top else (None, None, 3)
    if not (isinstance(shape, tuple) and len(shape) == 3 and shape[2] == 3):
        return "input_shape not a literal (height, width, 3)"
    if any(d is not None and (not isinstance(d, int) or d < 32) for d in shape[:2]):
        return "input_shape below the 32 pixels Keras accepts"
    rows = shape[0]
    name = entry.name.format(rows=rows)
    if include_top:
        if shape != default:
            return "a classifier on another input size than the default"
        total = entry.base_total + entry.classifier_hidden + (entry.classifier_inputs + 1) * classes
        return ApplicationSummary(name, (None, *shape), (None, classes), total, entry.base_non_trainable)
    if pooling is not None:
        output = (None, entry.channels)
    else:
        output = (None, *(_shrink(d, entry.halvings) for d in shape[:2]), entry.channels)
    return ApplicationSummary(name, (None, *shape), output, entry.base_total, entry.base_non_trainable)


def _shrink(size: Any, halvings: str) -> Any:
    if size is None:
        return None
    for mode in halvings:
        size = -(-size // 2) if mode == "c" else size // 2
    return size
