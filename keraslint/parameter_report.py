"""The parameter report ``keraslint explain`` prints, free of any keras import.

Both accountings fill it: :mod:`keraslint.accounting` from a built Keras model, and
:mod:`keraslint.static_explain` from source code alone. A static report may be
incomplete: ``complete`` is then False, ``unknown`` says which layers were not followed
and why, and the totals are lower bounds ("at least"), never guesses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

# Why a variable is non-trainable.
BATCHNORM_STATISTICS = "batchnorm_statistics"
FROZEN = "frozen"
NON_TRAINABLE_VARIABLE = "non_trainable_variable"
_CAUSE_ORDER = (BATCHNORM_STATISTICS, FROZEN, NON_TRAINABLE_VARIABLE)

# What the counts reveal.
BATCHNORM_WRONG_AXIS = "batchnorm_wrong_axis"
BIAS_CANCELLED_BY_BATCHNORM = "bias_cancelled_by_batchnorm"
DENSE_AFTER_FLATTEN = "dense_after_flatten"
UNBUILT_LAYERS = "unbuilt_layers"

# Sums with more terms than this group equal terms ("12 x 64") to stay readable.
_MAX_LISTED_TERMS = 8


@dataclass(frozen=True)
class VariableParameters:
    """One weight variable: its name within the layer, shape, size and status.

    ``cause`` is None for trainable variables, else one of ``BATCHNORM_STATISTICS``,
    ``FROZEN`` (``frozen_by`` names the outermost layer or model whose ``trainable``
    is False) or ``NON_TRAINABLE_VARIABLE``.
    """

    name: str
    shape: tuple[int, ...]
    count: int
    dtype: str
    trainable: bool
    cause: str | None = None
    frozen_by: str | None = None


@dataclass(frozen=True)
class LayerParameters:
    """The variables one layer owns directly; ``path`` joins nested model names with "/"."""

    path: str
    class_name: str
    variables: tuple[VariableParameters, ...]
    output_shape: tuple | None = None  # batch axis first; "?" for a dimension a static report does not know
    unknown: str | None = None  # static reports: why the layer's variables are not known (then not counted)

    @property
    def total(self) -> int:
        """All the layer's parameters."""
        return sum(v.count for v in self.variables)

    @property
    def trainable(self) -> int:
        """The parameters the optimizer updates."""
        return sum(v.count for v in self.variables if v.trainable)

    @property
    def non_trainable(self) -> int:
        """The parameters the optimizer leaves alone."""
        return self.total - self.trainable

    def to_dict(self) -> dict[str, Any]:
        """The layer as JSON-ready plain data."""
        return {
            "path": self.path,
            "class_name": self.class_name,
            "total": self.total,
            "trainable": self.trainable,
            "non_trainable": self.non_trainable,
            "variables": [asdict(v) for v in self.variables],
            "output_shape": None if self.output_shape is None else list(self.output_shape),
        }


@dataclass(frozen=True)
class NonTrainableCause:
    """One reason some parameters are non-trainable, with a sentence doing the sum."""

    kind: str
    count: int
    sentence: str
    layers: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    """A problem the parameter counts reveal; ``parameters`` is how many it concerns."""

    kind: str
    message: str
    layers: tuple[str, ...]
    parameters: int


@dataclass(frozen=True)
class UnknownPart:
    """Something a static report could not follow: a layer (its path) or the model, and why."""

    what: str
    reason: str


@dataclass(frozen=True)
class ParameterReport:  # pylint: disable=too-many-instance-attributes
    """Every parameter of a model, by layer and variable, with causes and notes."""

    model_name: str
    model_class: str
    dtype_policy: str
    total: int
    trainable: int
    non_trainable: int
    layers: tuple[LayerParameters, ...]
    causes: tuple[NonTrainableCause, ...]
    notes: tuple[Note, ...]
    static: bool = False  # read from the source code, keras not imported
    unknown: tuple[UnknownPart, ...] = ()  # what a static report could not follow

    @property
    def complete(self) -> bool:
        """Whether every parameter is accounted for; if not, the totals are lower bounds."""
        return not self.unknown

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready plain data."""
        return {
            "model": {"name": self.model_name, "class_name": self.model_class, "dtype_policy": self.dtype_policy},
            "total": self.total,
            "trainable": self.trainable,
            "non_trainable": self.non_trainable,
            "layers": [layer.to_dict() for layer in self.layers],
            "causes": [asdict(cause) for cause in self.causes],
            "notes": [asdict(note) for note in self.notes],
            "static": self.static,
            "complete": self.complete,
            "unknown": [asdict(part) for part in self.unknown],
        }

    def __str__(self) -> str:
        return _render_text(self)


def causes_of(
    layers: tuple[LayerParameters, ...], freezer_kinds: dict[str, str], held_statistics: dict[str, str] | None = None
) -> tuple[NonTrainableCause, ...]:
    """One sentence with the arithmetic per reason parameters are non-trainable;
    ``freezer_kinds`` says whether each ``frozen_by`` path is a "model" or a "layer",
    ``held_statistics`` why fit() leaves a BatchNormalization layer's statistics as
    they are, by layer path (a static report does not know it)."""
    by_cause: dict[tuple[str, str | None], list[tuple[LayerParameters, VariableParameters]]] = defaultdict(list)
    for layer in layers:
        for variable in layer.variables:
            if variable.cause:
                by_cause[variable.cause, variable.frozen_by].append((layer, variable))
    causes = []
    # Statistics first (every BatchNormalization model has them), then frozen layers, then the rest.
    for (kind, frozen_by), members in sorted(by_cause.items(), key=lambda item: _CAUSE_ORDER.index(item[0][0])):
        count = sum(v.count for _, v in members)
        layer_paths = tuple(dict.fromkeys(layer.path for layer, _ in members))
        if kind == BATCHNORM_STATISTICS:
            channels = [next(v.count for owner, v in members if owner.path == path) for path in layer_paths]
            sentence = (
                f"{format_count(count)} non-trainable = moving mean + moving variance of "
                f"{plural(len(channels), 'BatchNormalization layer')} over {format_sum(channels)} channels "
                f"(2 x {format_count(sum(channels))}): running averages the layers update themselves while training, "
                "not weights the optimizer learns, so they are expected"
                + _held_statistics_clause(layer_paths, held_statistics or {})
            )
        elif kind == FROZEN:
            sentence = (
                f"{format_count(count)} non-trainable = {format_labelled_sum((v.name, v.count) for _, v in members)} "
                f"of {plural(len(layer_paths), 'layer')} frozen by {freezer_kinds[frozen_by]} '{frozen_by}' "
                "(trainable=False): the optimizer leaves them unchanged until trainable is set back to True"
            )
        else:
            labelled = [(f"{layer.path}/{v.name}", v.count) for layer, v in members]
            if len(labelled) > _MAX_LISTED_TERMS:
                labelled = [(v.name, v.count) for _, v in members]
            sentence = (
                f"{format_count(count)} non-trainable = {format_labelled_sum(labelled)}: variables created with "
                "trainable=False or switched off one by one, which the optimizer does not update"
            )
        causes.append(NonTrainableCause(kind, count, sentence, layer_paths))
    return tuple(causes)


def _held_statistics_clause(layer_paths: tuple[str, ...], held_statistics: dict[str, str]) -> str:
    """Which of the layers fit() runs in inference mode, so their statistics stay fixed."""
    by_reason: dict[str, int] = defaultdict(int)
    for path in layer_paths:
        if path in held_statistics:
            by_reason[held_statistics[path]] += 1
    if not by_reason:
        return ""
    reasons = ", ".join(f"{count} {reason}" for reason, count in by_reason.items())
    held = sum(by_reason.values())
    return f"; fit() runs {held} of these layers in inference mode, which leaves their statistics as they are ({reasons})"


def format_count(number: int) -> str:
    return f"{number:,}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def format_shape(shape: tuple) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def format_sum(values: list[int]) -> str:
    """``3 + 32 + 64``; long sums group equal terms: ``12 x 64 + 128``."""
    if len(values) <= _MAX_LISTED_TERMS:
        return " + ".join(format_count(v) for v in values)
    repeats = defaultdict(int)
    for value in values:
        repeats[value] += 1
    return " + ".join(format_count(v) if k == 1 else f"{k} x {format_count(v)}" for v, k in repeats.items())


def format_labelled_sum(terms) -> str:
    """``kernel 864 + bias 32``, adding up terms with the same label."""
    totals = defaultdict(int)
    for label, count in terms:
        totals[label] += count
    return " + ".join(f"{label} {format_count(count)}" for label, count in totals.items())


_CAUSE_TAGS = {BATCHNORM_STATISTICS: "statistics", NON_TRAINABLE_VARIABLE: "non-trainable variable"}


def _render_text(report: ParameterReport) -> str:
    at_least = "" if report.complete else "at least "
    lines = [
        f"Model '{report.model_name}' ({report.model_class}): {at_least}{format_count(report.total)} parameters = "
        f"{at_least}{format_count(report.trainable)} trainable + {at_least}{format_count(report.non_trainable)} "
        "non-trainable"
    ]
    if report.static:
        lines.append("Read from the source code without importing keras (keraslint explain --static).")
    if report.dtype_policy.startswith("mixed"):
        lines.append(
            f"dtype policy {report.dtype_policy}: variables are stored in float32 and counted the same as without it"
        )
    rows = [("Layer (type)", "Output shape", "Params", "Trainable", "Non-trainable")]
    rows += [
        (
            f"{layer.path} ({layer.class_name})",
            "?" if layer.output_shape is None else format_shape(layer.output_shape),
            "?" if layer.unknown else format_count(layer.total),
            format_labelled_sum((v.name, v.count) for v in layer.variables if v.trainable),
            _non_trainable_cell(layer),
        )
        for layer in report.layers
    ]
    rows.append(
        ("Total", "", at_least + format_count(report.total), at_least + format_count(report.trainable),
         at_least + format_count(report.non_trainable))
    )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines.append("")
    lines += [
        f"{name:<{widths[0]}}  {shape:<{widths[1]}}  {params:>{widths[2]}}  {trainable:<{widths[3]}}  {frozen}".rstrip()
        for name, shape, params, trainable, frozen in rows
    ]
    lines.append("")
    if report.unknown:
        lines.append("Not followed (the totals above are lower bounds):")
        lines += [f"  {part.what}: {part.reason}." for part in report.unknown]
        lines.append("")
    if report.causes:
        lines.append("Non-trainable parameters:")
        lines += [f"  {cause.sentence}." for cause in report.causes]
    else:
        lines.append("Non-trainable parameters: none.")
    lines.append("")
    if report.notes:
        lines.append("Notes:")
        lines += [f"  - {note.message}." for note in report.notes]
    else:
        lines.append("Notes: none.")
    return "\n".join(lines)


def _non_trainable_cell(layer: LayerParameters) -> str:
    """``moving_mean 3 + moving_variance 3 (statistics)``, one group per cause."""
    groups: dict[str, list[VariableParameters]] = defaultdict(list)
    for variable in layer.variables:
        if variable.cause:
            tag = f"frozen by '{variable.frozen_by}'" if variable.cause == FROZEN else _CAUSE_TAGS[variable.cause]
            groups[tag].append(variable)
    return ", ".join(
        f"{format_labelled_sum((v.name, v.count) for v in variables)} ({tag})" for tag, variables in groups.items()
    )
