"""BatchNormMonitor: records BatchNormalization moving statistics during ``fit()``
and diagnoses the classic ways they go wrong."""

from __future__ import annotations

import functools
import importlib.util
import math
import time
from typing import Any, Callable

import keras
import numpy as np
from keras import ops

from keraslint import accounting
from keraslint.callbacks import _bn_diagnoses as diag
from keraslint.callbacks import _bn_probe as probe
from keraslint.callbacks._base import MAX_UNREAD, KeraslintCallback, LiveValues, is_ready, warn_user
from keraslint.callbacks._common import (
    KeraslintCallbackError,
    check_choice,
    check_path,
    check_positive_float,
    check_positive_int,
)


class BatchNormProblem(KeraslintCallbackError):
    """Raised by `BatchNormMonitor(on_problem="raise")` when it finds a problem."""


class _UnknownLayers(KeraslintCallbackError, ValueError):
    """`layers=` names no BatchNormalization layer; a ValueError that the
    never-crash guard lets through, since only the model can tell."""


class BatchNormReport(dict):
    """The monitor's findings as a plain, JSON-ready dict that prints as a table."""

    def __str__(self) -> str:
        layers = self["layers"]
        if not layers:
            return "BatchNormMonitor: the model has no BatchNormalization layer."
        width = max(len("layer"), *(len(p) for p in layers))
        lines = [
            f"BatchNormMonitor: {len(layers)} BatchNormalization layer(s), "
            f"{self['problem_count']} problem(s) after {self['steps']} step(s)",
            f"{'layer':<{width}}  {'mode':<14} {'momentum':>8} {'drift':>7} {'gap':>6}  problems",
        ]
        for path, info in layers.items():
            final = info["final"]
            lines.append(
                f"{path:<{width}}  {info['mode']:<14} {info['momentum']:>8g} "
                f"{_fmt(final['drift']):>7} {_fmt(final['mean_shift']):>6}  "
                f"{', '.join(info['problems']) or '-'}"
            )
        lines += [f"- {f['message']}" for code in diag.CODES for f in self["diagnoses"][code]]
        return "\n".join(lines)


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def _finite_or_none(value):
    """JSON has no NaN or Infinity: report them as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite_or_none(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_none(v) for v in value]
    return value


def _concatenator() -> Callable[[list], Any]:
    """values -> one float32 vector, as one compiled device call on JAX (eager,
    a cast and a copy per variable each cost a dispatch)."""

    def concatenate(values):
        return ops.concatenate([ops.cast(v, "float32") for v in values])

    if keras.backend.backend() == "jax":
        import jax

        return jax.jit(concatenate)
    return concatenate


def _announcing_findings(hook):
    """Warn about what a hook found once it is done, one warning per diagnosis."""

    @functools.wraps(hook)
    def wrapper(self, *args, **kwargs):
        result = hook(self, *args, **kwargs)
        if self._unannounced:
            self._announce()
        return result

    return wrapper


class BatchNormMonitor(KeraslintCallback):
    """Track BatchNormalization moving statistics during `fit()` and diagnose them.

    BatchNormalization keeps a moving mean and variance that only inference uses,
    so problems with them are invisible in the training logs: a model that scores
    well in `fit()` and badly in `evaluate()` on the same data, a fine-tuned
    pretrained base that collapses, NaN from a batch of one. This callback finds
    every BatchNormalization layer of the model (in nested and subclassed models
    too), records its moving statistics every epoch or every `every` batches, and
    reports these problems:

    - `bn-stats-not-updating`: a trainable layer run in training mode whose
      statistics did not change.
    - `bn-stats-updating-while-frozen`: a frozen layer, or one called with
      `training=False`, whose statistics changed anyway.
    - `bn-not-converged`: momentum too high for the planned number of steps
      (predicted when training starts, confirmed from the remaining drift when it
      ends).
    - `bn-train-inference-gap`: on `probe_data`, batch statistics of layers that
      train far from their moving statistics: a fit()/evaluate() gap (needs
      `probe_data`).
    - `bn-input-mismatch`: on `probe_data`, the inputs of frozen layers far from
      the statistics they were frozen with: data not preprocessed as the
      pretrained model expects (needs `probe_data`).
    - `bn-nonfinite`: NaN or Inf in the moving statistics.
    - `bn-variance-collapse`: channels whose moving variance sits near epsilon.
    - `bn-wrong-axis`: a spatial or time axis normalized instead of channels.
    - `bn-small-batch`: too few values per channel for stable batch statistics.
    - `bn-dtype`: moving statistics not kept in float32.

    Each problem is recorded once per layer and fit in `report`, and announced
    once per diagnosis and fit (naming the layers with a count) as a warning
    that points at the `fit()` call, by stopping training or by raising
    `BatchNormProblem` (see `on_problem`). At each epoch
    end the callback adds `bn_drift/<layer>` (how far the statistics moved, in
    standard deviations) and, with `probe_data`, `bn_gap/<layer>` and
    `bn_output_gap` to `logs`, so `History`, `CSVLogger` and `TensorBoard`
    record them; put it before those callbacks in the list.

    Args:
        probe_data: Optional input batch (a few hundred samples of validation
            data, in the form `model(probe_data)` accepts) used at each epoch
            end to compare batch statistics with moving statistics and the
            model's output in training mode with inference mode.
        probe_budget: Largest fraction of the training time that the probe may
            take. The probe runs at every epoch end while it fits in this
            budget, less often when it does not, and always after the last
            epoch. On TensorFlow and JAX its forward passes are compiled at the
            first probe of each fit, a one-off cost left out of the budget.
            Defaults to `0.01`.
        layers: Optional list of names or "/"-joined paths (e.g.
            `"resnet50/conv1_bn"`) of the BatchNormalization layers to watch.
            Defaults to all of them.
        every: `"epoch"` (default) or a positive integer: record the moving
            statistics every that many batches as well.
        on_problem: `"warn"` (default), `"stop"` (warn and stop training after
            the current step) or `"raise"` (raise `BatchNormProblem`).
        converge_tolerance: Largest acceptable fraction of the initial moving
            mean/variance left at the end of training. Defaults to `0.05`.
        drift_tolerance: Statistics moving more than this (in standard
            deviations, or in |log variance ratio|) over the last epoch are
            still converging. Defaults to `0.1`.
        max_mean_shift: Largest acceptable shift between batch and moving means
            on `probe_data`, in moving standard deviations. Defaults to `0.5`.
        max_variance_ratio: Largest acceptable ratio (either way) between batch
            and moving variances on `probe_data`. Defaults to `2.0`.
        dead_variance_factor: A channel is dead when its moving variance is
            below this many times the layer's epsilon. Defaults to `10.0`.
        max_dead_fraction: Report layers where at least this fraction of the
            channels is dead. Defaults to `0.1`.
        min_batch_values: Fewest values per channel (per-replica batch size
            times positions) for stable batch statistics. Defaults to `16`.
        report_path: Optional path of a JSON file written at the end of
            training with the report and the history.
        plot_path: Optional path of a PNG written at the end of training with
            each layer's moving mean and variance over time and the
            train/inference gap. Needs matplotlib (`pip install keraslint[plot]`).
        verbose: `0` (default) or `1`: print a table at the end of training.

    Attributes:
        report: A `dict` with per-layer figures (`report["layers"]`) and the
            findings of each diagnosis (`report["diagnoses"]`); prints as a
            table.
        history: Trajectories: the channel-averaged moving mean and variance of
            each layer at each record, and the per-epoch drift and gaps.

    Example:

    ```python
    monitor = keraslint.callbacks.BatchNormMonitor(probe_data=x_val[:256])
    model.fit(x, y, epochs=5, callbacks=[monitor])
    print(monitor.report)
    for finding in monitor.report["diagnoses"]["bn-train-inference-gap"]:
        print(finding["message"])
    ```
    """

    problem_error = BatchNormProblem

    def __init__(
        self,
        probe_data=None,
        layers=None,
        every="epoch",
        probe_budget=0.01,
        on_problem="warn",
        converge_tolerance=0.05,
        drift_tolerance=0.1,
        max_mean_shift=0.5,
        max_variance_ratio=2.0,
        dead_variance_factor=10.0,
        max_dead_fraction=0.1,
        min_batch_values=16,
        report_path=None,
        plot_path=None,
        verbose=0,
    ):
        super().__init__(every=every, on_problem=on_problem, report_path=report_path)
        if isinstance(probe_data, (str, bytes)):
            raise ValueError(f"`probe_data` must be model inputs or None; received probe_data={probe_data!r}")
        probe_data = probe.as_inputs(probe_data)
        probe.check_samples(probe_data)
        self.probe_data = probe_data
        self.probe_budget = check_positive_float("probe_budget", probe_budget)
        if layers is not None and (
            isinstance(layers, str)
            or not isinstance(layers, (list, tuple))
            or not layers
            or not all(isinstance(name, str) and name for name in layers)
        ):
            raise ValueError(f"`layers` must be a non-empty list of layer names or None; received layers={layers!r}")
        self.layers = None if layers is None else list(layers)
        self.converge_tolerance = check_positive_float("converge_tolerance", converge_tolerance, maximum=1)
        self.drift_tolerance = check_positive_float("drift_tolerance", drift_tolerance)
        self.max_mean_shift = check_positive_float("max_mean_shift", max_mean_shift)
        self.max_variance_ratio = check_positive_float("max_variance_ratio", max_variance_ratio)
        if self.max_variance_ratio <= 1:
            raise ValueError(
                f"`max_variance_ratio` must be above 1; received max_variance_ratio={max_variance_ratio!r}"
            )
        self.dead_variance_factor = check_positive_float("dead_variance_factor", dead_variance_factor)
        self.max_dead_fraction = check_positive_float("max_dead_fraction", max_dead_fraction, maximum=1)
        self.min_batch_values = check_positive_int("min_batch_values", min_batch_values)
        self.plot_path = check_path("plot_path", plot_path)
        if self.plot_path and importlib.util.find_spec("matplotlib") is None:
            raise ImportError(
                "BatchNormMonitor(plot_path=...) needs matplotlib; install it with "
                "`pip install keraslint[plot]` or leave plot_path=None."
            )
        self.verbose = check_choice("verbose", verbose, (0, 1))
        self._said_no_batchnorm = False
        # Per-replica input shapes seen in training, by layer id. They survive
        # fit() calls because a compiled train function is not traced again.
        self._training_shapes: dict[int, tuple] = {}
        self._shape_capture: probe.PatchedCalls | None = None
        self._reset()

    def _reset(self):
        self._stop_capturing_shapes()  # left by a fit() that an exception ended
        self._monitored: list[diag.MonitoredLayer] = []
        self._findings: list[dict] = []
        self._unannounced: list[dict] = []
        self._reported: set[tuple[str, str | None]] = set()
        self._warned_codes: set[str] = set()
        self._start_stats = self._latest_stats = self._epoch_stats = self._epoch_stats_before = None
        self._pending: list[tuple[int, Any]] = []  # (step, device tensor) recorded, not read yet
        self._started = self._forecast_done = False
        self._first_epoch = self._probed_epoch = None
        self._probe_seconds = self._training_seconds = 0.0
        # The probe's forward passes as compiled on TensorFlow and JAX: the
        # trainable flags they were compiled with, and the function to call.
        self._compiled_passes: tuple[tuple, Callable] | None = None
        self._last_gaps, self._last_output_gap = {}, None
        self._epoch_started_at = time.perf_counter()
        self._fit_start_step = self._epoch_first_step = self._step = 0
        self._epochs_seen = 0
        # What the records within epochs cost (see FrozenWeightsGuard.report["cost"]).
        self._cost = {"batch_records": 0, "device_calls": 0, "host_reads": 0}
        self.history: dict[str, Any] = {}

    def _file_report(self) -> dict:
        return _finite_or_none({"report": dict(self.report), "history": self.history})

    # --- Keras hooks ---------------------------------------------------------------

    @_announcing_findings
    def _begin_training(self):
        model = self.model
        if self.probe_data is not None:
            probe.check_against_model(model, self.probe_data)
        self._monitored = self._select(self._discover(model))
        if not self._monitored:
            if not self._said_no_batchnorm:
                self._said_no_batchnorm = True
                warn_user(
                    "BatchNormMonitor: the model has no BatchNormalization layer; the "
                    "callback does nothing."
                )
            return
        self._fit_start_step = self._step = self._epoch_first_step = self._iterations()
        # TensorFlow builds an unbuilt (subclassed) model only in its first step.
        if all(m.layer.built for m in self._monitored):
            self._start(epoch=None)
        # Installed before the first step is traced, to see per-replica batch shapes.
        self._shape_capture = probe.PatchedCalls(
            [m.layer for m in self._monitored if id(m.layer) not in self._training_shapes],
            self._capture_training_shape,
        )

    def _start(self, epoch):
        """Begin recording once every watched layer has its moving statistics."""
        self._started = True
        self._monitored = [m for m in self._monitored if m.layer.built]
        self._prepare_reads()
        self.history = {
            "step": [],
            "epoch": [],
            "layers": {m.path: {k: [] for k in ("mean", "variance", "mean_min", "mean_max",
                                               "variance_min", "variance_max")}
                       for m in self._monitored},
            "epoch_end": {"step": [], "epoch": [], "output_gap": [],
                          "layers": {m.path: {"drift": [], "mean_shift": [], "variance_ratio": []}
                                     for m in self._monitored}},
        }
        self._start_stats = self._epoch_stats = self._record(epoch=epoch)
        self._check_configuration()
        self._forecast_planned_steps()

    @_announcing_findings
    def on_epoch_begin(self, epoch, logs=None):
        if not self._monitored:
            return
        if self._first_epoch is None:
            self._first_epoch = epoch
            self._forecast_planned_steps()
        self._epoch_first_step = self._iterations()
        self._epoch_started_at = time.perf_counter()

    @_announcing_findings
    def on_train_batch_begin(self, batch, logs=None):
        # Batch-begin hooks keep Keras's asynchronous batch dispatch; as batch
        # `batch` begins, that many steps of the epoch have run, so an unbuilt
        # model is built once batch > 0. A record is dispatched on the device
        # here and read as the next batch begins, when its values are long
        # computed: training never waits for the step it just launched.
        if not self._monitored or batch == 0:
            return
        step = self._epoch_first_step + batch
        if not self._started:
            self._step = step
            self._start(epoch=None)
            return
        # To stop or raise, act a batch after the record; to warn, read a record
        # only once the device has computed it.
        self._record_pending(wait=self.on_problem != "warn")
        if self.every != "epoch" and step % self.every == 0:
            self._cost["batch_records"] += 1
            self._cost["device_calls"] += 1
            self._pending.append((step, self._dispatch_stats()))

    @_announcing_findings
    def on_epoch_end(self, epoch, logs=None):
        if not self._monitored:
            return
        self._epochs_seen += 1
        self._record_pending(wait=True)
        self._step = self._iterations()
        if not self._started:
            self._start(epoch=epoch)
        stats = self._latest_stats
        if self.history["step"][-1] != self._step:
            stats = self._record(epoch=epoch)
        if self._shape_capture:
            self._stop_capturing_shapes()
            self._check_batch_sizes(epoch)
        if self.history["step"][0] < self._step:
            self._check_updates(stats, epoch)
        self._training_seconds += time.perf_counter() - self._epoch_started_at
        self._log_epoch(stats, epoch, logs)
        self._probe_if_due(stats, epoch, last=epoch == self.params.get("epochs", 0) - 1)
        self._log_gaps(logs)
        self._epoch_stats_before, self._epoch_stats = self._epoch_stats, stats

    @_announcing_findings
    def on_train_end(self, logs=None):
        self._stop_capturing_shapes()
        if not self._started:
            return
        if not self._forecast_done:  # number of steps unknown in advance
            self._forecast_done = True
            self._forecast_convergence(self._step)
        ended = self.history["epoch_end"]["epoch"]
        if ended and self._probed_epoch != ended[-1]:  # stopped early
            self._probe_if_due(self._latest_stats, ended[-1], last=True)
        self._confirm_convergence()
        self._write_report()
        if self.plot_path:
            from keraslint.callbacks._bn_plot import plot_history

            plot_history(self.history, self.plot_path)
        if self.verbose:
            print(self.report)

    # --- Layers ----------------------------------------------------------------------

    @staticmethod
    def _discover(model) -> list[diag.MonitoredLayer]:
        """Every BatchNormalization layer once, with what freezes it or calls it with
        training=False (the nearest enclosing layer a model's graph calls so)."""
        walked = accounting.walk_layers(model)
        callers = accounting.inference_callers(walked)
        return [
            diag.MonitoredLayer(entry.path, entry.layer, entry.freezer_path, callers.get(entry.path))
            for entry in walked[1:]  # layers below the model itself
            if isinstance(entry.layer, keras.layers.BatchNormalization)
        ]

    def _select(self, monitored):
        if self.layers is None:
            return monitored
        unknown = [n for n in self.layers if not any(n in (m.path, m.layer.name) for m in monitored)]
        if unknown:
            raise _UnknownLayers(
                f"BatchNormMonitor(layers=...) received {unknown!r}, which name no "
                f"BatchNormalization layer of the model; it has {[m.path for m in monitored]!r}."
            )
        return [m for m in monitored if m.path in self.layers or m.layer.name in self.layers]

    # --- Reading the moving statistics ------------------------------------------------

    def _prepare_reads(self):
        variables = [v for m in self._monitored for v in (m.layer.moving_mean, m.layer.moving_variance)]
        self._offsets = np.cumsum([0] + [int(v.shape[0]) for v in variables])
        self._live = LiveValues(self._model, variables)
        self._concatenate = _concatenator()

    def _dispatch_stats(self):
        """All watched moving statistics as one float32 vector on the device."""
        return self._concatenate(self._live.values())

    def _record_pending(self, *, wait: bool):
        """Record the pending statistics, oldest first: all if ``wait``, else those
        the device has computed."""
        while self._pending and (wait or len(self._pending) > MAX_UNREAD or is_ready(self._pending[0][1])):
            step, stats = self._pending.pop(0)
            self._cost["host_reads"] += 1
            saved, self._step = self._step, step
            self._record(None, ops.convert_to_numpy(stats))
            self._step = saved

    def _layer_stats(self, stats: np.ndarray, index: int):
        o = self._offsets
        return stats[o[2 * index]:o[2 * index + 1]], stats[o[2 * index + 1]:o[2 * index + 2]]

    def _iterations(self) -> int:
        optimizer = getattr(self.model, "optimizer", None)
        return int(ops.convert_to_numpy(optimizer.iterations)) if optimizer is not None else self._step

    def _record(self, epoch, stats: np.ndarray | None = None) -> np.ndarray:
        if stats is None:
            stats = ops.convert_to_numpy(self._dispatch_stats())
        self.history["step"].append(self._step)
        self.history["epoch"].append(epoch)
        # One reduction per summary over all layers keeps every-batch recording cheap.
        starts = self._offsets[:-1]
        summaries = {
            "": (np.add.reduceat(stats, starts) / np.diff(self._offsets)).tolist(),
            "_min": np.minimum.reduceat(stats, starts).tolist(),
            "_max": np.maximum.reduceat(stats, starts).tolist(),
        }
        for index, monitored in enumerate(self._monitored):
            trajectory = self.history["layers"][monitored.path]
            for suffix, values in summaries.items():
                trajectory[f"mean{suffix}"].append(values[2 * index])
                trajectory[f"variance{suffix}"].append(values[2 * index + 1])
        if not np.isfinite(stats).all():
            for index, monitored in enumerate(self._monitored):
                self._check(diag.NONFINITE, monitored, diag.nonfinite(*self._layer_stats(stats, index)), epoch)
        self._latest_stats = stats
        return stats

    # --- Diagnoses ---------------------------------------------------------------------

    def _check(self, code: str, monitored: diag.MonitoredLayer | None, finding, epoch) -> None:
        """Report ``finding`` (if any) once per layer and fit, then act on it."""
        path = monitored.path if monitored else None
        if finding is None or (code, path) in self._reported:
            return
        self._reported.add((code, path))
        message, details = finding
        text = f"{code}: {path} {message}" if path else f"{code}: {message}"
        self._findings.append(
            {"code": code, "layer": path, "message": text, "step": self._step, "epoch": epoch, "details": details}
        )
        if self.on_problem == "raise":
            self._stop_capturing_shapes()  # no on_train_end will follow
            self._problem(text)
        self._unannounced.append(self._findings[-1])

    def _announce(self):
        """One warning per diagnosis and fit, for the first hook that finds it,
        naming the other layers with a count; later findings go to the report."""
        by_code: dict[str, list[dict]] = {}
        for finding in self._unannounced:
            if finding["code"] not in self._warned_codes:
                by_code.setdefault(finding["code"], []).append(finding)
        self._unannounced = []
        for code, findings in by_code.items():
            self._warned_codes.add(code)
            others = [f["layer"] for f in findings[1:]]
            shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            also = f" The same in {len(others)} more layer(s): {shown}." if others else ""
            self._problem(f"BatchNormMonitor: {findings[0]['message']}{also}")

    def _check_configuration(self):
        data_format = keras.config.image_data_format()
        for monitored in self._monitored:
            layer = monitored.layer
            shapes = getattr(layer, "_build_shapes_dict", None) or {}
            input_shape = next(iter(shapes.values()), None) or (None,) * (layer.input_spec.ndim or 0)
            self._check(diag.WRONG_AXIS, monitored, diag.wrong_axis(layer.axis, tuple(input_shape), data_format), None)
            self._check(
                diag.DTYPE, monitored,
                diag.low_precision_stats(str(layer.moving_mean.dtype), layer.dtype_policy.name), None,
            )

    def _updating_layers(self):
        return [m for m in self._monitored if m.mode == "training"]

    def _forecast_planned_steps(self):
        """Forecast from the planned steps once they and the layers are known."""
        if self._forecast_done or not self._started or self._first_epoch is None or not self.params.get("steps"):
            return
        self._forecast_done = True
        planned = self.params["steps"] * (self.params["epochs"] - self._first_epoch)
        self._forecast_convergence(self._fit_start_step + planned)

    def _forecast_convergence(self, total_steps: int):
        for monitored in self._updating_layers():
            finding = diag.convergence_forecast(monitored.layer.momentum, total_steps, self.converge_tolerance)
            self._check(diag.NOT_CONVERGED, monitored, finding, None)

    def _confirm_convergence(self):
        """Back a forecast with the drift of the last epoch."""
        before = self._epoch_stats_before
        if before is None:
            return
        for finding in self._findings:
            if finding["code"] != diag.NOT_CONVERGED:
                continue
            index = next(i for i, m in enumerate(self._monitored) if m.path == finding["layer"])
            drift = diag.standardized_drift(
                *self._layer_stats(before, index), *self._layer_stats(self._latest_stats, index),
                self._monitored[index].layer.epsilon,
            )
            confirmed = drift > self.drift_tolerance
            finding["details"].update(confirmed=confirmed, last_epoch_drift=drift)
            units = "(std of mean, or |log variance ratio|) in the last epoch."
            finding["message"] += (
                f" Confirmed: the statistics still drifted {drift:.3f} {units}"
                if confirmed
                else f" Not confirmed: they drifted only {drift:.3f} {units}"
            )

    def _check_updates(self, stats, epoch):
        for index, monitored in enumerate(self._monitored):
            changed = not np.array_equal(self._layer_stats(stats, index), self._layer_stats(self._start_stats, index))
            if monitored.mode == "training" and not changed:
                self._check(diag.NOT_UPDATING, monitored, diag.not_updating(monitored), epoch)
            elif monitored.mode != "training" and changed:
                self._check(
                    diag.UPDATING_WHILE_FROZEN, monitored,
                    diag.updating_while_frozen(monitored, keras.version()), epoch,
                )
            _, var = self._layer_stats(stats, index)
            self._check(
                diag.VARIANCE_COLLAPSE, monitored,
                diag.variance_collapse(var, monitored.layer.epsilon, self.dead_variance_factor, self.max_dead_fraction),
                epoch,
            )

    def _capture_training_shape(self, layer, original):
        def call(inputs, *args, **kwargs):
            shape = tuple(inputs.shape)
            if kwargs.get("training") and all(isinstance(d, int) for d in shape):
                known = self._training_shapes.get(id(layer))
                if known is None or np.prod(shape) < np.prod(known):
                    self._training_shapes[id(layer)] = shape
            return original(inputs, *args, **kwargs)

        return call

    def _stop_capturing_shapes(self):
        if self._shape_capture:
            self._shape_capture.remove()
            self._shape_capture = None

    def _check_batch_sizes(self, epoch):
        for monitored in self._monitored:
            shape = self._training_shapes.get(id(monitored.layer))
            if shape is None or monitored.mode == "frozen":
                continue
            values = diag.values_per_channel(monitored.layer.axis, shape)
            self._check(diag.SMALL_BATCH, monitored, diag.small_batch(values, shape[0], self.min_batch_values), epoch)

    # --- Probe: train vs inference mode --------------------------------------------------

    def _probe_if_due(self, stats, epoch, last: bool):
        """Probe when its last cost fits in probe_budget of the training time since,
        and fill in the latest epoch record."""
        if self.probe_data is None or not (
            last or self._probe_seconds <= self.probe_budget * self._training_seconds
        ):
            return
        # Compiled at the first probe: paid once, so left out of the budget, which
        # schedules the probes that follow.
        forward_passes = self._forward_passes()
        started = time.perf_counter()
        self._last_gaps, self._last_output_gap = self._probe(forward_passes, stats, epoch, last)
        self._probe_seconds = time.perf_counter() - started
        self._training_seconds = 0.0
        self._probed_epoch = epoch
        record = self.history["epoch_end"]
        record["output_gap"][-1] = self._last_output_gap
        for path, (mean_shift, variance_ratio) in self._last_gaps.items():
            record["layers"][path]["mean_shift"][-1] = mean_shift
            record["layers"][path]["variance_ratio"][-1] = variance_ratio

    def _probe(self, forward_passes, stats, epoch, last: bool):
        """Compare each layer's batch statistics on probe_data with its moving
        statistics, and the model's output in training and inference mode."""
        output_gap, moments = probe.measure(forward_passes, self._monitored)
        gaps = {}
        for index, monitored in enumerate(self._monitored):
            if monitored.path in moments:
                gaps[monitored.path] = diag.batch_vs_moving(
                    *moments[monitored.path], *self._layer_stats(stats, index), monitored.layer.epsilon
                )
        # Before the end, judge only statistics that have had the steps to converge
        # (bn-not-converged speaks for the others) or that are not meant to move.
        judged = [
            m for m in self._monitored
            if m.path in gaps and (last or m.mode != "training" or m.layer.momentum**self._step <= self.converge_tolerance)
        ]
        # A frozen layer normalizes with its moving statistics in fit() and evaluate()
        # alike: a gap there says the data is not what the layer was frozen with.
        self._check(
            diag.INPUT_MISMATCH, None,
            diag.input_mismatch({m.path: gaps[m.path] for m in judged if m.mode == "frozen"},
                                self.max_mean_shift, self.max_variance_ratio), epoch,
        )
        self._check(
            diag.TRAIN_INFERENCE_GAP, None,
            diag.train_inference_gap({m.path: gaps[m.path] for m in judged if m.mode != "frozen"},
                                     output_gap, self.max_mean_shift, self.max_variance_ratio), epoch,
        )
        return gaps, output_gap

    def _forward_passes(self) -> Callable[[], tuple]:
        """The probe's forward passes (see ``_bn_probe.forward_passes``), compiled on
        TensorFlow and JAX unless the model runs eagerly: eager, they run a small
        CNN's passes 3-4x slower. The compiled passes bake in each layer's mode:
        they are compiled again when a trainable flag changes (within a fit,
        TensorFlow allows that)."""
        model = self.model
        compiled = keras.backend.backend() in ("tensorflow", "jax") and not model.run_eagerly
        flags = tuple(m.layer.trainable for m in self._monitored)
        if self._compiled_passes is None or self._compiled_passes[0] != flags:
            self._compiled_passes = flags, probe.forward_passes(model, self._monitored, self.probe_data, compiled)
        return self._compiled_passes[1]

    # --- Outputs ----------------------------------------------------------------------------

    def _log_epoch(self, stats, epoch, logs):
        """Record the epoch's drift (and empty gaps for the probe to fill in)."""
        record = self.history["epoch_end"]
        record["step"].append(self._step)
        record["epoch"].append(epoch)
        record["output_gap"].append(None)
        for index, monitored in enumerate(self._monitored):
            drift = diag.standardized_drift(
                *self._layer_stats(self._epoch_stats, index), *self._layer_stats(stats, index),
                monitored.layer.epsilon,
            )
            layer_record = record["layers"][monitored.path]
            layer_record["drift"].append(drift)
            layer_record["mean_shift"].append(None)
            layer_record["variance_ratio"].append(None)
            if logs is not None:
                logs[f"bn_drift/{monitored.path}"] = drift

    def _log_gaps(self, logs):
        """The latest probe's figures; epochs without a probe repeat them, so
        that History and CSVLogger get the same keys every epoch."""
        if logs is None or self._last_output_gap is None:
            return
        for path, (mean_shift, _) in self._last_gaps.items():
            logs[f"bn_gap/{path}"] = mean_shift
        logs["bn_output_gap"] = self._last_output_gap

    @property
    def report(self) -> BatchNormReport:
        """The findings so far, per layer and per diagnosis (JSON-ready)."""
        layers = {}
        stats = self._latest_stats
        epoch_end = self.history.get("epoch_end", {"layers": {}})
        for index, monitored in enumerate(self._monitored if self._started else ()):
            info = monitored.describe()
            shape = self._training_shapes.get(id(monitored.layer))
            info["values_per_channel"] = diag.values_per_channel(monitored.layer.axis, shape) if shape else None
            mean, var = self._layer_stats(stats, index)
            last = {k: (v[-1] if v else None) for k, v in epoch_end["layers"][monitored.path].items()}
            info["final"] = {
                "mean": float(np.mean(mean)),
                "variance": float(np.mean(var)),
                "dead_channels": int(np.sum(var < self.dead_variance_factor * monitored.layer.epsilon)),
                **last,
            }
            info["problems"] = [
                f["code"] for f in self._findings
                if f["layer"] == monitored.path or monitored.path in f["details"].get("layers", ())
            ]
            layers[monitored.path] = info
        return BatchNormReport(
            keras_version=keras.version(),
            backend=keras.backend.backend(),
            steps=self._step,
            epochs=self._epochs_seen,
            layers=layers,
            output_gap=(epoch_end.get("output_gap") or [None])[-1],
            problem_count=len(self._findings),
            cost=dict(self._cost),
            diagnoses={code: [f for f in self._findings if f["code"] == code] for code in diag.CODES},
        )
