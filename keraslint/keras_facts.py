"""Facts about Keras layers and losses, kept in one place and free of any keras import.

The static rules, ``keraslint explain`` and the runtime callbacks all ask the same
questions (where are the channels, which layers keep a per-channel shift, which family
a loss belongs to); each answer lives here once, keyed by canonical class names.
"""

from __future__ import annotations


def channel_axis(rank: int, data_format: str | None = "channels_last") -> int:
    """The non-negative channel axis of a tensor of ``rank`` (batch axis included).

    Rank-2 tensors (batch, features) keep their features last whatever the data format.
    """
    return 1 if data_format == "channels_first" and rank > 2 else rank - 1


# Layers f with f(x + b) == f(x) + b for a per-channel constant b: a bias before them is
# still a per-channel constant after them, so a BatchNormalization there subtracts it.
# Pooling takes a max or a mean, cropping drops positions, upsampling repeats or
# interpolates with weights summing to one. Padding is not among them: it adds zeros.
COMMUTES_WITH_CHANNEL_SHIFT = frozenset(
    f"{kind}{n}D"
    for kind in (
        "MaxPooling",
        "AveragePooling",
        "GlobalMaxPooling",
        "GlobalAveragePooling",
        "Cropping",
        "UpSampling",
    )
    for n in (1, 2, 3)
)

# Loss names (function names, and class names lower-cased) -> the family of labels and
# outputs they expect.
LOSS_FAMILIES = {
    "categorical_crossentropy": "categorical",
    "categoricalcrossentropy": "categorical",
    "categorical_focal_crossentropy": "categorical",
    "categoricalfocalcrossentropy": "categorical",
    "sparse_categorical_crossentropy": "sparse_categorical",
    "sparsecategoricalcrossentropy": "sparse_categorical",
    "binary_crossentropy": "binary",
    "binarycrossentropy": "binary",
    "binary_focal_crossentropy": "binary",
    "binaryfocalcrossentropy": "binary",
    "bce": "binary",
}


def loss_family(name: str) -> str:
    """"categorical", "sparse_categorical", "binary" or "other" for a loss function or class name."""
    return LOSS_FAMILIES.get(name.lower(), "other")
