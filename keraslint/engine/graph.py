"""The model graph: layer objects with their literal configuration, their
applications to tensors (the data-flow edges), the models that contain them, and
the calls made on those models (compile, fit, ``trainable`` assignments).

The builder (:mod:`keraslint.engine.builder`) fills these structures from any build
style; the rules read only these structures.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Iterator

from astroid import nodes

from keraslint.engine import names


class _Unknown:
    """A value the engine could not fold. Rules never guess on it."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value: compare it explicitly")


UNKNOWN = _Unknown()

# A set of literal conditions ("use_bn", "not (use_bn)") under which code runs.
Condition = frozenset

NONLINEAR_UNKNOWN = "<nonlinear>"


def describe_condition(condition: Condition) -> str:
    return " and ".join(f"`{c}`" for c in sorted(condition))


def compatible(a: Condition, b: Condition) -> bool:
    """False when one condition set contains a test the other negates."""
    return not any(f"not ({c})" in b for c in a) and not any(f"not ({c})" in a for c in b)


@dataclasses.dataclass(eq=False)
class Layer:
    """A layer object: one construction site, maybe applied several times."""

    kind: str  # canonical class name ("Conv2D"), "Model" for a nested model, "?" for unknown
    config: dict[str, Any]
    node: nodes.NodeNG  # where it was constructed: findings point here
    condition: Condition = Condition()
    inferred: bool = False  # resolved through a user subclass of a Keras layer
    open_config: bool = False  # **kwargs at construction: absent keys are unknown, not default
    model: "ModelValue | None" = None  # for kind == "Model"
    via: nodes.NodeNG | None = None  # call of the same-module helper that built it
    package: str | None = None  # top-level package of the class called: "keras", "tf_keras", "tensorflow_hub"...

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.config:
            return self.config[key]
        return UNKNOWN if self.open_config else default

    @property
    def activation(self) -> Any:
        """Normalised activation name ("linear" when none), or UNKNOWN."""
        if self.kind in ("Activation",):
            return self.get("activation", UNKNOWN)
        if self.kind == "ReLU":
            return "relu"
        if self.kind == "Softmax":
            return "softmax"
        if self.kind in ("LeakyReLU", "PReLU", "ELU"):
            return self.kind.lower()
        if self.kind in names.CONV_LAYERS or self.kind == "Dense":
            return self.get("activation", "linear")
        return UNKNOWN

    @property
    def is_linear_transform(self) -> bool:
        """A Dense or convolution whose activation is known to be linear."""
        return (self.kind == "Dense" or self.kind in names.CONV_LAYERS) and self.activation == "linear"

    def describe(self) -> str:
        where = f"line {self.node.lineno}"
        if self.via is not None:
            where += f", built by the call at line {self.via.lineno}"
        return f"{self.kind} ({where})"


@dataclasses.dataclass(eq=False)
class Apply:
    """One application of a layer (or a tensor operation) to input tensors."""

    layer: Layer
    inputs: list[tuple["Apply", Condition]]  # producer and the condition of that edge
    node: nodes.NodeNG  # the call site
    condition: Condition = Condition()
    training: Any = None  # the literal `training=` argument, None when absent
    rank: int | None = None  # output rank, batch axis included
    channel_axis: int | None = None  # non-negative channel axis of the output
    # ((loop statement, pass, item count), ...) of the loops it was applied in; the count
    # is None for a loop of unknown length, interpreted twice (pass 0, then pass 1).
    iteration: tuple = ()
    shapes: Any = None  # shapes.LayerShapes: output shape, variables, data format
    input_shapes: tuple = ()  # one shape per tensor argument, in call order (None: rank unknown)

    def carried_from(self, producer: "Apply") -> str:
        """' in the next iteration of the loop at line N' when the edge from ``producer``
        runs from one iteration of a loop into the next, else ''."""
        for (loop, taken, _), (producer_loop, produced, _) in zip(self.iteration, producer.iteration):
            if loop is not producer_loop:
                return ""
            if taken != produced:
                return f" in the next iteration of the loop at line {loop.lineno}" if taken > produced else ""
        return ""

    @property
    def output_shape(self) -> Any:
        """The output shape (batch axis first, UNKNOWN dimensions), None when the rank is unknown."""
        return None if self.shapes is None else self.shapes.output

    @property
    def kind(self) -> str:
        return self.layer.kind


class Tensor:
    """A symbolic tensor: the applications that may have produced it, each under a condition."""

    def __init__(self, producers: dict[Apply, Condition]):
        self.producers = producers

    @classmethod
    def of(cls, apply: Apply) -> "Tensor":
        return cls({apply: Condition()})

    def __iter__(self) -> Iterator[tuple[Apply, Condition]]:
        return iter(self.producers.items())


@dataclasses.dataclass(eq=False)
class ModelValue:
    """A model object: Sequential, functional, a keras.applications model, or unknown."""

    style: str  # "sequential" | "functional" | "application" | "subclassed"
    node: nodes.NodeNG
    name: str = ""  # the variable it was first bound to, "" while unnamed
    pretrained: bool = False
    architecture: str | None = None  # a library model's class ("ResNet50", "ResNetBackbone")
    library_batchnorm: Any = None  # a library model: whether its family uses BatchNormalization (or UNKNOWN)
    applies: set = dataclasses.field(default_factory=set)  # every Apply inside the model
    outputs: Tensor | None = None  # None while unknown
    output_is_known: bool = True
    as_layer: "Layer | None" = None  # the model seen as a layer of another model
    package: str | None = None  # top-level package of the class called: "keras", "tensorflow", "tf_keras"...
    # Several outputs, in order, each with the key it was given under in an `outputs={...}`
    # dict (None in a list); empty for a single output, which is ``outputs``.
    heads: list = dataclasses.field(default_factory=list)

    def output_heads(self) -> list[tuple[str | None, Tensor]]:
        """The model's outputs in order, each with its dict key where given one; [] while unknown."""
        if self.heads:
            return self.heads
        if self.output_is_known and self.outputs is not None:
            return [(None, self.outputs)]
        return []
    application: Any = None  # keras.applications: the table's ApplicationSummary, or why there is none

    def contains_layer(self, layer: Layer, seen=None) -> bool:
        seen = seen or set()
        if id(self) in seen:
            return False
        seen.add(id(self))
        for apply in self.applies:
            if apply.layer is layer:
                return True
            if apply.layer.model is not None and apply.layer.model.contains_layer(layer, seen):
                return True
        return False

    def label(self) -> str:
        """How messages name it: its variable, else its class and line."""
        if self.name:
            return self.name
        return f"the {self.architecture or self.style + ' model'} built at line {self.node.lineno}"

    def contains_batchnorm(self, seen=None) -> Any:
        """True when it is known to hold a BatchNormalization (its own layer, a nested
        model's, or its library family's), False when known not to, else UNKNOWN."""
        if self.library_batchnorm is not None:
            return self.library_batchnorm
        seen = seen or set()
        if id(self) in seen:
            return False
        seen.add(id(self))
        answer: Any = False if self.output_is_known and self.outputs is not None else UNKNOWN
        for apply in self.applies:
            if apply.kind == "BatchNormalization":
                return True
            if apply.layer.model is not None:
                inner = apply.layer.model.contains_batchnorm(seen)
                if inner is True:
                    return True
                answer = UNKNOWN if inner is UNKNOWN else answer
            elif apply.kind not in names.KNOWN_LAYERS:
                answer = UNKNOWN
        return answer

    def contains_model(self, model: "ModelValue", seen=None) -> bool:
        seen = seen or set()
        if id(self) in seen:  # `model.add(model)`: a model that contains itself
            return False
        seen.add(id(self))
        return any(
            apply.layer.model is model
            or (apply.layer.model is not None and apply.layer.model.contains_model(model, seen))
            for apply in self.applies
        )


@dataclasses.dataclass(eq=False)
class LayersOf:
    """``model.layers`` (maybe sliced or indexed): some layers of a model, not known one by one."""

    model: ModelValue


@dataclasses.dataclass(eq=False)
class LossSpec:
    family: str  # keras_facts.LOSS_FAMILIES' values, or "other"
    from_logits: Any  # True / False / UNKNOWN
    node: nodes.NodeNG
    given_as: str  # "string" | "class" | "function"
    name: str = ""  # as written: "poisson", "KLDivergence"


@dataclasses.dataclass(eq=False)
class Labels:
    """Training labels whose encoding the code shows: "one-hot" (``to_categorical``,
    ``one_hot``, ``label_binarize`` over more than two classes...) or "integer"
    (``LabelEncoder``, the labels of ``keras.datasets``)."""

    encoding: str
    node: nodes.NodeNG  # where they were prepared
    # One label per example, as the source shows: keras.datasets' classifiers, sklearn's
    # encoders (one row per sample), pandas.get_dummies, or one-hot of such labels.
    per_example: bool = False


@dataclasses.dataclass(frozen=True)
class TrainableState:
    """The ``trainable`` assignments in effect inside one model at one point of the
    program: (target, setting) pairs, where a target is a model, a layer or
    ("layers_of", model), and a setting is (value, index of the assigning event in
    ``Graph.events``), or UNKNOWN where paths that set it differently joined."""

    settings: frozenset = frozenset()

    def differences(self, reference: "TrainableState") -> Iterator[tuple[Any, tuple]]:
        """(target, setting here) for each target whose known value here differs from
        its known value in ``reference``; a target absent from a state has its default."""
        theirs = dict(reference.settings)
        for target, setting in self.settings:
            other = theirs.get(target)
            if setting is UNKNOWN or other is UNKNOWN:
                continue
            value = setting[0]
            old = other[0] if other is not None else _unassigned_trainable(target, theirs)
            if isinstance(value, bool) and isinstance(old, bool) and value != old:
                yield target, setting


def _unassigned_trainable(target: Any, settings: dict) -> Any:
    """``trainable`` of a target no assignment reached: layers and models start
    trainable; some of a model's layers follow the model's own setting."""
    if isinstance(target, Layer):
        return target.get("trainable", True)
    if isinstance(target, tuple):
        model_setting = settings.get(target[1])
        if model_setting is not None:
            return UNKNOWN if model_setting is UNKNOWN else model_setting[0]
        return True
    return True


def target_within(target: Any, model: ModelValue) -> bool:
    """Whether a trainable target (model, layer, ("layers_of", model)) lies inside ``model``."""
    if isinstance(target, tuple):
        target = target[1]
    if isinstance(target, ModelValue):
        return target is model or model.contains_model(target)
    return isinstance(target, Layer) and model.contains_layer(target)


@dataclasses.dataclass(eq=False)
class Event:
    """A call on a model object, or a ``trainable`` assignment, in statement order."""

    kind: str  # "compile" | "train" | "infer" (predict, load_weights) | "set_trainable"
    node: nodes.NodeNG
    model: ModelValue | None = None  # compile/train: the model; set_trainable: when it is a model
    layer: Layer | None = None  # set_trainable on a layer object
    layers_of: ModelValue | None = None  # set_trainable on (some of) model.layers
    value: Any = UNKNOWN
    # compile: the loss of each output whose loss is known, as (output, loss) pairs
    losses: list[tuple[Tensor, LossSpec]] = dataclasses.field(default_factory=list)
    labels: Labels | None = None  # train: the labels passed, where their encoding is known
    condition: Condition = Condition()
    # train: the model's trainable state at this call, at the last compile() (UNKNOWN
    # when paths disagree, None when no compile() was seen) and at the first training
    # call since then (None when this is that call, UNKNOWN when paths disagree).
    trainable: TrainableState | None = None
    compiled: Any = None
    first_trained: Any = None

    def targets_within(self, model: ModelValue) -> bool:
        """Whether this trainable assignment touches weights inside ``model``."""
        if self.model is not None:
            return self.model is model or model.contains_model(self.model)
        if self.layer is not None:
            return model.contains_layer(self.layer)
        if self.layers_of is not None:
            return self.layers_of is model or model.contains_model(self.layers_of)
        return False

    def target_name(self) -> str:
        node = self.node
        if isinstance(node, nodes.Assign | nodes.AugAssign):
            return node.targets[0].as_string() if isinstance(node, nodes.Assign) else node.target.as_string()
        return node.as_string()


@dataclasses.dataclass
class Graph:
    """Everything the builder learnt about one scope (module, function or class)."""

    scope: nodes.NodeNG
    applies: list[Apply] = dataclasses.field(default_factory=list)
    models: list[ModelValue] = dataclasses.field(default_factory=list)
    events: list[Event] = dataclasses.field(default_factory=list)
    escaping: set = dataclasses.field(default_factory=set)  # Applies whose output leaves the scope
    returned_models: set = dataclasses.field(default_factory=set)  # models the scope returns or keeps on self
    # The analysis of the whole module, where the other calls of a helper are found.
    module: Any = dataclasses.field(default=None, repr=False, compare=False)
    _consumers: dict | None = None

    def consumers(self, apply: Apply) -> list[tuple[Apply, Condition]]:
        """Applications that take ``apply``'s output, with the condition of each edge."""
        if self._consumers is None:
            self._consumers = {}
            for consumer in self.applies:
                for producer, condition in consumer.inputs:
                    edge = condition | consumer.condition
                    self._consumers.setdefault(producer, []).append((consumer, edge))
        return self._consumers.get(apply, [])

    def applies_of(self, kinds: Iterable[str]) -> Iterator[Apply]:
        kinds = frozenset(kinds)
        return (a for a in self.applies if a.kind in kinds)

    def reaches_only(
        self, start: Apply, target_kinds: frozenset, through_kinds: frozenset
    ) -> list[tuple[Apply, Condition]] | None:
        """The ``target_kinds`` applications that every path from ``start`` ends in,
        passing only through ``through_kinds``, each with the condition of its path.

        None when some path (under a condition compatible with a target's) ends
        elsewhere or leaves the scope: then the output is used for something else.
        """
        targets: list[tuple[Apply, Condition]] = []
        others: list[Condition] = []
        frontier = [(start, Condition())]
        visited = set()
        while frontier:
            apply, condition = frontier.pop()
            if (apply, condition) in visited:
                continue
            visited.add((apply, condition))
            if apply is not start and apply.kind in target_kinds:
                targets.append((apply, condition))
                continue
            if apply is not start and apply.kind not in through_kinds:
                others.append(condition)
                continue
            if apply in self.escaping:
                others.append(condition)
            consumers = self.consumers(apply)
            if not consumers and apply is not start:
                others.append(condition)
            for consumer, edge in consumers:
                frontier.append((consumer, condition | edge))
        targets = [(t, c) for t, c in targets if not any(compatible(c, o) for o in others)]
        return targets or None
