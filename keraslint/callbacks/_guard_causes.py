"""The FrozenWeightsGuard's causes: why a guarded variable changed, what a
``trainable`` change after compile() does on each backend, and the one warning per
cause and frozen layer that the user reads. Plain functions of what the guard saw,
beside ``_bn_diagnoses.py`` for the BatchNormMonitor."""

from __future__ import annotations

from typing import Any

# What each backend does with a `trainable` change made after the train function
# or the optimizer was built (verified on Keras 3.15.1).
EFFECTS = {
    "keeps_training": "keeps training: the train function traced before the change still updates it",
    "not_trained": "is not trained: the train function traced before the change does not update it",
    "value_error": "makes fit() fail with a ValueError: the optimizer was built for another set of variables",
    "retraced": "is applied: fit() traced the train function again for data of a new "
    "shape, which reads the current trainable variables",
    "applied": "is applied: this backend reads the trainable variables at every step",
    "ema_value_error": "makes fit() fail with a ValueError: the optimizer (use_ema=True) "
    "overwrites the variables it was built with by their moving averages, and those no "
    "longer match the trainable ones",
}
FIX = (
    "call model.compile() again after changing `trainable`, with a fresh optimizer "
    "(reusing the built one fails on JAX, and on every backend when unfreezing)"
)
CAUSES = {
    # Gradient steps and constraints alike: Keras 3 applies constraints only to the
    # variables the optimizer updates, so this is how a constraint reaches a frozen one.
    "trainable_state": "trainable state changed after compile(): the train function "
    "built before the change still updates these variables (gradient steps and any "
    "constraint); fix: " + FIX,
    "training_override": "BatchNormalization statistics updated by the training-argument "
    "override: fit() passes training=True into layers that a functional model calls with "
    "training=False; fix: freeze the BatchNormalization layers (trainable=False) to keep "
    "them in inference mode",
    "shared_layer": "the layer is shared with another model that is training; fix: train "
    "the other model with the layer frozen too, or give it a copy",
    "trained": "the optimizer trains them: trainable variables watched on request",
    "bn_statistics": "moving statistics of a trainable BatchNormalization layer, which "
    "the layer itself updates in training mode, by design; freeze the layer "
    "(trainable=False) to keep them",
    "assigned": "assigned outside gradient descent: a callback, a custom train_step or "
    "other code called assign() on them",
}


def likely_cause(entry, *, state_changed: bool, built_with: set[int], shared: bool, trainable_bn: bool) -> str:
    """The cause of a change of the guarded ``entry`` (a ``_Guarded``)."""
    if state_changed:
        return "trainable_state"
    if entry.reason == "training_false_call":
        return "training_override"
    if entry.reason == "watch" and entry.variable.trainable and id(entry.variable) in built_with:
        return "trained"
    if entry.reason == "watch" and trainable_bn and entry.variable.name in ("moving_mean", "moving_variance"):
        return "bn_statistics"
    if shared:
        return "shared_layer"
    return "assigned"


def shared_with_another_model(layer, own_nodes: set[int]) -> bool:
    """Whether some model other than the guarded one calls ``layer``."""
    return any(id(node) not in own_nodes for node in getattr(layer, "_inbound_nodes", []))


def _when(epoch: int, step: int | None) -> str:
    return f"epoch {epoch}" + (f", step {step}" if step is not None else " (end)")


def group_message(group: str, violations: list[dict[str, Any]], report_path: str | None) -> str:
    """One warning for the variables of one frozen layer or model that changed
    for one cause: what, how much, when first, why and the fix."""
    first = violations[0]
    layers = {v["layer"] for v in violations}
    count = len(violations)
    what = (
        f"'{first['variable']}' changed"
        if count == 1
        else f"{count} variables in {len(layers)} layer(s) changed"
    )
    largest = max(v["max_abs_change"] for v in violations)
    elements = ""
    if count == 1:
        elements = f" in {first['elements_changed']:,} of its {first['elements']:,} elements"
    where = f"report_path ({report_path})" if report_path else "`guard.report['violations']`"
    return (
        f"FrozenWeightsGuard: '{group}': {what} by up to {largest:.3g}{elements}, first seen "
        f"at {_when(first['epoch'], first['step'])}; cause: {CAUSES[first['cause']]}. "
        f"Per-variable detail in {where}."
    )


def unmoved_message(epoch: int, entries: list[dict[str, Any]]) -> str:
    """One warning for the trainable variables that did not move in an epoch."""
    shown = ", ".join(e["variable"] for e in entries[:5])
    more = f" and {len(entries) - 5} more" if len(entries) > 5 else ""
    return (
        f"FrozenWeightsGuard: {len(entries)} trainable variable(s) did not move at all during "
        f"epoch {epoch} (disconnected layer, zero gradients or an unintended freeze?): "
        f"{shown}{more}. Listed in `guard.report['unmoved_trainable']`."
    )


def state_change_message(layers: list[str], change: str, model_name: str, backend: str, effect: str) -> str:
    return (
        f"FrozenWeightsGuard: {', '.join(repr(name) for name in layers)} "
        f"{'was' if len(layers) == 1 else 'were'} {change} after model "
        f"'{model_name}' was compiled or last trained. On {backend} this "
        f"{EFFECTS[effect]}. Fix: {FIX}."
    )
