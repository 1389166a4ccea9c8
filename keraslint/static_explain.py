"""``keraslint explain --static``: the parameter report of a model read from source code.

No keras import and no execution of the user's file: the engine's builder interprets the
build function (``file.py:build_fn``, ``package.module:build_fn``, parameters at their
defaults) or the module body (``file.py:model`` for a module-level model), and the
shape module gives each layer its output shape and variables. What the engine cannot
follow is listed in the report's ``unknown`` part with the reason, and the totals are
then lower bounds; a number the report does give is exact.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from typing import Any

import astroid
from astroid import nodes
from astroid.rebuilder import TreeRebuilder

from keraslint.engine import builder, shapes
from keraslint.engine.graph import UNKNOWN, Apply, Graph, Layer, ModelValue, describe_condition
from keraslint.engine.refs import Ref
from keraslint.parameter_report import (
    BATCHNORM_STATISTICS,
    FROZEN,
    NON_TRAINABLE_VARIABLE,
    LayerParameters,
    ParameterReport,
    UnknownPart,
    VariableParameters,
    causes_of,
)


class StaticExplainError(Exception):
    """A target the static path cannot read; the message is the one line shown."""


def explain_source(path: str, name: str) -> ParameterReport:
    """The static report of ``name`` (a build function or a module-level model) in ``path``."""
    try:
        with open(path, encoding="utf-8") as source:
            module = _parse(source.read(), path)
    except (OSError, UnicodeDecodeError) as error:
        raise StaticExplainError(f"cannot read {path}: {error}") from None
    analysis = builder.ModuleAnalysis(module)
    try:
        value, graph = analysis.evaluate_entry(name)
    except TypeError as error:
        raise StaticExplainError(str(error)) from None
    if isinstance(value, (nodes.ClassDef, Ref)) or value is UNKNOWN or value is None:
        described = "nothing the engine can follow" if value is UNKNOWN or value is None else "a class, not a model"
        raise StaticExplainError(f"{path}:{name} is {described}")
    if not isinstance(value, ModelValue):
        raise StaticExplainError(f"{path}:{name} is {type(value).__name__}, not a Keras model the engine can follow")
    return _Accounting(graph).report(value)


def _parse(source: str, path: str) -> nodes.Module:
    """The module's syntax tree and nothing more: no astroid bootstrap (a tree of the
    builtins, a third of the run time), no transforms and no inference of attribute
    assignments (which would read imported packages, keras among them): the builder
    reads syntax only."""
    try:
        tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as error:
        raise StaticExplainError(f"cannot parse {path}: {' '.join(str(error).split())}") from None
    return TreeRebuilder(astroid.MANAGER).visit_module(tree, "_keraslint_static", os.path.abspath(path), False)


def find_module_file(module_name: str) -> str:
    """The source file of ``package.module`` on sys.path (and the current directory),
    found without importing anything."""
    parts = module_name.split(".")
    for root in [os.getcwd(), *sys.path]:
        base = os.path.join(root or os.curdir, *parts)
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                return candidate
    raise StaticExplainError(f"cannot find module {module_name} on the Python path")


def keras_layer_name(kind: str) -> str:
    """Keras's default name stem for a layer class: Conv2D -> conv2d, LSTM -> lstm."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", kind)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


# Layers whose build() creates unnamed sublayers that take the next name of their stem.
_SUBLAYERS_BUILT = {"MultiHeadAttention": ("softmax", "dropout")}

_PARAMETER_FREE_OPS = ("op", "getitem", "loop-carried")  # tensor arithmetic and indexing


class _Accounting:
    """Turns a model of the graph into a report, naming layers as a fresh Keras process would."""

    def __init__(self, graph: Graph):
        self.order = {apply: i for i, apply in enumerate(graph.applies)}
        self.events = graph.events
        self.models = graph.models  # in the order they were constructed, which is how Keras numbers names
        self.name_counts: dict[str, int] = {}
        self.model_names: dict = {}
        self.unknown: list[UnknownPart] = []
        self.frozen: set = set()  # Layers and ModelValues whose trainable is False at the end
        self.unsure: set = set()  # ... whose trainable flag is set where the code cannot be followed
        self.unsure_paths: set[str] = set()
        self.freezer_kinds: dict[str, str] = {}

    def report(self, model: ModelValue) -> ParameterReport:
        self._trainable_events()
        self.model_names = {m: self._new_model_name(m) for m in self.models}
        model_name = self._model_name(model)
        layers = tuple(self._layers(model, "", model_name, self._freezer(model, model_name, None), model in self.unsure))
        sure = [v for layer in layers if layer.path not in self.unsure_paths for v in layer.variables]
        if self.unsure_paths:
            self.unknown.append(
                UnknownPart(", ".join(sorted(self.unsure_paths)), "trainable is set under a condition, in a loop "
                            "over model.layers or to a value the engine cannot fold: the trainable split is not known")
            )
        return ParameterReport(
            model_name=model_name,
            model_class={"sequential": "Sequential", "functional": "Functional"}.get(model.style, model.style),
            dtype_policy="float32",
            total=sum(v.count for layer in layers for v in layer.variables),
            trainable=sum(v.count for v in sure if v.trainable),
            non_trainable=sum(v.count for v in sure if not v.trainable),
            layers=layers,
            causes=causes_of(layers, self.freezer_kinds),
            notes=(),
            static=True,
            unknown=tuple(self.unknown),
        )

    # ------------------------------------------------------------------ names
    def _unique(self, stem: str) -> str:
        count = self.name_counts.get(stem, 0)
        self.name_counts[stem] = count + 1
        return stem if count == 0 else f"{stem}_{count}"

    def _model_name(self, model: ModelValue) -> str:
        if model not in self.model_names:
            self.model_names[model] = self._new_model_name(model)
        return self.model_names[model]

    def _new_model_name(self, model: ModelValue) -> str:
        given = _literal_keyword(model.node, "name")
        if given:
            return given
        if model.style == "application" and not isinstance(model.application, (str, type(None))):
            return model.application.name
        stem = {"sequential": "sequential", "functional": "functional"}.get(model.style)
        if stem is None and isinstance(model.node, nodes.Call):
            stem = keras_layer_name(model.node.func.as_string().rsplit(".", 1)[-1])
        return self._unique(stem or "model")

    def _layer_name(self, apply: Apply) -> str:
        layer = apply.layer
        if layer.kind == "?" and "class" in layer.config:  # a custom layer: Keras names it after its class
            return self._unique(keras_layer_name(layer.config["class"]))
        if layer.kind == "?":  # not a layer at all as far as the engine knows: named by its code
            code = apply.node.as_string()
            return code if len(code) <= 40 else code[:37] + "..."
        wrapped = layer.config.get("layer")  # TimeDistributed(LSTM(...)): Keras names the LSTM first
        if isinstance(wrapped, Layer) and not isinstance(wrapped.config.get("name"), str) and wrapped.kind != "?":
            self._unique(keras_layer_name(wrapped.kind))
        given = layer.config.get("name")
        name = given if isinstance(given, str) else self._unique(keras_layer_name(layer.kind))
        for stem in _SUBLAYERS_BUILT.get(layer.kind, ()):
            self._unique(stem)  # Keras names them when the layer is built, at this call
        return name

    # -------------------------------------------------------------- trainable
    def _trainable_events(self) -> None:
        """``x.trainable = ...`` statements in order; one the engine cannot follow (under a
        condition, an unknown value, some of ``model.layers``) makes its target unsure."""
        for event in self.events:
            if event.kind != "set_trainable":
                continue
            target = event.layer or event.model or event.layers_of
            if event.condition or event.value not in (True, False) or event.layers_of is not None:
                self.unsure.add(target)
            elif event.value is False:
                self.frozen.add(target)
            else:
                self.frozen.discard(target)

    def _freezer(self, target: Any, path: str, outer: str | None) -> str | None:
        """The path of the outermost frozen container of ``target``, ``target`` included."""
        if outer is not None:
            return outer
        frozen = target in self.frozen or (isinstance(target, Layer) and target.get("trainable", True) is False)
        if not frozen:
            return None
        self.freezer_kinds[path] = "model" if isinstance(target, ModelValue) or target.model is not None else "layer"
        return path

    # ------------------------------------------------------------------ layers
    def _applies(self, model: ModelValue) -> list[Apply]:
        """The model's applications with everything that feeds them, in build order."""
        found, stack = set(), list(model.applies) + list(model.outputs.producers if model.outputs else ())
        while stack:
            apply = stack.pop()
            if apply not in found:
                found.add(apply)
                stack.extend(p for p, _ in apply.inputs)
        return sorted(found, key=lambda a: (self.order.get(a, len(self.order)), a.node.lineno or 0))

    def _layers(self, model: ModelValue, prefix: str, model_path: str, freezer: str | None, unsure: bool) -> list:
        if model.style == "application":
            return [self._application(model, model_path, freezer, unsure)]
        if (model.style == "sequential" and not model.output_is_known) or (model.outputs is None and not model.applies):
            self.unknown.append(UnknownPart(model_path, "the model's layers could not be followed"))
            return []
        layers: list[LayerParameters] = []
        seen: set = set()
        for apply in self._applies(model):
            layer = apply.layer
            if layer in seen or layer.kind == "Input":
                continue
            seen.add(layer)
            if layer.kind == "?" and str(layer.config.get("label", "")).startswith(_PARAMETER_FREE_OPS):
                continue
            nested = layer.model
            if apply.condition:  # built or not depending on a test the engine cannot fold: not counted
                path = f"{prefix}{keras_layer_name(layer.kind)} (when {describe_condition(apply.condition)})"
                self.unknown.append(UnknownPart(path, "built only under a condition the engine cannot decide"))
                layers.append(LayerParameters(path, _class_name(layer), (), None, unknown="under a condition"))
                continue
            path = prefix + (self._model_name(nested) if nested is not None else self._layer_name(apply))
            target = nested if nested is not None else layer
            layer_freezer = self._freezer(target, path, freezer)
            layer_unsure = unsure or target in self.unsure
            if nested is not None:
                layers += self._layers(nested, path + "/", path, layer_freezer, layer_unsure)
                continue
            if layer_unsure:
                self.unsure_paths.add(path)
            layers.append(self._layer_parameters(apply, path, layer_freezer))
        return layers

    def _application(self, model: ModelValue, path: str, freezer: str | None, unsure: bool) -> LayerParameters:
        """One row for a keras.applications model: the table gives totals, not its layers."""
        if unsure:
            self.unsure_paths.add(path)
        table = shapes.application_shapes(model.application, None)
        return self._parameters(table, "Functional", path, freezer, statistics=False)

    def _layer_parameters(self, apply: Apply, path: str, freezer: str | None) -> LayerParameters:
        statistics = apply.kind == "BatchNormalization"
        return self._parameters(apply.shapes or shapes.UNKNOWN_LAYER, _class_name(apply.layer), path, freezer, statistics)

    def _parameters(self, layer_shapes, class_name: str, path: str, freezer: str | None, statistics: bool):
        variables = layer_shapes.variables
        if variables is None or any(v.count is UNKNOWN for v in variables):
            reason = layer_shapes.reason or "not followed"
            self.unknown.append(UnknownPart(path, reason))
            return LayerParameters(path, class_name, (), _shape(layer_shapes.output), unknown=reason)
        listed = []
        for variable in variables:
            if variable.trainable:
                cause = FROZEN if freezer is not None else None
            else:  # created non-trainable, as Keras's statistics are
                statistic = statistics and variable.name.startswith("moving_")
                cause = BATCHNORM_STATISTICS if statistic else NON_TRAINABLE_VARIABLE
            listed.append(
                VariableParameters(
                    name=variable.name,
                    shape=variable.shape,
                    count=variable.count,
                    dtype="float32",
                    trainable=cause is None,
                    cause=cause,
                    frozen_by=freezer if cause == FROZEN else None,
                )
            )
        return LayerParameters(path, class_name, tuple(listed), _shape(layer_shapes.output))


def _class_name(layer: Layer) -> str:
    if layer.kind == "?":
        return str(layer.config.get("class", "?"))
    return layer.kind


def _shape(shape: Any) -> tuple | None:
    return None if shape is None else tuple("?" if d is UNKNOWN else d for d in shape)


def _literal_keyword(node: nodes.NodeNG, key: str) -> str | None:
    if isinstance(node, nodes.Call):
        for keyword in node.keywords or ():
            if keyword.arg == key and isinstance(keyword.value, nodes.Const) and isinstance(keyword.value.value, str):
                return keyword.value.value
    return None
