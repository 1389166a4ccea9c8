"""What every rule shares: the Rule record, findings, and graph questions
several rules ask."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, Callable, Iterable, Iterator

from astroid import nodes

from keraslint.engine import names
from keraslint.engine.graph import UNKNOWN, Apply, Condition, Graph, Layer, compatible, describe_condition
from keraslint.keras_facts import KEEPS_SHAPE, MOVES_VALUES_ONLY


ONE_FORMAT_ONLY = " [only where image_data_format()"


@dataclasses.dataclass(frozen=True)
class Finding:
    symbol: str
    node: nodes.NodeNG
    args: tuple
    inferred: bool = False  # reached through inference (a user subclass), not syntax alone
    # The image data format the finding holds under, where the code asks for the format
    # and the finding holds under that one only; None: it holds whatever the format.
    only_with_format: str | None = None

    def format_clause(self) -> str:
        """What the checker appends to the message: the format it holds under, or ''."""
        if self.only_with_format is None:
            return ""
        return f"{ONE_FORMAT_ONLY} is '{self.only_with_format}']"


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
    default_enabled: bool = True  # False for heuristics a project opts into

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


def every_instance(
    graph: Graph, apply: Apply, qualifies: Callable[[Graph, Apply], Any], within_call: bool = False
) -> bool:
    """Whether ``qualifies(graph, application)`` holds for every application of the
    layers built where ``apply``'s layer was built (each iteration of a loop, each use
    of a shared layer). Advice about that line of code is only given when it is right
    for all of them: when the line is in a helper function, for every call of the
    helper in the module, and never when some call is one the engine did not follow.
    ``within_call`` limits it to the helper call ``apply`` came from, for advice given
    at that call."""
    if within_call or apply.layer.via is None or graph.module is None:
        return all(qualifies(graph, a) for a in _site_instances(graph, apply))
    instances = graph.module.helper_instances(apply.layer.node)
    return instances is not None and all(qualifies(g, a) for g, a in instances if a.kind == apply.kind)


def iterations_where(graph: Graph, apply: Apply, qualifies: Callable[[Apply], Any]) -> str | None:
    """Where a pattern found at ``apply`` holds among the applications of its layer's
    construction site: '' everywhere, ' (in <which> iterations of the loop at line N)'
    when only in some iterations of its innermost loop, None otherwise."""
    which = _holding_iterations(graph, apply, qualifies)
    if not which:
        return which
    return f" (in {which} of the loop at line {apply.iteration[-1][0].lineno})"


def naming_iterations(graph: Graph, apply: Apply, qualifies: Callable[[Apply], Any], carried: str = "") -> str:
    """For a pattern that is a fault wherever it holds: '' when it holds in every
    application of ``apply``'s construction site, else which iterations of its innermost
    loop it holds in ('some' when the engine cannot say which). ``carried`` is the
    message's "in the next iteration of the loop" clause, when it names that loop."""
    which = _holding_iterations(graph, apply, qualifies)
    if which == "" or not apply.iteration:
        return ""
    which = which or "some iterations"
    line = apply.iteration[-1][0].lineno
    if carried.endswith(f"of the loop at line {line}"):
        return f" (from {which})"
    return f" (in {which} of the loop at line {line})"


def _holding_iterations(graph: Graph, apply: Apply, qualifies: Callable[[Apply], Any]) -> str | None:
    """'' when ``qualifies`` holds for every application of ``apply``'s construction
    site, else which iterations of its innermost loop it holds in ('every iteration but
    the last', 'iterations 1, 2 of 3'); None when that cannot be said."""
    instances = _site_instances(graph, apply)
    holding = [a for a in instances if qualifies(a)]
    if len(holding) == len(instances):
        return ""
    if not holding or not apply.iteration or any(a.iteration[:-1] != apply.iteration[:-1] for a in instances):
        return None
    _, _, count = apply.iteration[-1]
    passes = sorted({a.iteration[-1][1] for a in holding})
    last = (count if count is not None else 2) - 1
    if passes == list(range(last)):
        return "every iteration but the last"
    if passes == list(range(1, last + 1)):
        return "every iteration but the first"
    if count is None:
        return None
    return "iteration" + ("s " if len(passes) > 1 else " ") + ", ".join(str(p + 1) for p in passes) + f" of {count}"


def _site_instances(graph: Graph, apply: Apply) -> list[Apply]:
    site = (apply.layer.node, apply.layer.via, apply.kind)
    return [a for a in graph.applies if (a.layer.node, a.layer.via, a.kind) == site]


def weighted_layers(graph: Graph) -> Iterator[Apply]:
    """Applications of Dense and convolution layers."""
    return (a for a in graph.applies if a.kind == "Dense" or a.kind in names.CONV_LAYERS)


def following(graph: Graph, apply: Apply, kinds, through) -> list[Apply]:
    """The ``kinds`` applications that ``apply``'s output reaches, passing only through
    ``through``; [] when some path ends elsewhere or leaves the scope."""
    return [target for target, _ in graph.reaches_only(apply, frozenset(kinds), frozenset(through)) or ()]


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


def compiled_outputs(graph: Graph) -> Iterator[tuple[Any, Any, Any, Apply]]:
    """(compile event, loss, output activation, the application of the layer applying it) for every model output
    whose loss is known (one loss, a list or a dict of them) and whose activation is known."""
    for event in graph.events:
        if event.kind != "compile":
            continue
        for output, loss in event.losses:
            if len(output.producers) != 1:
                continue
            (producer,) = output.producers
            activation, source = output_activation(producer)
            if source is not None and activation is not UNKNOWN:
                yield event, loss, activation, source


def output_units(apply: Apply) -> Any:
    """The number of units (last-axis size) of a Dense output, looking back through layers
    that keep it; UNKNOWN for anything else."""
    dense = units_source(apply)
    units = dense.layer.get("units", UNKNOWN) if dense is not None else UNKNOWN
    return units if isinstance(units, int) and not isinstance(units, bool) else UNKNOWN


def units_source(apply: Apply, seen=None) -> Apply | None:
    """The Dense application whose units ``apply`` outputs, through layers that keep them."""
    seen = seen or set()
    if apply in seen:
        return None
    seen.add(apply)
    if apply.kind == "Dense":
        return apply
    keeps_units = apply.kind in names.ACTIVATION_LAYERS or apply.kind in names.DROPOUT_LAYERS or apply.kind in (
        "BatchNormalization",
        "LayerNormalization",
    )
    if keeps_units and len(apply.inputs) == 1:
        return units_source(apply.inputs[0][0], seen)
    return None


# For the design heuristics: layers between two convolutions (or two Dense layers) that
# leave the question "what comes next" open, and the sizes they compare.
BETWEEN_LAYERS = (
    names.ACTIVATION_LAYERS
    | names.DROPOUT_LAYERS
    | {"BatchNormalization", "LayerNormalization", "GroupNormalization"}
    | {f"ZeroPadding{n}D" for n in (1, 2, 3)}
)
FILTER_CONVS = frozenset(k for k in names.CONV_LAYERS if not k.endswith("Transpose") and not k.startswith("Depthwise"))
UPSAMPLING_LAYERS = frozenset(
    {f"UpSampling{n}D" for n in (1, 2, 3)} | {k for k in names.CONV_LAYERS if k.endswith("Transpose")}
)
LOCAL_POOLING = frozenset(k for k in names.POOLING_LAYERS if not k.startswith("Global"))


def known_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def kernel_extent(layer: Layer) -> int | None:
    """The largest side of a convolution's kernel, where literal."""
    size = layer.get("kernel_size", UNKNOWN)
    sides = size if isinstance(size, tuple) else (size,)
    sides = [known_int(side) for side in sides]
    return max(sides) if sides and None not in sides else None


def successive_convolutions(graph: Graph, kinds) -> Iterator[tuple[Apply, Apply]]:
    """(convolution, the next convolution on its path) pairs among ``kinds``, through
    activations, normalization, dropout, padding and local pooling only."""
    for conv in graph.applies_of(kinds):
        for nxt in following(graph, conv, kinds, BETWEEN_LAYERS | LOCAL_POOLING):
            yield conv, nxt


def last_weighted_layer(graph: Graph, apply: Apply) -> bool:
    """Whether ``apply``'s output reaches the scope's end (a model output, a return) only
    through layers without weights (activations, dropout, pooling, reshaping): it is the
    layer that makes the output, whose size the task sets (a 1-channel score map, a
    3-channel image, the classes)."""
    stack, seen = [apply], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        consumers = graph.consumers(current)
        if current is not apply and current.kind not in KEEPS_SHAPE | MOVES_VALUES_ONLY:
            return False
        stack.extend(consumer for consumer, _ in consumers)
    return True


def output_apply(model) -> Apply | None:
    """The layer application that makes the output of a model with one output, when one
    application surely does; None otherwise."""
    heads = model.output_heads()
    producers = list(heads[0][1]) if len(heads) == 1 else []
    return producers[0][0] if len(producers) == 1 else None


def input_and_output_shapes(model) -> tuple | None:
    """(input shape, output shape) of a model with one input and one output, both
    known; None otherwise."""
    output = output_apply(model)
    inputs = [apply.output_shape for apply in model.applies if apply.kind == "Input"]
    if output is None or len(inputs) != 1:
        return None
    return None if inputs[0] is None or output.output_shape is None else (inputs[0], output.output_shape)


def reconstructions(graph: Graph) -> set:
    """The layer applications inside the scope's models whose output has the shape of
    their input, of rank 3 or more: image-to-image networks (autoencoders, denoisers),
    whose layers narrow towards a bottleneck and widen again on purpose."""
    inside = set()
    for model in graph.models:
        shapes = input_and_output_shapes(model)
        if shapes is not None and len(shapes[1]) >= 3 and shapes[0] == shapes[1]:
            inside |= model.applies
    return inside


def decodes(graph: Graph) -> bool:
    """Whether the scope up-samples (a decoder or generator, where sizes grow on purpose)."""
    return any(graph.applies_of(UPSAMPLING_LAYERS | {"Reshape"}))


HEURISTIC_NOTE = (
    "This is a design heuristic (from NeuraLint's rules), off by default: good networks break it on purpose, so "
    "enable it where it fits the project"
)


def upstream(apply: Apply) -> Iterator[Apply]:
    """Every application whose output reaches ``apply``, each once."""
    seen, stack = set(), [producer for producer, _ in apply.inputs]
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            yield current
            stack.extend(producer for producer, _ in current.inputs)


def fed_channels_first_image(apply: Apply) -> bool:
    """Whether a model input upstream of ``apply`` is shaped like a channels-first image,
    ``(3, 224, 224)``: code of the Keras 1/2 era written for a ``keras.json`` that sets
    ``channels_first``, where the default data format of its layers is not what it says."""
    for current in (apply, *upstream(apply)):
        shape = current.output_shape if current.kind == "Input" else None
        if shape is not None and len(shape) >= 4 and shape[1] in (1, 3, 4) and known_int(shape[-1]) and shape[-1] > 4:
            return True
    return False


def compiled_loss(earlier: list, train) -> Any:
    """The loss a one-output model is compiled with when the training event ``train``
    runs (``earlier``: the events before it): that of the last compile() that surely
    runs before it, when every later one that may run has a loss of the same family;
    None otherwise."""
    losses = []
    for event in reversed(earlier):
        if event.kind != "compile" or event.model is not train.model or not compatible(event.condition, train.condition):
            continue
        if len(event.losses) != 1 or len(train.model.output_heads()) != 1:
            return None
        losses.append(event.losses[0][1])
        if event.condition <= train.condition:  # runs whenever the training call does
            return losses[-1] if len({loss.family for loss in losses}) == 1 else None
    return None
