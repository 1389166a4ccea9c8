"""``keras.applications`` constructors: output shape and parameter counts from a table.

Building a ResNet50 layer by layer from source is out of the engine's reach (Keras
builds it from code the engine does not read), but its counts are fixed facts: the
base without its classifier, the classifier for ``classes``, and how the stride-2
stages shrink an input. ``tests/tools/test_applications_table.py`` checks every entry
against Keras. An argument the table does not cover (an ``alpha`` or ``depth_multiplier``
not in ``WIDTHS``, ``input_tensor``, ``include_preprocessing=False``, a classifier on a
non-default input size, an input below the family's minimum, not three channels) leaves
the model unknown.
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
    reductions: str  # one letter per stage that shrinks the input; see _shrink
    base_total: int  # include_top=False
    base_non_trainable: int  # BatchNormalization moving statistics (and a Normalization layer's)
    classifier_inputs: int  # features into the final Dense
    classifier_hidden: int = 0  # parameters of the layers between the base and the final Dense
    min_size: int = 32  # the smallest input Keras accepts


def _family(default_size: int, reductions: str, min_size: int = 32) -> dict:
    return dict(default_size=default_size, reductions=reductions, min_size=min_size)


def _efficientnet(name: str, size: int, channels: int, total: int, non_trainable: int) -> Application:
    return Application(name, size, channels, "ccccc", total, non_trainable, channels)


_RESNET = dict(channels=2048, classifier_inputs=2048, **_family(224, "ccccc"))
_DENSENET = _family(224, "ccfff")
_INCEPTION = _family(299, "v-v-vvv", min_size=75)
_CONVNEXT = _family(224, "fffff")
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
    "DenseNet121": Application("densenet121", channels=1024, base_total=7_037_504, base_non_trainable=83_648,
                               classifier_inputs=1024, **_DENSENET),
    "DenseNet169": Application("densenet169", channels=1664, base_total=12_642_880, base_non_trainable=158_400,
                               classifier_inputs=1664, **_DENSENET),
    "DenseNet201": Application("densenet201", channels=1920, base_total=18_321_984, base_non_trainable=229_056,
                               classifier_inputs=1920, **_DENSENET),
    "Xception": Application("xception", 299, 2048, "v-cccc", 20_861_480, 54_528, 2048, min_size=71),
    "InceptionV3": Application("inception_v3", channels=2048, base_total=21_802_784, base_non_trainable=34_432,
                               classifier_inputs=2048, **_INCEPTION),
    "InceptionResNetV2": Application("inception_resnet_v2", channels=1536, base_total=54_336_736,
                                     base_non_trainable=60_544, classifier_inputs=1536, **_INCEPTION),
    # EfficientNet's non-trainable count includes its input Normalization layer's mean, variance and count.
    "EfficientNetB0": _efficientnet("efficientnetb0", 224, 1280, 4_049_571, 42_023),
    "EfficientNetB1": _efficientnet("efficientnetb1", 240, 1280, 6_575_239, 62_055),
    "EfficientNetB2": _efficientnet("efficientnetb2", 260, 1408, 7_768_569, 67_575),
    "EfficientNetB3": _efficientnet("efficientnetb3", 300, 1536, 10_783_535, 87_303),
    "EfficientNetB4": _efficientnet("efficientnetb4", 380, 1792, 17_673_823, 125_207),
    "EfficientNetB5": _efficientnet("efficientnetb5", 456, 2048, 28_513_527, 172_743),
    "EfficientNetB6": _efficientnet("efficientnetb6", 528, 2304, 40_960_143, 224_439),
    "EfficientNetB7": _efficientnet("efficientnetb7", 600, 2560, 64_097_687, 310_727),
    "EfficientNetV2B0": _efficientnet("efficientnetv2-b0", 224, 1280, 5_919_312, 60_608),
    "EfficientNetV2B1": _efficientnet("efficientnetv2-b1", 240, 1280, 6_931_124, 71_072),
    "EfficientNetV2B2": _efficientnet("efficientnetv2-b2", 260, 1408, 8_769_374, 82_288),
    "EfficientNetV2B3": _efficientnet("efficientnetv2-b3", 300, 1536, 12_930_622, 109_216),
    "EfficientNetV2S": _efficientnet("efficientnetv2-s", 384, 1280, 20_331_360, 153_872),
    "EfficientNetV2M": _efficientnet("efficientnetv2-m", 480, 1280, 53_150_388, 292_032),
    "EfficientNetV2L": _efficientnet("efficientnetv2-l", 480, 1280, 117_746_848, 512_576),
    "ConvNeXtTiny": Application("convnext_tiny", channels=768, base_total=27_820_128, base_non_trainable=0,
                                classifier_inputs=768, **_CONVNEXT),
    "ConvNeXtSmall": Application("convnext_small", channels=768, base_total=49_454_688, base_non_trainable=0,
                                 classifier_inputs=768, **_CONVNEXT),
    "ConvNeXtBase": Application("convnext_base", channels=1024, base_total=87_566_464, base_non_trainable=0,
                                classifier_inputs=1024, **_CONVNEXT),
    "ConvNeXtLarge": Application("convnext_large", channels=1536, base_total=196_230_336, base_non_trainable=0,
                                 classifier_inputs=1536, **_CONVNEXT),
}  # fmt: skip
# The MobileNets at another width (alpha) or depth multiplier: (constructor, alpha, depth_multiplier).
WIDTHS = {
    ("MobileNet", 0.25, 1): Application("mobilenet_0.25_{rows}", 224, 256, "fffff", 218_544, 5_472, 256),
    ("MobileNet", 0.5, 1): Application("mobilenet_0.50_{rows}", 224, 512, "fffff", 829_536, 10_944, 512),
    ("MobileNet", 0.75, 1): Application("mobilenet_0.75_{rows}", 224, 768, "fffff", 1_832_976, 16_416, 768),
    ("MobileNet", 0.5, 2): Application("mobilenet_0.50_{rows}", 224, 512, "fffff", 1_646_672, 15_904, 512),
    ("MobileNet", 1.0, 2): Application("mobilenet_1.00_{rows}", 224, 1024, "fffff", 6_432_928, 31_808, 1024),
    ("MobileNetV2", 0.35, 1): Application("mobilenetv2_0.35_{rows}", 224, 1280, "ccccc", 410_208, 14_080, 1280),
    ("MobileNetV2", 0.5, 1): Application("mobilenetv2_0.50_{rows}", 224, 1280, "ccccc", 706_224, 18_544, 1280),
    ("MobileNetV2", 0.75, 1): Application("mobilenetv2_0.75_{rows}", 224, 1280, "ccccc", 1_382_064, 26_640, 1280),
    ("MobileNetV2", 1.3, 1): Application("mobilenetv2_1.30_{rows}", 224, 1664, "ccccc", 3_766_048, 44_256, 1664),
    ("MobileNetV2", 1.4, 1): Application("mobilenetv2_1.40_{rows}", 224, 1792, "ccccc", 4_363_712, 47_936, 1792),
}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class ApplicationSummary:
    """What the table says about one constructor call."""

    name: str
    input_shape: tuple  # batch axis first
    output_shape: tuple
    total: int
    non_trainable: int


def summary(constructor: str, kwargs: dict, positional: int = 0) -> ApplicationSummary | str:
    """The summary of ``keras.applications.<constructor>(**kwargs)`` (called with
    ``positional`` positional arguments besides), or why there is none."""
    if positional:
        return "positional arguments are not in the table"
    if any(value is UNKNOWN for value in kwargs.values()):
        return "an argument of the constructor is not a literal"
    if kwargs.get("input_tensor") is not None or kwargs.get("include_preprocessing", True) is not True:
        return "input_tensor or include_preprocessing is not in the table"
    alpha, depth_multiplier = kwargs.get("alpha", 1.0), kwargs.get("depth_multiplier", 1)
    if (alpha, depth_multiplier) == (1.0, 1):
        entry = TABLE.get(constructor)
    else:
        entry = WIDTHS.get((constructor, alpha, depth_multiplier))
        if entry is None:
            width = f"alpha={alpha!r}, depth_multiplier={depth_multiplier!r}"
            return f"keras.applications.{constructor}({width}) is not in the engine's table"
    if entry is None:
        return f"keras.applications.{constructor} is not in the engine's table"
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
    if any(d is not None and (not isinstance(d, int) or d < entry.min_size) for d in shape[:2]):
        return f"input_shape below the {entry.min_size} pixels Keras accepts"
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
        output = (None, *(_shrink(d, entry.reductions) for d in shape[:2]), entry.channels)
    return ApplicationSummary(name, (None, *shape), output, entry.base_total, entry.base_non_trainable)


def _shrink(size: Any, reductions: str) -> Any:
    """``size`` through the stages that shrink it: "c" halves rounding up (stride 2, same
    padding), "f" rounding down (stride 2, a valid 2x2 window or a 4x4 stem), "v" is a
    valid 3x3 window at stride 2, "-" a valid 3x3 window at stride 1."""
    if size is None:
        return None
    for mode in reductions:
        size = {"c": -(-size // 2), "f": size // 2, "v": (size - 3) // 2 + 1, "-": size - 2}[mode]
    return size
