"""The BatchNormMonitor's diagnoses: pure functions of a layer's configuration and of
numpy copies of its statistics, each returning a ``(message, details)`` pair when it
finds a problem and None otherwise. Keeping Keras out of here keeps them cheap and
lets every backend share them."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from keraslint import keras_facts

NOT_UPDATING = "bn-stats-not-updating"
UPDATING_WHILE_FROZEN = "bn-stats-updating-while-frozen"
NOT_CONVERGED = "bn-not-converged"
TRAIN_INFERENCE_GAP = "bn-train-inference-gap"
INPUT_MISMATCH = "bn-input-mismatch"
NONFINITE = "bn-nonfinite"
VARIANCE_COLLAPSE = "bn-variance-collapse"
WRONG_AXIS = "bn-wrong-axis"
SMALL_BATCH = "bn-small-batch"
DTYPE = "bn-dtype"
CODES = (
    NOT_UPDATING,
    UPDATING_WHILE_FROZEN,
    NOT_CONVERGED,
    TRAIN_INFERENCE_GAP,
    INPUT_MISMATCH,
    NONFINITE,
    VARIANCE_COLLAPSE,
    WRONG_AXIS,
    SMALL_BATCH,
    DTYPE,
)

Finding = tuple[str, dict[str, Any]]


@dataclasses.dataclass
class MonitoredLayer:
    """A BatchNormalization layer and how ``fit()`` is expected to run it."""

    path: str
    layer: Any
    # Name of the outermost layer or model with trainable=False, if any.
    frozen_by: str | None
    # Path of the layer or model a functional graph calls with training=False.
    inference_call_by: str | None

    @property
    def mode(self) -> str:
        if self.frozen_by:
            return "frozen"
        if self.inference_call_by:
            return "inference-call"
        return "training"

    @property
    def channels(self) -> int:
        return int(self.layer.moving_mean.shape[0])

    def describe(self) -> dict[str, Any]:
        layer = self.layer
        return {
            "class": type(layer).__name__,
            "mode": self.mode,
            "frozen_by": self.frozen_by,
            "inference_call_by": self.inference_call_by,
            "momentum": float(layer.momentum),
            "epsilon": float(layer.epsilon),
            "axis": int(layer.axis),
            "channels": self.channels,
            "synchronized": bool(getattr(layer, "synchronized", False)),
            "moving_stats_dtype": str(layer.moving_mean.dtype),
        }


# --- Checks of the configuration, made before or early in training ----------------


def wrong_axis(axis: int, input_shape: tuple, data_format: str) -> Finding | None:
    """A BatchNormalization over a spatial or time axis of a rank >= 3 input."""
    rank = len(input_shape)
    if rank < 3:
        return None
    channel_axis = keras_facts.channel_axis(rank, data_format)
    normalized = axis % rank
    if normalized == channel_axis:
        return None
    kind = "time" if rank == 3 else "spatial"
    return (
        f"normalizes axis {axis} (size {input_shape[normalized]}) of its input of shape "
        f"{tuple(input_shape)}, a {kind} axis under data_format={data_format!r}; the "
        f"channel axis is {channel_axis}. Each {kind} position then gets its own mean and "
        f"variance shared across channels. Use BatchNormalization(axis={channel_axis - rank}).",
        {"axis": axis, "input_shape": list(input_shape), "channel_axis": channel_axis},
    )


def values_per_channel(axis: int, per_replica_shape: tuple) -> int | None:
    """How many values each channel's batch statistics are computed from."""
    others = [d for i, d in enumerate(per_replica_shape) if i != axis % len(per_replica_shape)]
    if any(d is None for d in others):
        return None
    return int(np.prod(others, dtype=np.int64))


def small_batch(values: int, per_replica_batch: int, minimum: int) -> Finding | None:
    if values >= minimum:
        return None
    consequence = (
        "a single value per channel has zero variance, which normalizes to 0 (NaN with "
        "unbiased variance)"
        if values == 1
        else "batch means and variances that noisy make training unstable and the moving "
        "statistics unreliable"
    )
    return (
        f"computes batch statistics from only {values} value(s) per channel (per-replica "
        f"batch size {per_replica_batch} times positions); {consequence}. Use a larger "
        "per-replica batch, BatchNormalization(synchronized=True) under a distribution "
        "strategy, or GroupNormalization/LayerNormalization.",
        {"values_per_channel": values, "per_replica_batch": per_replica_batch, "minimum": minimum},
    )


def low_precision_stats(dtype: str, policy: str) -> Finding | None:
    if dtype == "float32" or dtype == "float64":
        return None
    return (
        f"keeps its moving statistics in {dtype} under the {policy!r} dtype policy; small "
        "momentum updates round away and variances overflow. Leave the layer's dtype to "
        "the mixed policy (variables stay float32) instead of forcing "
        f"dtype={dtype!r} on it.",
        {"moving_stats_dtype": dtype, "policy": policy},
    )


def convergence_forecast(momentum: float, steps: int, tolerance: float) -> Finding | None:
    """With momentum m, m**n of the initial moving mean (0) and variance (1) is still
    in the statistics after n updates."""
    remaining = momentum**steps if steps > 0 else 1.0
    if remaining <= tolerance:
        return None
    needed = math.ceil(math.log(tolerance) / math.log(momentum)) if 0 < momentum < 1 else None
    fitting = tolerance ** (1.0 / steps) if steps > 0 else None
    advice = (
        f"reaching {tolerance:.0%} needs {needed} steps"
        if needed is not None
        else "momentum 1 never updates the statistics"
    )
    if fitting is not None:
        advice += f", or momentum <= {math.floor(fitting * 1000) / 1000:.3f} for the planned {steps}"
    return (
        f"with momentum {momentum} and {steps} update steps, {remaining:.0%} of the initial "
        f"moving mean 0 / variance 1 will remain in the statistics that inference uses; "
        f"{advice}.",
        {"momentum": momentum, "steps": steps, "remaining_fraction": remaining,
         "steps_needed": needed, "momentum_fitting": fitting, "confirmed": None},
    )


# --- Checks of the statistics recorded during training ----------------------------


def standardized_drift(mean_a, var_a, mean_b, var_b, epsilon: float) -> float:
    """How far statistics moved from a to b: the larger of the channel-averaged mean
    shift in standard deviations and the channel-averaged |log variance ratio|."""
    std = np.sqrt(np.maximum(var_b, 0.0) + epsilon)
    mean_shift = np.mean(np.abs(mean_b - mean_a) / std)
    log_ratio = np.mean(np.abs(np.log((np.maximum(var_b, 0.0) + epsilon) / (np.maximum(var_a, 0.0) + epsilon))))
    return float(max(mean_shift, log_ratio))


def nonfinite(mean, var) -> Finding | None:
    bad = ~(np.isfinite(mean) & np.isfinite(var))
    count = int(bad.sum())
    if not count:
        return None
    return (
        f"has NaN or Inf in the moving statistics of {count} of {bad.size} channels. The "
        "usual causes: NaN/Inf in the inputs, a diverging loss (lower the learning rate, "
        "clip gradients), a batch with a single value per channel, or float16 overflow.",
        {"channels": count, "fraction": count / bad.size},
    )


def variance_collapse(var, epsilon: float, factor: float, max_fraction: float) -> Finding | None:
    dead = int(np.sum(var < factor * epsilon))
    fraction = dead / var.size
    if dead == 0 or fraction < max_fraction:
        return None
    return (
        f"has {dead} of {var.size} channels ({fraction:.0%}) whose moving variance is below "
        f"{factor:g} x epsilon ({factor * epsilon:g}): their inputs are (nearly) constant, "
        "e.g. ReLU units that never fire, so these channels carry no information. Check the "
        "preceding layer's initialization, bias and learning rate.",
        {"dead_channels": dead, "fraction": fraction, "threshold": factor * epsilon},
    )


def batch_vs_moving(batch_mean, batch_var, moving_mean, moving_var, epsilon: float):
    """(mean shift in moving standard deviations, geometric-mean variance ratio)."""
    moving_std = np.sqrt(np.maximum(moving_var, 0.0) + epsilon)
    mean_shift = float(np.mean(np.abs(batch_mean - moving_mean) / moving_std))
    log_ratio = np.log((np.maximum(batch_var, 0.0) + epsilon) / (np.maximum(moving_var, 0.0) + epsilon))
    return mean_shift, float(np.exp(np.mean(log_ratio)))


def _largest_gaps(gaps, max_mean_shift: float, max_variance_ratio: float):
    """The layers whose gap passes a threshold, largest first, and the three
    largest written out."""

    def severity(item):
        mean_shift, ratio = item[1]
        return max(mean_shift / max_mean_shift, abs(math.log(ratio)) / math.log(max_variance_ratio))

    offenders = sorted(((p, g) for p, g in gaps.items() if severity((p, g)) >= 1), key=severity, reverse=True)
    named = ", ".join(f"{p} (mean shift {m:.2f} std, variance ratio {r:.2f})" for p, (m, r) in offenders[:3])
    return offenders, named


def _gap_details(offenders) -> dict[str, Any]:
    return {"layers": [p for p, _ in offenders],
            "gaps": {p: {"mean_shift": m, "variance_ratio": r} for p, (m, r) in offenders}}


def train_inference_gap(
    gaps: dict[str, tuple[float, float]],
    output_gap: float | None,
    max_mean_shift: float,
    max_variance_ratio: float,
) -> Finding | None:
    """One finding for the model's layers that normalize with batch statistics in
    fit(), naming those whose gap is largest."""
    offenders, named = _largest_gaps(gaps, max_mean_shift, max_variance_ratio)
    if not offenders:
        return None
    output = (
        f"; the model's output differs by {output_gap:.1%} between training and inference mode"
        if output_gap is not None
        else ""
    )
    return (
        f"on probe_data, batch statistics differ from the moving statistics used in inference "
        f"in {len(offenders)} layer(s), largest in {named}{output}. This is why a model can "
        "score well in fit() and badly in evaluate(): check that probe/validation data is "
        "preprocessed like the training data, train longer or lower the momentum, and avoid "
        "tiny or unshuffled (single-class) training batches.",
        {**_gap_details(offenders), "output_gap": output_gap},
    )


def input_mismatch(
    gaps: dict[str, tuple[float, float]], max_mean_shift: float, max_variance_ratio: float
) -> Finding | None:
    """One finding for the frozen layers whose inputs on probe_data do not match the
    statistics they were frozen with. A frozen layer normalizes with those in fit()
    and evaluate() alike, so this is no fit/evaluate gap: the data differs from the
    data the (pretrained) layers saw."""
    offenders, named = _largest_gaps(gaps, max_mean_shift, max_variance_ratio)
    if not offenders:
        return None
    return (
        f"on probe_data, the inputs of {len(offenders)} frozen layer(s) do not match the "
        f"moving statistics they were frozen with, largest in {named}. Frozen layers use "
        "those statistics in fit() and evaluate() alike, so the data differs from what the "
        "pretrained layers saw. Likely causes: the pretrained model's preprocessing "
        "(keras.applications.<model>.preprocess_input) not applied, or applied twice, or "
        "inputs at another scale (0-255 pixels into a base trained on [-1, 1] or [0, 1]). "
        "Check: print the min, max and mean of a training batch and compare with what the "
        "base expects.",
        _gap_details(offenders),
    )


def not_updating(layer: MonitoredLayer) -> Finding:
    return (
        "is trainable and run in training mode, yet its moving statistics did not change "
        "during this fit(). Is it on the path from the inputs to the loss, or does a "
        "subclassed call() pass training=False to it? Its inference output uses the "
        "initial statistics.",
        {"mode": layer.mode},
    )


def updating_while_frozen(layer: MonitoredLayer, keras_version: str) -> Finding:
    if layer.frozen_by:
        cause = f"is frozen (trainable=False on {layer.frozen_by!r})"
        fix = "Call compile() again after changing trainable."
    else:
        cause = f"is called with training=False (through {layer.inference_call_by!r})"
        fix = (
            f"Keras {keras_version} overrides training=False inside fit(); set "
            f"`{layer.inference_call_by.split('/')[-1]}.trainable = False` before compile() "
            "to keep a pretrained base's statistics (frozen BatchNormalization runs in "
            "inference mode)."
        )
    return (
        f"{cause}, yet its moving statistics changed during fit(). {fix}",
        {"mode": layer.mode},
    )
