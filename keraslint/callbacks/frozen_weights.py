"""FrozenWeightsGuard: prove that frozen weights stay frozen during ``fit()``."""

from __future__ import annotations

import contextlib
import fnmatch
import warnings
import weakref
from dataclasses import dataclass
from typing import Any, Callable

import keras
import numpy as np
from keras import ops

from keraslint import accounting
from keraslint.callbacks import _guard_causes as causes
from keraslint.callbacks._base import MAX_UNREAD, KeraslintCallback, LiveValues, is_ready, renamed_argument, warn_user
from keraslint.callbacks._common import KeraslintCallbackError


class FrozenWeightsChanged(KeraslintCallbackError):
    """Raised by `FrozenWeightsGuard(on_problem="raise")` when a guarded
    variable changed during training, or will change because the trainable
    state no longer matches the one the model was compiled with."""


@dataclass
class _Guarded:
    variable: Any
    layer: str
    reason: str  # "frozen", "training_false_call" or "watch"
    # The frozen layer or model, the layer called with training=False, or for a
    # watched variable its own layer: one warning per group and cause.
    group: str
    snapshot: np.ndarray | None = None


@dataclass
class _ModelMemory:
    """What the guard saw when it last trained a model."""

    train_function: Any  # weakref to model.train_function at on_train_end
    trainable_ids: frozenset


@dataclass
class _Pending:
    """Fingerprints dispatched at a check and not read yet."""

    epoch: int
    step: int | None
    fingerprints: Any  # a device tensor


class FrozenWeightsGuard(KeraslintCallback):
    """Checks that frozen weights stay frozen while the model trains.

    The guard snapshots every variable of a frozen layer (its own `trainable` is
    False, or an enclosing model's is) when training begins, the moving
    statistics of BatchNormalization layers that a functional model calls with
    `training=False`, and whatever `watch` names. It then compares the live
    variables with the snapshot at the end of every epoch, or every
    `every` batches. The routine check is one compiled device call that
    fingerprints every large variable and every group of small ones. Within an
    epoch its result is read as the next batch begins, so training never waits
    for the step it just launched; the exact difference is computed only where
    a fingerprint changed, and a change is still dated to the check that first
    saw it.

    Before the first step it also compares the trainable state with the one the
    model was compiled or last trained with, and says what this backend will do
    about a difference: TensorFlow keeps training a layer frozen after the first
    `fit()`, JAX raises a `ValueError`, torch applies the change.

    Trainable variables that did not move at all during an epoch (disconnected
    layers, zero gradients, an unintended freeze) are listed as warnings in the
    report. Each problem is one warning per fit (per cause and frozen layer or
    model), pointing at the `fit()` call; the per-variable detail is in the
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
        every: `"epoch"` to check at the end of every epoch, or a positive
            integer N to check also after every N batches of each epoch. A
            violation's `step` is the number of batches of its epoch done when
            it was seen. The check's result is read one batch later (or at
            the epoch's end), so `"stop"`, `"raise"` and `restore` act then.
            Defaults to `"epoch"`. (`check_every` is its deprecated name.)
        on_problem: What to do when a guarded variable changed: `"warn"`,
            `"stop"` (sets `model.stop_training`) or `"raise"` (raises
            `FrozenWeightsChanged`). Defaults to `"warn"`. (`on_violation` is
            its deprecated name.)
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

    guard = FrozenWeightsGuard(on_problem="raise", report_path="guard.json")
    model.fit(x_train, y_train, epochs=5, callbacks=[guard])
    print(guard.report["violations"])  # [] when the base stayed frozen
    ```
    """

    problem_error = FrozenWeightsChanged

    def __init__(
        self,
        watch=None,
        every="epoch",
        on_problem="warn",
        restore=False,
        report_path=None,
        *,
        check_every=None,
        on_violation=None,
    ):
        super().__init__(
            every=renamed_argument("every", every, "check_every", check_every, "epoch"),
            on_problem=renamed_argument("on_problem", on_problem, "on_violation", on_violation, "warn"),
            report_path=report_path,
        )
        self.watch = _check_watch(watch)
        if not isinstance(restore, bool):
            raise ValueError(f"`restore` must be True or False; received restore={restore!r}")
        self.restore = restore
        self._fingerprinter = _make_fingerprinter()
        self._memory: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._told_watch_unmatched: weakref.WeakSet = weakref.WeakSet()
        self.report: dict = {}

    # ------------------------------------------------------------------ hooks

    def _reset(self):
        self._epoch = 0
        self._violations: dict[int, dict] = {}
        self._warned: set[tuple[str, str]] = set()
        self._unmoved: dict[int, dict] = {}
        self._state_changed_ids: set[int] = set()
        # A TensorFlow freeze behind a traced train function, told only once a
        # step shows whether fit() reused that trace: (finding, tracing count).
        self._unconfirmed_freeze: tuple[dict, int] | None = None
        self._guarded: list[_Guarded] = []
        self._trainable: list = []
        self._pending: list[_Pending] = []
        self.report = {
            "backend": keras.backend.backend(),
            "keras_version": keras.__version__,
            "model": self._model.name,
            "every": self.every,
            "snapshot_taken": "before the first step",
            "guarded": _guarded_summary([]),
            "trainable_state_changes": [],
            "violations": [],
            "unmoved_trainable": [],
            # What the checks within epochs cost: compiled device calls dispatched
            # and host reads of their results, each read a batch after its dispatch.
            "cost": {"batch_checks": 0, "device_calls": 0, "host_reads": 0},
        }

    def _begin_training(self):
        model = self.model
        # TensorFlow and torch build a subclassed model in its first step: its
        # variables do not exist yet, so the snapshot waits for that step.
        self._snapshot_pending = not _fully_built(model)
        if self._snapshot_pending:
            self.report["snapshot_taken"] = "after the first step, which built the model"
        else:
            self._take_snapshot(model)
        self._write_report()

    def on_train_batch_begin(self, batch, logs=None):
        # Checking as batch `batch` begins sees the variables after `batch` steps
        # of this epoch; at batch end it would cost more (see KeraslintCallback).
        if self._snapshot_pending:
            if _fully_built(self._model):
                self._take_snapshot(self.model)
            return
        if self._unconfirmed_freeze is not None and batch > 0:
            self._confirm_freeze()
        # To stop, raise or restore, act a batch after the check; to warn, read a
        # result only once the device has computed it.
        self._read_pending(wait=self.on_problem != "warn" or self.restore)
        if self.every != "epoch" and batch > 0 and batch % self.every == 0 and self._guarded:
            self.report["cost"]["batch_checks"] += 1
            self.report["cost"]["device_calls"] += 1
            self._pending.append(_Pending(self._epoch, batch, self._dispatch_guarded()))

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        if self._unconfirmed_freeze is not None:
            self._confirm_freeze()
        if self._snapshot_pending:  # an epoch of one step built the model: start now
            self._take_snapshot(self.model)
            max_change = 0.0
        else:
            # Keras has waited for the epoch's steps already: reading now stalls nothing.
            if self._guarded:
                self._pending.append(_Pending(epoch, None, self._dispatch_guarded()))
            max_change = self._read_pending(wait=True)
            self._check_unmoved(epoch)
        if logs is not None:
            logs["frozen_weights_violations"] = len(self._violations)
            logs["frozen_weights_max_change"] = max_change
            logs["trainable_weights_unmoved"] = sum(
                1 for entry in self._unmoved.values() if epoch in entry["epochs"]
            )
        self._write_report()

    def on_train_end(self, logs=None):
        if self._unconfirmed_freeze is not None:
            self._confirm_freeze()
        model = self.model
        self._memory[model] = _ModelMemory(
            weakref.ref(model.train_function),
            frozenset(id(v) for v in model.trainable_variables),
        )
        self._write_report()

    def _file_report(self) -> dict:
        return self.report

    def _take_snapshot(self, model):
        self._snapshot_pending = False
        self._walked = accounting.walk_layers(model)
        self._owners = {id(v): w.path for w in self._walked for v, _ in w.owned}
        self._guarded = self._collect_guarded(model)
        self._trainable = list(model.trainable_variables)
        self.report["guarded"] = _guarded_summary(self._guarded)
        # A model with nothing frozen has nothing to guard: correct code stays
        # silent (the report says so). A `watch` that names nothing is a mistake.
        if self.watch and not any(g.reason == "watch" for g in self._guarded) and model not in self._told_watch_unmatched:
            self._told_watch_unmatched.add(model)
            warn_user(
                f"FrozenWeightsGuard: `watch` names nothing in model '{model.name}': "
                f"watch={self.watch!r}."
            )
        for entry in self._guarded:
            entry.snapshot = np.array(_to_numpy(entry.variable), copy=True)
        self._units = _fingerprint_units([g.variable for g in self._guarded])
        self._dispatch_guarded = self._fingerprinter(
            model, [[self._guarded[i].variable for i in unit] for unit in self._units]
        )
        self._dispatch_trainable = self._fingerprinter(model, [[v] for v in self._trainable])
        self._baseline = _to_numpy(self._dispatch_guarded())
        self._trainable_fingerprints = _to_numpy(self._dispatch_trainable())
        self._check_trainable_state(model)

    # --------------------------------------------------------------- guarding

    def _collect_guarded(self, model) -> list[_Guarded]:
        not_guarded = {id(v) for v in model.metrics_variables}
        optimizer = getattr(model, "optimizer", None)
        if optimizer is not None:
            not_guarded.update(id(v) for v in optimizer.variables)
        guarded: dict[int, _Guarded] = {}

        def guard(variable, reason, group=None):
            if id(variable) not in not_guarded and id(variable) not in guarded:
                layer = self._owner_path(variable)
                guarded[id(variable)] = _Guarded(variable, layer, reason, group or layer)

        for walked in self._walked:
            if walked.freezer is not None:
                for variable, _ in walked.owned:
                    guard(variable, "frozen", walked.freezer_path)
        layers = {id(w.layer): w.layer for w in self._walked}
        for layer_id, path in accounting.called_with_training_false(self._walked).items():
            layer = layers[layer_id]
            for sublayer in [layer, *layer._flatten_layers(include_self=False)]:
                if isinstance(sublayer, keras.layers.BatchNormalization):
                    for variable in sublayer.non_trainable_weights:
                        guard(variable, "training_false_call", path)
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
            layers = self._changed_layers(ids, change)
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
                walked = {w.path: w.layer for w in self._walked}
                self._state_changed_ids |= {id(v) for path in layers for v in walked[path].weights}
            finding["message"] = causes.state_change_message(layers, change, model.name, backend, effect)
            tracing_count = _tracing_count(model)
            if effect == "keeps_training" and tracing_count is not None:
                # Data of a shape the trace has not seen makes fit() trace again,
                # with the current trainable variables: the freeze then holds.
                self._unconfirmed_freeze = (finding, tracing_count)
                continue
            self._tell_state_change(finding)

    def _tell_state_change(self, finding: dict):
        # The changes this freeze lets through have no warning of their own: this one names them.
        if finding["effect"] == "keeps_training":
            self._warned.update((layer, "trainable_state") for layer in finding["layers"])
        self._problem(finding["message"])

    def _confirm_freeze(self):
        """Tell the freeze behind a traced train function if the steps so far
        reused that trace; record it as applied if fit() traced anew."""
        finding, tracing_count = self._unconfirmed_freeze
        self._unconfirmed_freeze = None
        if _tracing_count(self.model) == tracing_count:
            self._tell_state_change(finding)
        else:
            finding["effect"] = "retraced"
            del finding["message"]

    def _changed_layers(self, ids: set[int], change: str) -> list[str]:
        """Name the layers whose `trainable` flag changed: for a freeze the
        outermost frozen layer, for an unfreeze the layers that own the variables."""
        names = []
        for walked in self._walked:
            if any(id(v) in ids for v, _ in walked.owned):
                name = walked.freezer_path if change == "frozen" and walked.freezer is not None else walked.path
                if name not in names:
                    names.append(name)
        return names

    def _read_pending(self, *, wait: bool) -> float:
        """Compare the pending fingerprints, oldest first, with the baseline: all of
        them if ``wait``, else those the device has computed. Return the largest
        absolute change seen."""
        max_change = 0.0
        while self._pending and (wait or len(self._pending) > MAX_UNREAD or is_ready(self._pending[0].fingerprints)):
            max_change = max(max_change, self._compare(self._pending.pop(0)))
        return max_change

    def _compare(self, pending: _Pending) -> float:
        """Where a unit's fingerprint changed, compare its variables exactly with
        the snapshot. Return the largest absolute change seen."""
        current = _to_numpy(pending.fingerprints)
        if pending.step is not None:
            self.report["cost"]["host_reads"] += 1
        changed_units = np.flatnonzero(current != self._baseline)
        if not changed_units.size:
            return 0.0
        self.model  # On JAX, reading `model` syncs the training state into the variables.
        max_change, new = 0.0, []
        for unit in changed_units:
            restored = False
            for entry in (self._guarded[i] for i in self._units[unit]):
                value = _to_numpy(entry.variable)
                changed = (value != entry.snapshot) & ~(_isnan(value) & _isnan(entry.snapshot))
                if not changed.any():  # unchanged, or -0.0 vs 0.0 and NaN payloads only
                    continue
                delta = np.abs(value.astype(np.float64) - entry.snapshot.astype(np.float64))
                largest = float(np.nanmax(np.where(changed, delta, 0.0)))
                max_change = max(max_change, largest)
                violation = self._record_violation(entry, largest, changed, pending)
                if violation is not None:
                    new.append((entry, violation))
                if self.restore:
                    entry.variable.assign(entry.snapshot)
                    self._violations[id(entry.variable)]["restored"] += 1
                    restored = True
            if not restored:
                # Report each change once; keep checking against the new value. After a
                # restore the unit is back to the snapshot's bits (if not, the next
                # check compares it exactly again and finds it unchanged).
                self._baseline[unit] = current[unit]
        self._warn_groups(new)
        return max_change

    def _record_violation(self, entry, largest, changed, pending: _Pending) -> dict | None:
        """Record a variable's first change (returned) or update its figures."""
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
            "group": entry.group,
            "guarded_because": entry.reason,
            "epoch": pending.epoch,
            "step": pending.step,
            "max_abs_change": largest,
            "fraction_changed": fraction,
            "elements_changed": int(changed.sum()),
            "elements": int(changed.size),
            "cause": cause,
            "explanation": causes.CAUSES[cause],
            "restored": 0,
        }
        self._violations[id(entry.variable)] = violation
        self.report["violations"].append(violation)
        return violation

    def _warn_groups(self, new: list[tuple[_Guarded, dict]]):
        """One warning per frozen layer (or model) and cause, once per fit."""
        groups: dict[tuple[str, str], list[dict]] = {}
        for entry, violation in new:
            groups.setdefault((entry.group, violation["cause"]), []).append(violation)
        messages = []
        for (group, cause), violations in groups.items():
            if (group, cause) in self._warned:
                continue
            self._warned.add((group, cause))
            messages.append(causes.group_message(group, violations, self.report_path))
        if messages:
            self._problem("\n".join(messages))

    def _likely_cause(self, entry) -> str:
        optimizer = getattr(self.model, "optimizer", None)
        inner = getattr(optimizer, "inner_optimizer", optimizer)
        walked = next((w for w in self._walked if w.path == entry.layer), None)
        layer = walked.layer if walked else None
        own_nodes = set()
        for w in self._walked:
            graph = getattr(w.layer, "_functional", None) or w.layer
            for nodes in getattr(graph, "_nodes_by_depth", {}).values():
                own_nodes.update(id(node) for node in nodes)
        return causes.likely_cause(
            entry,
            state_changed=id(entry.variable) in self._state_changed_ids,
            built_with={id(v) for v in getattr(inner, "_trainable_variables", [])},
            shared=layer is not None and causes.shared_with_another_model(layer, own_nodes),
            trainable_bn=isinstance(layer, keras.layers.BatchNormalization)
            and walked.freezer is None,
        )

    def _check_unmoved(self, epoch):
        fingerprints = _to_numpy(self._dispatch_trainable())
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
            warn_user(causes.unmoved_message(epoch, newly))
        self._trainable_fingerprints = fingerprints


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


def _train_function_traced(model, memory) -> bool:
    """TensorFlow: whether `model.train_function` was traced already, which fixed
    the variables it trains. compile() replaces it with an untraced one."""
    if model.run_eagerly:
        return False
    count = _tracing_count(model)
    if count is not None:
        return count > 0
    # Another Keras layout: traced if it is the one the last watched fit() used.
    return memory is None or memory.train_function() is model.train_function


def _tracing_count(model) -> int | None:
    """TensorFlow: how often the tf.functions behind `model.train_function` were
    traced; None where this Keras keeps them elsewhere."""
    counts = []
    for cell in getattr(model.train_function, "__closure__", None) or ():
        with contextlib.suppress(ValueError):  # an empty cell
            tracing_count = getattr(cell.cell_contents, "experimental_get_tracing_count", None)
            if tracing_count is not None:
                counts.append(tracing_count())
    return sum(counts) if counts else None


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
        return np.array(ops.convert_to_numpy(tensor))


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


# Elements per fused torch pass: bounds its temporaries (about 24 bytes per element).
_TORCH_CHUNK = 1 << 22


def _torch_fingerprinter(units) -> Callable[[list], Any]:
    """values by unit -> one int64 per unit, in a fixed handful of torch kernels
    however many units: the float32 units are concatenated, mixed and summed by a
    cumulative sum read at each unit's end. Eager torch launches a kernel per
    operation, and a few per unit came to hundreds per check. The index tensors
    are made on the device once, not copied there at every check."""
    import torch

    sizes = [sum(int(np.prod(v.shape)) for v in unit) for unit in units]
    float32 = [i for i, unit in enumerate(units) if keras.backend.standardize_dtype(unit[0].dtype) == "float32"]
    chunks, chunk, size = [], [], 0
    for i in float32:
        chunk.append(i)
        size += sizes[i]
        if size >= _TORCH_CHUNK:
            chunks.append(chunk)
            chunk, size = [], 0
    if chunk:
        chunks.append(chunk)
    others = sorted(set(range(len(units))) - set(float32))
    device = units[0][0].value.device
    indices = [
        (torch.tensor(chunk, device=device), torch.tensor(np.cumsum([sizes[i] for i in chunk]) - 1, device=device))
        for chunk in chunks
    ]

    def fingerprints(values):
        with torch.no_grad():
            sums = torch.zeros(len(units), dtype=torch.int64, device=device)
            for chunk, (positions, ends) in zip(chunks, indices):
                flat = torch.cat([v.detach().reshape(-1) for i in chunk for v in values[i]]).view(torch.int32)
                totals = ((flat ^ (flat >> 16)) * 0x45D9F3B).to(torch.int64).cumsum(0)[ends]
                sums[positions] = totals - torch.cat([totals.new_zeros(1), totals[:-1]])
            for i in others:
                sums[i] = _fingerprint_tensor(torch.cat([v.detach().reshape(-1) for v in values[i]])).to(torch.int64)
            return sums

    return fingerprints


def _make_fingerprinter():
    """Return fingerprinter(model, units) -> dispatch() -> device tensor: one
    fingerprint per unit (a list of variables of one dtype) in one device call,
    read by the caller when it suits it. Compiled functions are cached, so later
    fits reuse them."""
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
            function = tf.function(
                lambda: fingerprints([[v.value for v in unit] for unit in units]),
                jit_compile=True,
                autograph=False,
            ).get_concrete_function()
            return lambda values: function()

    else:
        if backend == "jax":
            import jax

            compiled = jax.jit(fingerprints)  # caches one trace per list signature
        else:
            compiled = fingerprints

        def compile_for(units):
            return _torch_fingerprinter(units) if backend == "torch" else compiled

    by_units: dict[tuple, Callable] = {}

    def fingerprinter(model, units) -> Callable[[], Any]:
        if not units:
            return lambda: np.zeros((0,), dtype=np.int32)
        key = tuple(tuple(id(v) for v in unit) for unit in units)
        if key not in by_units:
            if len(by_units) >= 16:  # a guard reused across many models
                by_units.clear()
            by_units[key] = compile_for([list(unit) for unit in units])
        compiled_units = by_units[key]
        live = LiveValues(model, [v for unit in units for v in unit])
        bounds = np.cumsum([0] + [len(unit) for unit in units])

        def dispatch():
            values = live.values()
            return compiled_units([values[a:b] for a, b in zip(bounds[:-1], bounds[1:])])

        return dispatch

    return fingerprinter
