"""What every rule shares: the Rule record, findings, and graph questions
several rules ask."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, Callable, Iterable, Iterator

from astroid import nodes

from keraslint.engine import names
from keraslint.engine.graph import UNKNOWN, Apply, Condition, Graph, Layer, describe_condition


@dataclasses.dataclass(frozen=True)
class Finding:
    symbol: str
    node: nodes.NodeNG
    args: tuple
    inferred: bool = False  # reached through inference (a user subclass), not syntax alone


@dataclasses.dataclass(frozen=True)
class Rule:
    msgid: str
    symbol: str
    template: str  # pylint message template, %s-formatted with Finding.args
    summary: str  # one line for `keraslint rules` and pylint's message help
    # check(graph, config): the findings in one scope's graph; ``config`` is the linter's
    # configuration namespace, where each rule reads its own options.
    check: Callable[..., Iterable[Finding]]
    options: tuple = ()  # pylint option definitions, (name, {type, default, help, ...}) pairs

    @property
    def doc(self) -> str:
        """The rule's documentation page (Markdown): its module's docstring."""
        return inspect.getdoc(inspect.getmodule(self.check)) or ""


def when(condition: Condition) -> str:
    """A clause naming the `if` conditions a finding depends on, or ''."""
    return f" (when {describe_condition(condition)})" if condition else ""


def finding(rule_symbol: str, layer: Layer, *args: Any, extra: Iterable[Layer] = ()) -> Finding:
    return Finding(rule_symbol, layer.node, tuple(args), inferred=layer.inferred or any(l.inferred for l in extra))


def normalized_axis(bn: Apply) -> int | None:
    """The axis a BatchNormalization normalizes, as a non-negative index, where known."""
    axis = bn.layer.get("axis", -1)
    if not isinstance(axis, int) or isinstance(axis, bool) or bn.rank is None:
        return None
    return axis % bn.rank if -bn.rank <= axis < bn.rank else None


def normalizes_channels(bn: Apply) -> bool:
    """True when the BatchNormalization is known to normalize its input's channel axis."""
    axis = bn.layer.get("axis", -1)
    if bn.channel_axis is not None and bn.rank is not None:
        return normalized_axis(bn) == bn.channel_axis
    # A Dense output has its features last whatever the rank.
    return axis == -1 and all(p.kind == "Dense" for p, _ in bn.inputs)


def every_instance(graph: Graph, apply: Apply, qualifies: Callable[[Apply], Any]) -> bool:
    """Whether ``qualifies`` holds for every application, in this graph, of the layers
    built where ``apply``'s layer was built (each iteration of a loop, each use of a
    shared layer, within one helper call). Advice about that line of code is only
    given when it is right for all of them."""
    return all(qualifies(a) for a in _site_instances(graph, apply))


def iterations_where(graph: Graph, apply: Apply, qualifies: Callable[[Apply], Any]) -> str | None:
    """Where a pattern found at ``apply`` holds among the applications of its layer's
    construction site: '' everywhere, ' in <which> iterations of the loop at line N'
    when only in some iterations of its innermost loop, None otherwise."""
    instances = _site_instances(graph, apply)
    holding = [a for a in instances if qualifies(a)]
    if len(holding) == len(instances):
        return ""
    if not holding or not apply.iteration or any(a.iteration[:-1] != apply.iteration[:-1] for a in instances):
        return None
    loop, _, count = apply.iteration[-1]
    passes = sorted({a.iteration[-1][1] for a in holding})
    last = (count if count is not None else 2) - 1
    if passes == list(range(last)):
        which = "every iteration but the last"
    elif passes == list(range(1, last + 1)):
        which = "every iteration but the first"
    elif count is None:
        return None
    else:
        which = "iteration" + ("s " if len(passes) > 1 else " ") + ", ".join(str(p + 1) for p in passes) + f" of {count}"
    return f" (in {which} of the loop at line {loop.lineno})"


def _site_instances(graph: Graph, apply: Apply) -> list[Apply]:
    site = (apply.layer.node, apply.layer.via, apply.kind)
    return [a for a in graph.applies if (a.layer.node, a.layer.via, a.kind) == site]


def weighted_layers(graph: Graph) -> Iterator[Apply]:
    """Applications of Dense and convolution layers."""
    return (a for a in graph.applies if a.kind == "Dense" or a.kind in names.CONV_LAYERS)


def output_activation(apply: Apply, seen=None) -> tuple[Any, Apply | None]:
    """The activation that produces a model output and the layer that applies it,
    looking back through layers that keep values as they are."""
    seen = seen or set()
    if apply in seen:
        return UNKNOWN, None
    seen.add(apply)
    kind = apply.kind
    if kind in names.ACTIVATION_LAYERS or kind == "Dense" or kind in names.CONV_LAYERS:
        activation = apply.layer.activation
        if activation == "linear" and kind == "Activation":
            return _single_input_activation(apply, seen)
        return activation, apply
    if kind in names.DROPOUT_LAYERS or kind in ("Reshape", "Flatten"):
        return _single_input_activation(apply, seen)
    if kind == "Model" and apply.layer.model is not None and apply.layer.model.outputs is not None:
        producers = list(apply.layer.model.outputs.producers)
        if len(producers) == 1:
            return output_activation(producers[0], seen)
    return UNKNOWN, None


def _single_input_activation(apply: Apply, seen) -> tuple[Any, Apply | None]:
    if len(apply.inputs) != 1:
        return UNKNOWN, None
    return output_activation(apply.inputs[0][0], seen)


def compiled_outputs(graph: Graph) -> Iterator[tuple[Any, Any, Layer]]:
    """(compile event, output activation, layer applying it) for every compile() with a
    known single-output model and a recognised loss."""
    for event in graph.events:
        model = event.model
        if event.kind != "compile" or event.loss is None or model is None:
            continue
        if not model.output_is_known or model.outputs is None or len(model.outputs.producers) != 1:
            continue
        (producer,) = model.outputs.producers
        activation, source = output_activation(producer)
        if source is not None and activation is not UNKNOWN:
            yield event, activation, source.layer
