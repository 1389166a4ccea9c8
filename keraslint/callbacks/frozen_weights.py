"""FrozenWeightsGuard: prove that frozen weights stay frozen during ``fit()``."""

from __future__ import annotations

import contextlib
import fnmatch
import warnings
import weakref
from dataclasses import dataclass
from typing import Any

import keras
import numpy as np
from keras import ops

from keraslint.callbacks._common import (
    ACTIONS,
    KeraslintCallbackError,
    check_choice,
    check_epoch_or_batches,
    check_path,
    never_crash_training,
    walk_layers,
    write_json_atomic,
)


class FrozenWeightsChanged(KeraslintCallbackError):
    """Raised by `FrozenWeightsGuard(on_violation="raise")` when a guarded
    variable changed during training, or will change because the trainable
    state no longer matches the one the model was compiled with."""


# What each backend does with a `trainable` change made after the train function
# or the optimizer was built (verified on Keras 3.15.1).
_EFFECTS = {
    "keeps_training": "keeps training: the train function traced before the change still updates it",
    "not_trained": "is not trained: the train function traced before the change does not update it",
    "value_error": "makes fit() fail with a ValueError: the optimizer was built for another set of variables",
    "applied": "is applied: this backend reads the trainable variables at every step",
    "ema_value_error": "makes fit() fail with a ValueError: the optimizer (use_ema=True) "
    "overwrites the variables it was built with by their moving averages, and those no "
    "longer match the trainable ones",
}
_FIX = (
    "call model.compile() again after changing `trainable`, with a fresh optimizer "
    "(reusing the built one fails on JAX, and on every backend when unfreezing)"
)
_CAUSES = {
    # Gradient steps and constraints alike: Keras 3 applies constraints only to the
    # variables the optimizer updates, so this is how a constraint reaches a frozen one.
    "trainable_state": "trainable state changed after compile(): the train function "
    "built before the change still updates this variable (gradient steps and any "
    "constraint); " + _FIX,
    "training_override": "BatchNormalization statistics updated by the training-argument "
    "override: fit() passes training=True into layers that a functional model calls with "
    "training=False; freeze the BatchNormalization layers (trainable=False) to keep them "
    "in inference mode",
    "shared_layer": "the layer is shared with another model that is training",
    "trained": "the optimizer trains it: the variable is trainable and watched on request",
    "assigned": "assigned outside gradient descent: a callback, a custom train_step or "
    "other code called assign() on it",
}


@dataclass
class _Guarded:
    variable: Any
    layer: str
    reason: str  # "frozen", "training_false_call" or "watch"
    snapshot: np.ndarray | None = None


@dataclass
class _ModelMemory:
    """What the guard saw when it last trained a model."""

    train_function: Any  # weakref to model.train_function at on_train_end
    trainable_ids: frozenset


class FrozenWeightsGuard(keras.callbacks.Callback):
    """Checks that frozen weights stay frozen while the model trains.

    The guard snapshots every variable of a frozen layer (its own `trainable` is
    False, or an enclosing model's is) when training begins, the moving
    statistics of BatchNormalization layers that a functional model calls with
    `training=False`, and whatever `watch` names. It then compares the live
    variables with the snapshot at the end of every epoch, or every
    `check_every` batches. The routine check is one compiled device call that
    fingerprints every large variable and every group of small ones, and a
    single host transfer; the exact difference is computed only where a
    fingerprint changed.

    Before the first step it also compares the trainable state with the one the
    model was compiled or last trained with, and says what this backend will do
    about a difference: TensorFlow keeps training a layer frozen after the first
    `fit()`, JAX raises a `ValueError`, torch applies the change.

    Trainable variables that did not move at all during an epoch (disconnected
    layers, zero gradients, an unintended freeze) are listed as warnings in the
    report. Moving statistics of trainable BatchNormalization layers, optimizer
    and metric variables and random seed state are not guarded.

    `guard.report` holds the structured result of the last `fit()`. At the end of
    each epoch the guard adds `frozen_weights_violations` (violations so far),
    `frozen_weights_max_change` (largest absolute change of a guarded weight
    since the snapshot) and `trainable_weights_unmoved` to `logs`; list it before
    `CSVLogger` or `TensorBoard` so that they record them.

    Args:
        watch: Extra things to guard whatever their trainable state: a layer, a
            `keras.Variable`, a pattern matched (`fnmatch`) against variable
            paths and layer paths such as `"base/*bn*/moving_*"`, or a list of
            those. Defaults to `None`.
        check_every: `"epoch"` to check at the end of every epoch, or a positive
            integer N to check also after every N batches of each epoch. A
            violation's `step` is the number of batches of its epoch done when
            it was seen. Defaults to `"epoch"`.
        on_violation: What to do when a guarded variable changed: `"warn"`,
            `"stop"` (sets `model.stop_training`) or `"raise"` (raises
            `FrozenWeightsChanged`). Defaults to `"warn"`.
        restore: If `True`, write the snapshot back into changed variables and
            carry on. Defaults to `False`.
        report_path: If set, write the report there as JSON whenever it
            changes. Defaults to `None`.

    Example:

    ```python
    base = keras.applications.MobileNetV3Small(
        input_shape=(96, 96, 3), include_top=False, weights="imagenet"
    )
    base.trainable = False
    inputs = keras.Input((96, 96, 3))
    x = base(inputs, training=False)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(10, activation="softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile("adam", "sparse_categorical_crossentropy")

    guard = FrozenWeightsGuard(on_violation="raise", report_path="guard.json")
    model.fit(x_train, y_train, epochs=5, callbacks=[guard])
    print(guard.report["violations"])  # [] when the base stayed frozen
    ```
    """

    def __init__(
        self,
        watch=None,
        check_every="epoch",
        on_violation="warn",
        restore=False,
        report_path=None,
    ):
        super().__init__()
        self.watch = _check_watch(watch)
        self.check_every = check_epoch_or_batches("check_every", check_every)
        self.on_violation = check_choice("on_violation", on_violation, ACTIONS)
        if not isinstance(restore, bool):
            raise ValueError(f"`restore` must be True or False; received restore={restore!r}")
        self.restore = restore
        self.report_path = check_path("report_path", report_path)
        self._fingerprinter = _make_fingerprinter()
        self._memory: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._told_nothing_guarded: weakref.WeakSet = weakref.WeakSet()
        self.report: dict = {}

    # ------------------------------------------------------------------ hooks

    @never_crash_training
    def on_train_begin(self, logs=None):
        model = self.model
        self._epoch = self._batch = 0
        self._violations: dict[int, dict] = {}
        self._unmoved: dict[int, dict] = {}
        self._state_changed_ids: set[int] = set()
        self._guarded: list[_Guarded] = []
        self._trainable: list = []
        self.report = {
            "backend": keras.backend.backend(),
            "keras_version": keras.__version__,
            "model": model.name,
            "check_every": self.check_every,
            "snapshot_taken": "before the first step",
            "guarded": _guarded_summary([]),
            "trainable_state_changes": [],
            "violations": [],
            "unmoved_trainable": [],
        }
        # TensorFlow and torch build a subclassed model in its first step: its
        # variables do not exist yet, so the snapshot waits for that step.
        self._snapshot_pending = not _fully_built(model)
        if self._snapshot_pending:
            self.report["snapshot_taken"] = "after the first step, which built the model"
        else:
            self._take_snapshot(model)
        self._write_report()

    @never_crash_training
    def on_train_batch_begin(self, batch, logs=None):
        # Checking as batch `batch` begins sees the variables after `batch` steps of
        # this epoch. At batch end it would cost more: any on_train_batch_end makes
        # Keras wait for every step and turn its logs into Python numbers.
        if self._snapshot_pending:
            if _fully_built(self._model):
                self._take_snapshot(self.model)
        elif self.check_every != "epoch" and batch > 0 and batch % self.check_every == 0:
            self._batch = batch
            self._check_guarded(during_epoch=True)

    def _take_snapshot(self, model):
        self._snapshot_pending = False
        self._owners = _own_variable_owners(model)
        self._guarded = self._collect_guarded(model)
        self._trainable = list(model.trainable_variables)
        self.report["guarded"] = _guarded_summary(self._guarded)
        if not self._guarded and model not in self._told_nothing_guarded:
            self._told_nothing_guarded.add(model)
            warnings.warn(
                f"FrozenWeightsGuard: model '{model.name}' has no frozen layers and "
                "`watch` names nothing in it, so no weights are guarded.",
                UserWarning,
                stacklevel=2,
            )
        for entry in self._guarded:
            entry.snapshot = np.array(_to_numpy(entry.variable), copy=True)
        self._units = _fingerprint_units([g.variable for g in self._guarded])
        self._fingerprint_guarded = self._fingerprinter(
            [[self._guarded[i].variable for i in unit] for unit in self._units]
        )
        self._fingerprint_trainable = self._fingerprinter([[v] for v in self._trainable])
        self._baseline = self._fingerprint_guarded()
        self._trainable_fingerprints = self._fingerprint_trainable()
        self._check_trainable_state(model)

    @never_crash_training
    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    @never_crash_training
    def on_epoch_end(self, epoch, logs=None):
        if self._snapshot_pending:  # an epoch of one step built the model: start now
            self._take_snapshot(self.model)
            max_change = 0.0
        else:
            max_change = self._check_guarded(during_epoch=False)
            self._check_unmoved(epoch)
        if logs is not None:
            logs["frozen_weights_violations"] = len(self._violations)
            logs["frozen_weights_max_change"] = max_change
            logs["trainable_weights_unmoved"] = sum(
                1 for entry in self._unmoved.values() if epoch in entry["epochs"]
            )
        self._write_report()

    @never_crash_training
    def on_train_end(self, logs=None):
        model = self.model
        self._memory[model] = _ModelMemory(
            weakref.ref(model.train_function),
            frozenset(id(v) for v in model.trainable_variables),
        )
        self._write_report()

    # --------------------------------------------------------------- guarding

    def _collect_guarded(self, model) -> list[_Guarded]:
        not_guarded = {id(v) for v in model.metrics_variables}
        optimizer = getattr(model, "optimizer", None)
        if optimizer is not None:
            not_guarded.update(id(v) for v in optimizer.variables)
        guarded: dict[int, _Guarded] = {}

        def guard(variable, reason):
            if id(variable) not in not_guarded and id(variable) not in guarded:
                guarded[id(variable)] = _Guarded(variable, self._owner_path(variable), reason)

        for _, layer, frozen_by in _layers_with_model(model):
            if frozen_by is not None:
                for variable in _own_variables(layer):
                    guard(variable, "frozen")
        for layer in _called_with_training_false(model):
            for sublayer in [layer, *layer._flatten_layers(include_self=False)]:
                if isinstance(sublayer, keras.layers.BatchNormalization):
                    for variable in sublayer.non_trainable_weights:
                        guard(variable, "training_false_call")
        for variable in self._watched_variables(model):
            guard(variable, "watch")
        return list(guarded.values())

    def _watched_variables(self, model):
        patterns = [item for item in self.watch if isinstance(item, str)]
        for item in self.watch:
            if isinstance(item, keras.Variable):
                yield item
            elif isinstance(item, keras.layers.Layer):
                yield from item.weights
        if patterns:
            for variable in model.weights:
                names = (variable.path, f"{self._owner_path(variable)}/{variable.name}")
                if any(fnmatch.fnmatchcase(n, p) for n in names for p in patterns):
                    yield variable

    def _owner_path(self, variable) -> str:
        return self._owners.get(id(variable), variable.path.rpartition("/")[0])

    def _check_trainable_state(self, model):
        """Report a `trainable` change made after the train function or the
        optimizer was built, and what this backend does about it."""
        optimizer = getattr(model, "optimizer", None)
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)
        if optimizer is None or not optimizer.built:
            return
        built_ids = {id(v) for v in optimizer._trainable_variables}
        current_ids = {id(v) for v in model.trainable_variables}
        backend = keras.backend.backend()
        memory = self._memory.get(model)
        # Only TensorFlow traces the trainable variables into the train function;
        # JAX and torch read them at every step but need a matching optimizer.
        stale_function = backend == "tensorflow" and _train_function_traced(model, memory)
        if stale_function and memory is not None and memory.train_function() is model.train_function:
            reference_ids = set(memory.trainable_ids)
        else:
            reference_ids = built_ids
        variables = {id(v): v for v in model.weights}
        for change, ids in (
            ("frozen", reference_ids - current_ids),
            ("unfrozen", current_ids - reference_ids),
        ):
            ids = {i for i in ids if i in variables}
            if not ids:
                continue
            if getattr(optimizer, "use_ema", False):
                effect = "ema_value_error"
            elif stale_function:
                effect = "keeps_training" if change == "frozen" else "not_trained"
            elif backend == "jax" or (change == "unfrozen" and not ids <= built_ids):
                effect = "value_error"
            else:
                effect = "applied"
            layers = _changed_layers(model, ids, change)
            finding = {
                "change": change,
                "layers": layers,
                "variables": sorted(variables[i].path for i in ids),
                "effect": effect,
                "backend": backend,
            }
            self.report["trainable_state_changes"].append(finding)
            if effect == "applied":
                continue
            if change == "frozen":
                self._state_changed_ids |= _ids_of_layers_weights(model, layers)
            message = (
                f"FrozenWeightsGuard: {', '.join(repr(l) for l in layers)} "
                f"{'was' if len(layers) == 1 else 'were'} {change} after model "
                f"'{model.name}' was compiled or last trained. On {backend} this "
                f"{_EFFECTS[effect]}. Fix: {_FIX}."
            )
            finding["message"] = message
            self._act([message])

    def _check_guarded(self, *, during_epoch: bool) -> float:
        """Compare guarded variables with the snapshot; return the largest
        absolute change seen at this check."""
        if not self._guarded:
            return 0.0
        self.model  # On JAX, reading `model` syncs the training state into the variables.
        current = self._fingerprint_guarded()
        max_change = 0.0
        messages = []
        for unit in np.flatnonzero(current != self._baseline):
            restored = False
            for entry in (self._guarded[i] for i in self._units[unit]):
                value = _to_numpy(entry.variable)
                changed = (value != entry.snapshot) & ~(_isnan(value) & _isnan(entry.snapshot))
                if not changed.any():  # unchanged, or -0.0 vs 0.0 and NaN payloads only
                    continue
                delta = np.abs(value.astype(np.float64) - entry.snapshot.astype(np.float64))
                largest = float(np.nanmax(np.where(changed, delta, 0.0)))
                max_change = max(max_change, largest)
                message = self._record_violation(entry, largest, changed, during_epoch)
                if message:
                    messages.append(message)
                if self.restore:
                    entry.variable.assign(entry.snapshot)
                    self._violations[id(entry.variable)]["restored"] += 1
                    restored = True
            if not restored:
                # Report each change once; keep checking against the new value. After a
                # restore the unit is back to the snapshot's bits (if not, the next
                # check compares it exactly again and finds it unchanged).
                self._baseline[unit] = current[unit]
        if messages:
            self._act(messages)
        return max_change

    def _record_violation(self, entry, largest, changed, during_epoch) -> str | None:
        fraction = float(changed.mean())
        violation = self._violations.get(id(entry.variable))
        if violation is not None:
            violation["max_abs_change"] = max(violation["max_abs_change"], largest)
            violation["fraction_changed"] = max(violation["fraction_changed"], fraction)
            return None
        cause = self._likely_cause(entry)
        violation = {
            "variable": entry.variable.path,
            "layer": entry.layer,
            "guarded_because": entry.reason,
            "epoch": self._epoch,
            "step": self._batch if during_epoch else None,
            "max_abs_change": largest,
            "fraction_changed": fraction,
            "cause": cause,
            "explanation": _CAUSES[cause],
            "restored": 0,
        }
        self._violations[id(entry.variable)] = violation
        self.report["violations"].append(violation)
        when = f"epoch {self._epoch}" + (f", after step {self._batch}" if during_epoch else " (end)")
        return (
            f"FrozenWeightsGuard: guarded variable '{entry.variable.path}' of layer "
            f"'{entry.layer}' changed by up to {largest:.3g} in {int(changed.sum()):,} of its "
            f"{changed.size:,} elements (first seen at {when}). Likely cause: {_CAUSES[cause]}."
        )

    def _likely_cause(self, entry) -> str:
        variable = entry.variable
        optimizer = getattr(self.model, "optimizer", None)
        inner = getattr(optimizer, "inner_optimizer", optimizer)
        built_with = {id(v) for v in getattr(inner, "_trainable_variables", [])}
        if id(variable) in self._state_changed_ids:
            return "trainable_state"
        if entry.reason == "training_false_call":
            return "training_override"
        if entry.reason == "watch" and variable.trainable and id(variable) in built_with:
            return "trained"
        if _shared_with_another_model(self.model, entry.layer):
            return "shared_layer"
        return "assigned"

    def _check_unmoved(self, epoch):
        fingerprints = self._fingerprint_trainable()
        for variable, before, after in zip(
            self._trainable, self._trainable_fingerprints, fingerprints
        ):
            if before != after:
                continue
            entry = self._unmoved.get(id(variable))
            if entry is None:
                entry = {"variable": variable.path, "layer": self._owner_path(variable), "epochs": []}
                self._unmoved[id(variable)] = entry
                self.report["unmoved_trainable"].append(entry)
            entry["epochs"].append(epoch)
        newly = [e for e in self._unmoved.values() if e["epochs"] == [epoch]]
        if newly:
            warnings.warn(
                "FrozenWeightsGuard: trainable variables did not move at all during "
                f"epoch {epoch} (disconnected layer, zero gradients or an unintended "
                f"freeze?): {', '.join(e['variable'] for e in newly)}",
                UserWarning,
                stacklevel=2,
            )
        self._trainable_fingerprints = fingerprints

    def _act(self, messages: list[str]):
        message = "\n".join(messages)
        if self.on_violation == "raise":
            self._write_report()
            raise FrozenWeightsChanged(message)
        warnings.warn(message, UserWarning, stacklevel=3)
        if self.on_violation == "stop":
            self.model.stop_training = True

    def _write_report(self):
        if self.report_path:
            write_json_atomic(self.report_path, self.report)


# ---------------------------------------------------------------------- helpers


def _check_watch(watch) -> list:
    items = [] if watch is None else list(watch) if isinstance(watch, (list, tuple)) else [watch]
    for item in items:
        if not isinstance(item, (str, keras.Variable, keras.layers.Layer)) or item == "":
            raise ValueError(
                "`watch` must be a layer, a keras.Variable, a name pattern or a list of "
                f"those; received watch={watch!r}"
            )
    return items


def _fully_built(model) -> bool:
    return all(layer.built for layer in model._flatten_layers())


def _layers_with_model(model):
    yield model.name, model, None if model.trainable else model
    yield from walk_layers(model)


def _own_variables(layer) -> list:
    """The variables a layer created itself, without its sublayers' or its
    random seed state."""
    return list(layer._trainable_variables) + list(layer._non_trainable_variables)


def _own_variable_owners(model) -> dict[int, str]:
    owners = {}
    for path, layer, _ in _layers_with_model(model):
        for variable in _own_variables(layer):
            owners.setdefault(id(variable), path)
    return owners


def _functional_nodes(model):
    for _, layer, _ in _layers_with_model(model):
        # A Sequential keeps its graph in a Functional of its own.
        graph = getattr(layer, "_functional", None) or layer
        for nodes in getattr(graph, "_nodes_by_depth", {}).values():
            yield from nodes


def _called_with_training_false(model):
    seen = set()
    for node in _functional_nodes(model):
        layer = node.operation
        if node.arguments.kwargs.get("training") is False and id(layer) not in seen:
            seen.add(id(layer))
            yield layer


def _train_function_traced(model, memory) -> bool:
    """TensorFlow: whether `model.train_function` was traced already, which fixed
    the variables it trains. compile() replaces it with an untraced one."""
    if model.run_eagerly:
        return False
    counts = []
    for cell in getattr(model.train_function, "__closure__", None) or ():
        with contextlib.suppress(ValueError):  # an empty cell
            tracing_count = getattr(cell.cell_contents, "experimental_get_tracing_count", None)
            if tracing_count is not None:
                counts.append(tracing_count())
    if counts:
        return any(counts)
    # Another Keras layout: traced if it is the one the last watched fit() used.
    return memory is None or memory.train_function() is model.train_function


def _shared_with_another_model(model, layer_path: str) -> bool:
    layers = {path: layer for path, layer, _ in _layers_with_model(model)}
    layer = layers.get(layer_path)
    if layer is None:
        return False
    own_nodes = {id(node) for node in _functional_nodes(model)}
    return any(id(node) not in own_nodes for node in getattr(layer, "_inbound_nodes", []))


def _changed_layers(model, ids: set[int], change: str) -> list[str]:
    """Name the layers whose `trainable` flag changed: for a freeze the
    outermost frozen layer, for an unfreeze the layers that own the variables."""
    names = []
    for path, layer, frozen_by in _layers_with_model(model):
        if any(id(v) in ids for v in _own_variables(layer)):
            if change == "frozen":
                name = next(p for p, l, _ in _layers_with_model(model) if l is frozen_by)
            else:
                name = path
            if name not in names:
                names.append(name)
    return names


def _ids_of_layers_weights(model, layer_paths: list[str]) -> set[int]:
    layers = {path: layer for path, layer, _ in _layers_with_model(model)}
    return {id(v) for path in layer_paths for v in layers[path].weights}


def _guarded_summary(guarded: list[_Guarded]) -> dict:
    sizes = [int(np.prod(g.variable.shape)) for g in guarded]
    itemsizes = [np.dtype(keras.backend.standardize_dtype(g.variable.dtype)).itemsize for g in guarded]
    return {
        "variables": len(guarded),
        "parameters": int(sum(sizes)),
        "snapshot_bytes": int(sum(s * i for s, i in zip(sizes, itemsizes))),
        "layers": sorted({g.layer for g in guarded}),
        "by_reason": {
            reason: sum(1 for g in guarded if g.reason == reason)
            for reason in sorted({g.reason for g in guarded})
        },
    }


def _to_numpy(tensor) -> np.ndarray:
    with _quiet_numpy_copy_warning():
        return np.asarray(ops.convert_to_numpy(tensor))


@contextlib.contextmanager
def _quiet_numpy_copy_warning():
    with warnings.catch_warnings():
        # Keras 3.15 converts TF and torch tensors with numpy 1 calls that numpy 2
        # answers with a DeprecationWarning on every read; the values are right.
        warnings.filterwarnings("ignore", message="__array__ implementation")
        yield


def _isnan(array: np.ndarray) -> np.ndarray:
    if np.issubdtype(array.dtype, np.inexact):
        return np.isnan(array)
    return np.zeros(array.shape, dtype=bool)


def _fingerprint_tensor(x):
    """Mix the bits of every element into one int32 so that any change of any
    element changes the result (up to 1 in 2**32 collisions)."""
    dtype = keras.backend.standardize_dtype(x.dtype)
    x = ops.reshape(x, (-1,))
    if dtype in ("float16", "bfloat16"):
        bits = ops.cast(ops.view(x, "int16"), "int32")
    elif dtype == "float32":
        bits = ops.view(x, "int32")
    elif dtype == "float64":
        bits = ops.view(x, "int64")
    else:
        bits = ops.cast(x, "int64" if dtype in ("int64", "uint64", "uint32") else "int32")
    if keras.backend.standardize_dtype(bits.dtype) == "int64":
        bits = ops.cast(ops.bitwise_xor(bits, ops.right_shift(bits, 32)), "int32")
    mixed = ops.multiply(ops.bitwise_xor(bits, ops.right_shift(bits, 16)), 0x45D9F3B)
    return ops.sum(mixed)


_SMALL_VARIABLE = 4096
_GROUP_MEMBERS = 32  # bounds the exact comparisons that one changed variable causes


def _fingerprint_units(variables) -> list[list[int]]:
    """Split variable indices into units fingerprinted as one: each large variable
    alone, small ones in groups of one dtype. A frozen MobileNetV2 has 226
    variables of at most 4096 values (four per BatchNormalization layer): grouped,
    a check costs a fifth less on JAX and torch (TensorFlow's cost is in reading
    the variables, which grouping leaves as it is). A group that changed is
    compared exactly member by member."""
    units, open_groups = [], {}
    for index, variable in enumerate(variables):
        if int(np.prod(variable.shape)) > _SMALL_VARIABLE:
            units.append([index])
            continue
        dtype = keras.backend.standardize_dtype(variable.dtype)
        group = open_groups.get(dtype)
        if group is None or len(group) == _GROUP_MEMBERS:
            group = open_groups[dtype] = []
            units.append(group)
        group.append(index)
    return units


def _make_fingerprinter():
    """Return fingerprinter(units) -> fingerprints() -> np.ndarray: one int32 per
    unit (a list of variables of one dtype) in one device call and one host
    transfer. Compiled functions are cached, so later fits reuse them."""
    backend = keras.backend.backend()

    def flat(values):
        flattened = [ops.reshape(v, (-1,)) for v in values]
        return flattened[0] if len(flattened) == 1 else ops.concatenate(flattened)

    def fingerprints(units):
        return ops.stack([ops.cast(_fingerprint_tensor(flat(unit)), "int32") for unit in units])

    if backend == "tensorflow":
        import tensorflow as tf

        def compile_for(units):
            # Reading captured variables, not arguments: passing hundreds of
            # variables into a tf.function costs more than fingerprinting them. And
            # calling the concrete function: tf.function's dispatch hashes every
            # captured variable at each call, a quarter of the check's time.
            return tf.function(
                lambda: fingerprints([[v.value for v in unit] for unit in units]),
                jit_compile=True,
                autograph=False,
            ).get_concrete_function()

    else:
        if backend == "jax":
            import jax

            compiled = jax.jit(fingerprints)  # caches one trace per list signature
        elif backend == "torch":
            import torch

            def torch_fingerprint(x):
                # The float32 case of _fingerprint_tensor in plain torch: eager keras.ops
                # calls cost a dispatch each, 3x the time over a few hundred variables.
                if x.dtype != torch.float32:
                    return _fingerprint_tensor(x).to(torch.int64)
                bits = x.reshape(-1).view(torch.int32)
                return ((bits ^ (bits >> 16)) * 0x45D9F3B).sum(dtype=torch.int64)

            def compiled(units):
                with torch.no_grad():
                    return torch.stack([torch_fingerprint(flat([v.detach() for v in unit])) for unit in units])

        else:
            compiled = fingerprints

        def compile_for(units):
            return lambda: compiled([[v.value for v in unit] for unit in units])

    by_units: dict[tuple, Any] = {}

    def fingerprinter(units):
        if not units:
            return lambda: np.zeros((0,), dtype=np.int32)
        key = tuple(tuple(id(v) for v in unit) for unit in units)
        if key not in by_units:
            if len(by_units) >= 16:  # a guard reused across many models
                by_units.clear()
            by_units[key] = compile_for([list(unit) for unit in units])
        compiled_units = by_units[key]

        def run() -> np.ndarray:
            with _quiet_numpy_copy_warning():
                return _to_numpy(compiled_units())

        return run

    return fingerprinter
