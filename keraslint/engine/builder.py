"""Build model graphs from source: a small abstract interpreter over astroid nodes.

It walks each scope's statements in order and folds what it can: literals and
module-level constants, layer classes (through imports, aliases and
``functools.partial``), layer objects, tensors, models and the calls made on them.
Anything it cannot fold becomes ``UNKNOWN``, and rules never guess on that.

Scopes analysed: the module body, every function (parameters unknown), and every
subclass of ``keras.Model``/``keras.layers.Layer`` (``__init__``/``build`` then
``call``). Calls to functions of the same module are followed one level deep, with
their arguments bound, so a ``conv_block(x, 64)`` helper joins its caller's graph.
"""

from __future__ import annotations

import collections
import dataclasses
import operator
from typing import Any

from astroid import nodes
from astroid.const import Context

from keraslint.engine import applications, names, shapes
from keraslint.engine.graph import (
    UNKNOWN,
    Apply,
    Condition,
    Event,
    Graph,
    Labels,
    Layer,
    LayersOf,
    LossSpec,
    ModelValue,
    Tensor,
    TrainableState,
    target_within,
)
from keraslint.engine.refs import Ref
from keraslint.engine.signatures import ACTIVATION_FUNCTIONS, layer_config
from keraslint.keras_facts import (
    HUB_MODEL_SUFFIXES,
    application_has_batchnorm,
    hub_model_has_batchnorm,
    loss_family,
)

MAX_UNROLL = 64
FOLDED_BUILTINS = frozenset({"range", "enumerate", "zip", "len", "reversed", "list", "tuple"})
# Calls that read the global image data format.
DATA_FORMAT_QUERIES = frozenset({"backend.image_data_format", "config.image_data_format", "backend.image_dim_ordering"})
_DIM_ORDERING = {"channels_last": "tf", "channels_first": "th"}
TF_INITIALIZERS = frozenset(
    f"tensorflow{version}.{kind}_initializer"
    for version in ("", ".compat.v1")
    for kind in ("zeros", "ones", "constant")
)
ONE_HOT_FUNCTIONS = frozenset({"tensorflow.one_hot", "jax.nn.one_hot", "torch.nn.functional.one_hot", "pandas.get_dummies"})
LABEL_CODERS = {"LabelEncoder": "integer", "OneHotEncoder": "one-hot"}
# keras.datasets whose load_data() gives integer class labels.
INTEGER_LABEL_DATASETS = frozenset({"mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters"})
INLINE_DEPTH = 1
TRAIN_METHODS = frozenset({"fit", "train_on_batch", "fit_generator"})
INFERENCE_METHODS = frozenset({"predict", "predict_on_batch", "predict_generator", "load_weights"})


@dataclasses.dataclass(eq=False)
class ListValue:
    items: list


@dataclasses.dataclass(eq=False)
class SelfRef:
    cls: nodes.ClassDef


@dataclasses.dataclass(eq=False)
class BoundMethod:
    obj: Any
    name: str


@dataclasses.dataclass(eq=False)
class LabelCoder:
    """An sklearn label encoder object; its ``fit_transform``/``transform`` give ``encoding`` labels."""

    encoding: str


@dataclasses.dataclass
class Frame:
    names: dict
    state: dict  # mutable object state: ("tail", model) -> Tensor, ("attr", name) -> value
    graph: Graph
    condition: Condition = Condition()
    depth: int = 0
    self_ref: SelfRef | None = None
    returns: list = dataclasses.field(default_factory=list)
    via: nodes.NodeNG | None = None  # call site of the inlined function being interpreted
    iteration: tuple = ()  # ((loop statement, pass, item count or None), ...) of the enclosing loops
    varying: frozenset = frozenset()  # names (re)bound by the enclosing loops

    def fork(self, extra: str | None) -> "Frame":
        condition = self.condition | {extra} if extra else self.condition
        return dataclasses.replace(self, names=dict(self.names), state=dict(self.state), condition=condition)


_ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
               "//": operator.floordiv, "%": operator.mod}  # fmt: skip


def _fold_arithmetic(op: str, left: Any, right: Any) -> Any:
    """``left op right`` on two numbers, as Python computes it; anything else is unknown."""
    if not (isinstance(left, (int, float)) and isinstance(right, (int, float))) or op not in _ARITHMETIC:
        return UNKNOWN
    try:
        return _ARITHMETIC[op](left, right)
    except ArithmeticError:
        return UNKNOWN


def _merge_values(a: Any, b: Any, cond_a: str | None, cond_b: str | None) -> Any:
    if a is b or (type(a) is type(b) and isinstance(a, (bool, int, float, str, tuple, TrainableState)) and a == b):
        return a
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        merged: dict = {}
        for tensor, extra in ((a, cond_a), (b, cond_b)):
            for producer, condition in tensor:
                condition = condition | {extra} if extra else condition
                merged[producer] = merged[producer] & condition if producer in merged else condition
        return Tensor(merged)
    return UNKNOWN


def _merge_into(target: dict, a: dict, b: dict, cond_a: str | None, cond_b: str | None) -> None:
    for key in set(a) | set(b):
        if key in a and key in b:
            target[key] = _merge_values(a[key], b[key], cond_a, cond_b)
        elif isinstance(key, tuple) and key[0] == "trainable":
            target[key] = UNKNOWN  # set on one path only: the other keeps what it had
        else:
            target[key] = a.get(key, b.get(key))


class ModuleAnalysis:
    """Graphs of every scope of one module."""

    def __init__(self, module: nodes.Module, image_data_format: str = "channels_last"):
        self.module = module
        self.imports = names.ImportTable(module)
        self.graphs: list[Graph] = []
        self.globals: dict[str, Any] = {}
        self.class_outputs: dict[nodes.ClassDef, Tensor] = {}
        # `if` conditions on names a loop rebinds: true in some iterations only, and
        # which ones is unknown, so they never join layers of different iterations.
        self.varying_conditions: set[str] = set()
        self.called_functions = {
            call.func.name for call in module.nodes_of_class(nodes.Call) if isinstance(call.func, nodes.Name)
        }
        self.arguments: dict[Apply, list] = {}  # the producers of each tensor argument, in order
        self.inlined_calls: set[nodes.Call] = set()  # helper calls followed in some scope's graph
        # The image data format layers default to, and that `K.image_data_format()`
        # answers, so `if` tests on it fold and each value chosen there is known; None
        # (unknown) in a module that changes the global setting. keras.json may set
        # either format: a module that asks is analysed once per format (analyse_formats).
        sets_format = any(
            isinstance(call.func, (nodes.Name, nodes.Attribute))
            and (names.attribute_chain(call.func) or [""])[-1] in ("set_image_data_format", "set_image_dim_ordering")
            for call in module.nodes_of_class(nodes.Call)
        )
        self.default_data_format: str | None = None if sets_format else image_data_format
        # The scopes whose graphs asked for the image data format: their findings may
        # hold under one format only.
        self.format_scopes: set[nodes.NodeNG] = set()

    # ------------------------------------------------------------------ scopes
    def run(self) -> "ModuleAnalysis":
        self._collect_globals()
        for cls in self.module.nodes_of_class(nodes.ClassDef):
            if self._keras_base(cls) in ("layers.Layer", "Model"):
                self._run_class(cls)
        self._run_scope(self.module, self.module.body, {})
        for func in self.module.nodes_of_class(nodes.FunctionDef):
            if isinstance(func.parent, nodes.ClassDef) and self._keras_base(func.parent) in ("layers.Layer", "Model"):
                continue
            self._run_scope(func, func.body, {arg.name: UNKNOWN for arg in func.args.arguments})
        for graph in self.graphs:
            graph.module = self
        return self

    def helper_instances(self, node: nodes.NodeNG) -> list[tuple[Graph, Apply]] | None:
        """Every application, in every graph, of the layers built at ``node`` inside a
        helper function, across all the helper's calls in this module; None when the
        helper is used somewhere the engine did not follow (a call nested too deep to be
        inlined, the function passed on as a value), so what holds there is unknown.

        The helper's own analysis, with its parameters unknown, is left out: it is not a
        use of the helper."""
        helper = node.scope()
        if not isinstance(helper, nodes.FunctionDef):
            return None
        for use in self.module.nodes_of_class((nodes.Name, nodes.Attribute)):
            named = use.name if isinstance(use, nodes.Name) else use.attrname
            if named != helper.name:
                continue
            call = use.parent
            if not (isinstance(call, nodes.Call) and call.func is use and call in self.inlined_calls):
                return None
        return [(g, a) for g in self.graphs for a in g.applies if a.layer.node is node and a.layer.via is not None]

    def evaluate_entry(self, name: str) -> tuple[Any, Graph]:
        """What ``keraslint explain`` asks for: the value of module-level ``name`` after the
        module body ran, or, for a function, what calling it with no arguments returns
        (its parameters at their defaults), with the graph it was built in.

        Raises TypeError when the function has a parameter without a default."""
        self._collect_globals()
        for cls in self.module.nodes_of_class(nodes.ClassDef):
            if self._keras_base(cls) in ("layers.Layer", "Model"):
                self._run_class(cls)
        module_graph = Graph(self.module)
        frame = Frame(names={}, state={}, graph=module_graph)
        self._exec_block(self.module.body, frame)
        self._finish(frame)
        value = frame.names.get(name, self.globals.get(name, UNKNOWN))
        if not isinstance(value, nodes.FunctionDef):
            return value, module_graph
        params = {}
        required = value.args.posonlyargs + value.args.args
        defaults = value.args.defaults or []
        for i, arg in enumerate(required):
            if i < len(required) - len(defaults):
                raise TypeError(f"{name}() needs the argument {arg.name!r}: explain calls it with none")
            params[arg.name] = self._evaluate_pure(defaults[i - len(required) + len(defaults)], frame)
        for arg, default in zip(value.args.kwonlyargs, value.args.kw_defaults or []):
            if default is None:
                raise TypeError(f"{name}() needs the argument {arg.name!r}: explain calls it with none")
            params[arg.name] = self._evaluate_pure(default, frame)
        graph = Graph(value)
        inner = Frame(names=params, state={}, graph=graph)
        self._exec_block(value.body, inner)
        self._finish(inner)
        return self._merged_returns(inner), graph

    def _collect_globals(self) -> None:
        """Module-level literal constants, layer aliases, partials, functions and classes.
        A list of literals the module never changes is a constant too (a tuple)."""
        frame = Frame(names=self.globals, state={}, graph=Graph(self.module))
        changed = _changed_names(self.module)
        for stmt in self.module.body:
            if (
                isinstance(stmt, nodes.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], nodes.AssignName)
                and isinstance(stmt.value, nodes.List)
                and stmt.targets[0].name not in changed
            ):
                items = tuple(self._evaluate_pure(e, frame) for e in stmt.value.elts)
                if all(isinstance(i, (int, float, str, bool, tuple, type(None))) for i in items):
                    self.globals[stmt.targets[0].name] = items
                continue
            if isinstance(stmt, nodes.FunctionDef):
                self.globals[stmt.name] = stmt
            elif isinstance(stmt, nodes.ClassDef):
                self.globals[stmt.name] = stmt
            elif isinstance(stmt, nodes.Assign) and len(stmt.targets) == 1:
                # `img_rows, img_cols = 28, 28` binds each name; a name the module changes
                # anywhere (`filters *= 2`, a second assignment) is no constant.
                target, value = stmt.targets[0], self._evaluate_pure(stmt.value, frame)
                if isinstance(target, nodes.AssignName):
                    pairs = [(target, value)]
                elif isinstance(target, nodes.Tuple) and isinstance(value, tuple) and len(value) == len(target.elts):
                    pairs = list(zip(target.elts, value))
                else:
                    pairs = []
                for name, item in pairs:
                    if isinstance(name, nodes.AssignName) and item is not UNKNOWN and name.name not in changed:
                        self.globals[name.name] = item

    def _evaluate_pure(self, node: nodes.NodeNG, frame: Frame) -> Any:
        """Fold a module-level value without creating graph nodes: literals and references only."""
        if isinstance(node, nodes.Call):
            func = self.evaluate(node.func, frame)
            if isinstance(func, Ref) and func.canonical == "partial" and node.args:
                target = self._evaluate_pure(node.args[0], frame)
                if isinstance(target, Ref):
                    presets = dict(target.presets)
                    presets.update({kw.arg: self._evaluate_pure(kw.value, frame) for kw in node.keywords or () if kw.arg})
                    return dataclasses.replace(target, presets=tuple(presets.items()))
            return UNKNOWN
        if isinstance(node, (nodes.Const, nodes.Name, nodes.Attribute, nodes.Tuple, nodes.UnaryOp, nodes.BinOp)):
            value = self.evaluate(node, frame)
            return value if isinstance(value, (Ref, int, float, str, bool, tuple, type(None))) else UNKNOWN
        return UNKNOWN

    def _keras_base(self, cls: nodes.ClassDef) -> str | None:
        """Canonical Keras class a user class derives from (through same-module classes)."""
        for base in cls.bases:
            value = self.evaluate(base, Frame(names=self.globals, state={}, graph=Graph(cls)))
            if isinstance(value, Ref) and value.canonical:
                return value.canonical
            if isinstance(value, nodes.ClassDef) and value is not cls:
                inherited = self._keras_base(value)
                if inherited:
                    return inherited
        return None

    def _run_scope(self, scope: nodes.NodeNG, body: list, params: dict) -> Graph:
        graph = Graph(scope)
        frame = Frame(names=dict(params), state={}, graph=graph)
        self._exec_block(body, frame)
        self._finish(frame)
        self.graphs.append(graph)
        return graph

    def _run_class(self, cls: nodes.ClassDef) -> None:
        graph = Graph(cls)
        self_ref = SelfRef(cls)
        frame = Frame(names={}, state={}, graph=graph, self_ref=self_ref)
        methods = {m.name: m for m in cls.mymethods()}
        for name in ("__init__", "build"):
            if name in methods:
                method = methods[name]
                frame.names = {arg.name: UNKNOWN for arg in method.args.arguments}
                frame.names[method.args.arguments[0].name] = self_ref
                self._exec_block(method.body, frame)
        call = methods.get("call")
        if call is not None and len(call.args.arguments) >= 2:
            frame.names = {arg.name: UNKNOWN for arg in call.args.arguments}
            frame.names[call.args.arguments[0].name] = self_ref
            is_model = self._keras_base(cls) == "Model"
            entry = Layer(kind="Input" if is_model else "?", config={}, node=call.args.arguments[1])
            frame.names[call.args.arguments[1].name] = Tensor.of(self._new_apply(entry, [], call, frame))
            frame.returns = []
            self._exec_block(call.body, frame)
            outputs = self._merged_returns(frame)
            if isinstance(outputs, Tensor) or _output_heads(outputs):
                self.class_outputs[cls] = outputs
        self._finish(frame)
        self.graphs.append(graph)

    def _finish(self, frame: Frame) -> None:
        """Outputs that leave the scope: returned tensors and models, models kept on
        ``self``, and the last layers of models."""
        for value in frame.returns:
            for tensor in self._tensors_in(value):
                frame.graph.escaping.update(p for p, _ in tensor)
        kept = [v for k, v in frame.state.items() if k[0] == "attr"]
        # A helper the module calls hands its models to callers, where they are followed.
        handed_on = [] if getattr(frame.graph.scope, "name", None) in self.called_functions else frame.returns
        for value in handed_on + kept:
            items = value.items if isinstance(value, ListValue) else [value]
            frame.graph.returned_models.update(v for v in items if isinstance(v, ModelValue))
        for key, value in frame.state.items():
            if key[0] == "tail" and isinstance(value, Tensor):
                frame.graph.escaping.update(p for p, _ in value)
                key[1].outputs = key[1].outputs or value

    # -------------------------------------------------------------- statements
    def _exec_block(self, body: list, frame: Frame) -> None:
        for stmt in body:
            self._exec(stmt, frame)

    def _exec(self, stmt: nodes.NodeNG, frame: Frame) -> None:
        if isinstance(stmt, nodes.Assign):
            value = self.evaluate(stmt.value, frame)
            for target in stmt.targets:
                self._bind(target, value, frame, stmt)
        elif isinstance(stmt, nodes.AnnAssign) and stmt.value is not None:
            self._bind(stmt.target, self.evaluate(stmt.value, frame), frame, stmt)
        elif isinstance(stmt, nodes.AugAssign):
            # `filters *= 2` on a number folds (a loop over a constant range gives each
            # iteration its value); `x += d` on tensors is a consumer of both; other values
            # become unknown.
            left = self.evaluate(stmt.target, frame) if isinstance(stmt.target, nodes.AssignName) else UNKNOWN
            right = self.evaluate(stmt.value, frame)
            tensors = [v for v in (left, right) if isinstance(v, Tensor)]
            if tensors:
                value = Tensor.of(self._opaque(f"op{stmt.op}", tensors, stmt, frame))
            else:
                value = _fold_arithmetic(stmt.op.rstrip("="), left, right)
            self._bind(stmt.target, value, frame, stmt)
        elif isinstance(stmt, nodes.Expr):
            self.evaluate(stmt.value, frame)
        elif isinstance(stmt, nodes.Return):
            frame.returns.append(self.evaluate(stmt.value, frame) if stmt.value else None)
        elif isinstance(stmt, nodes.If):
            self._exec_if(stmt, frame)
        elif isinstance(stmt, (nodes.For, nodes.While)):
            self._exec_loop(stmt, frame)
        elif isinstance(stmt, nodes.With):
            for item, alias in stmt.items:
                value = self.evaluate(item, frame)
                if alias is not None:
                    self._bind(alias, value, frame, stmt)
            self._exec_block(stmt.body, frame)
        elif isinstance(stmt, nodes.Try):
            self._exec_block(stmt.body, frame)
            self._exec_block(stmt.orelse, frame)
            self._exec_block(stmt.finalbody, frame)
        elif isinstance(stmt, (nodes.FunctionDef, nodes.ClassDef)):
            frame.names[stmt.name] = stmt

    def _exec_if(self, stmt: nodes.If, frame: Frame) -> None:
        test = self._fold_test(stmt.test, frame)
        if test is True:
            self._exec_block(stmt.body, frame)
            return
        if test is False:
            self._exec_block(stmt.orelse, frame)
            return
        text = stmt.test.as_string()
        cond_body, cond_else = text, f"not ({text})"
        if frame.varying and any(n.name in frame.varying for n in stmt.test.nodes_of_class(nodes.Name)):
            self.varying_conditions.update((cond_body, cond_else))
        body, orelse = frame.fork(cond_body), frame.fork(cond_else)
        self._exec_block(stmt.body, body)
        self._exec_block(stmt.orelse, orelse)
        self._join(frame, body, orelse, cond_body, cond_else)

    def _join(self, frame: Frame, a: Frame, b: Frame, cond_a: str | None, cond_b: str | None) -> None:
        _merge_into(frame.names, a.names, b.names, cond_a, cond_b)
        _merge_into(frame.state, a.state, b.state, cond_a, cond_b)
        frame.returns.extend(r for r in a.returns + b.returns if r not in frame.returns)

    def _fold_test(self, test: nodes.NodeNG, frame: Frame) -> Any:
        if test.as_string() in ('__name__ == "__main__"', "__name__ == '__main__'"):
            return True
        value = self.evaluate(test, frame)
        if isinstance(value, (bool, int, float, str, type(None), tuple)):
            return bool(value)
        return UNKNOWN

    def _exec_loop(self, stmt: nodes.For | nodes.While, frame: Frame) -> None:
        iterable = self.evaluate(stmt.iter, frame) if isinstance(stmt, nodes.For) else UNKNOWN
        items = self._iteration_values(iterable)
        outer_iteration, outer_varying = frame.iteration, frame.varying
        frame.varying = outer_varying | _loop_bound_names(stmt)
        if items is not None:
            for i, item in enumerate(items):
                frame.iteration = outer_iteration + ((stmt, i, len(items)),)
                self._bind(stmt.target, item, frame, stmt)
                self._exec_block(stmt.body, frame)
            frame.iteration, frame.varying = outer_iteration, outer_varying
            self._exec_block(stmt.orelse, frame)
            return
        # Unknown trip count: the body may run zero times (unless it goes over a known
        # sequence too long to unroll), or twice in a row (which is what shows a
        # `fit(); freeze; fit()` sequence spread over iterations).
        looped = frame.fork(None)
        frame.varying = outer_varying
        for i in range(2):
            looped.iteration = outer_iteration + ((stmt, i, None),)
            if isinstance(stmt, nodes.For):
                self._bind(stmt.target, UNKNOWN, looped, stmt)
            self._exec_block(stmt.body, looped)
        looped.iteration, looped.varying = outer_iteration, outer_varying
        skipped = looped if _known_length(iterable) else frame.fork(None)
        self._join(frame, looped, skipped, None, None)

    def _iteration_values(self, iterable: Any) -> list | None:
        if isinstance(iterable, (tuple, list)) and len(iterable) <= MAX_UNROLL:
            return list(iterable)
        if isinstance(iterable, ListValue) and len(iterable.items) <= MAX_UNROLL:
            return list(iterable.items)
        if isinstance(iterable, range) and len(iterable) <= MAX_UNROLL:
            return list(iterable)
        if isinstance(iterable, LayersOf):
            return [iterable]  # each element is "a layer of that model"
        return None

    def _bind(self, target: nodes.NodeNG, value: Any, frame: Frame, stmt: nodes.NodeNG) -> None:
        if isinstance(target, nodes.AssignName):
            frame.names[target.name] = value
            if isinstance(value, ModelValue) and not value.name:
                value.name = target.name
        elif isinstance(target, (nodes.Tuple, nodes.List)):
            parts = value if isinstance(value, tuple) else value.items if isinstance(value, ListValue) else None
            for i, element in enumerate(target.elts):
                part = parts[i] if parts is not None and i < len(parts) else UNKNOWN
                self._bind(element, part, frame, stmt)
        elif isinstance(target, nodes.AssignAttr):
            owner = self.evaluate(target.expr, frame)
            if target.attrname == "trainable":
                self._record_trainable(owner, value, frame, stmt)
            elif isinstance(owner, SelfRef):
                frame.state[("attr", target.attrname)] = value
                if isinstance(value, ModelValue) and not value.name:
                    value.name = f"self.{target.attrname}"

    def _record_trainable(self, owner: Any, value: Any, frame: Frame, stmt: nodes.NodeNG) -> None:
        event = Event("set_trainable", stmt, value=value, condition=frame.condition)
        if isinstance(owner, ModelValue):
            event.model = owner
        elif isinstance(owner, Layer):
            if owner.model is not None:
                event.model = owner.model
            else:
                event.layer = owner
        elif isinstance(owner, LayersOf):
            event.layers_of = owner.model
        else:
            return
        frame.graph.events.append(event)
        self._track_trainable(event, len(frame.graph.events) - 1, frame)

    @staticmethod
    def _track_trainable(event: Event, index: int, frame: Frame) -> None:
        """Follow the assignment in the path's state: a model's ``trainable`` sets that
        of everything inside it; some of a model's layers make what is known of the
        layers inside it unknown."""
        value = event.value if isinstance(event.value, bool) else UNKNOWN
        if event.model is not None:
            target, inner = event.model, value
        elif event.layers_of is not None:
            target, inner = ("layers_of", event.layers_of), UNKNOWN
        else:
            target, inner = event.layer, None
        model = event.model or event.layers_of
        if model is not None:
            for key in [k for k in frame.state if k[0] == "trainable" and target_within(k[1], model)]:
                if key[1] is not model and key[1] != target:
                    frame.state[key] = (inner, index) if inner is not UNKNOWN else UNKNOWN
        frame.state[("trainable", target)] = (value, index) if value is not UNKNOWN else UNKNOWN

    @staticmethod
    def _trainable_state(model: ModelValue, frame: Frame) -> TrainableState:
        return TrainableState(
            frozenset(
                (key[1], setting)
                for key, setting in frame.state.items()
                if key[0] == "trainable" and target_within(key[1], model)
            )
        )

    # ------------------------------------------------------------- expressions
    def evaluate(self, node: nodes.NodeNG | None, frame: Frame) -> Any:
        if node is None:
            return None
        handler = getattr(self, f"_eval_{type(node).__name__}", None)
        if handler is None:
            return UNKNOWN
        return handler(node, frame)

    def _eval_AssignName(self, node: nodes.AssignName, frame: Frame) -> Any:
        """The current value of an augmented assignment's target."""
        return self._eval_Name(node, frame)

    def _eval_Const(self, node: nodes.Const, frame: Frame) -> Any:
        return node.value

    def _eval_Name(self, node: nodes.Name, frame: Frame) -> Any:
        if node.name in frame.names:
            return frame.names[node.name]
        if node.name in self.globals:
            return self.globals[node.name]
        qualified = self.imports.qualified(node.name)
        if qualified is not None:
            return Ref(qualified)
        if node.name in FOLDED_BUILTINS:
            return Ref(f"builtins.{node.name}")
        return UNKNOWN

    def _eval_Tuple(self, node: nodes.Tuple, frame: Frame) -> Any:
        values = []
        for element in node.elts:
            value = self.evaluate(element.value if isinstance(element, nodes.Starred) else element, frame)
            if isinstance(element, nodes.Starred):  # (None, *frame_shape)
                if not isinstance(value, tuple):
                    return UNKNOWN  # not even the length is known
                values.extend(value)
            else:
                values.append(value)
        if all(isinstance(v, (int, float, str, bool, type(None), tuple)) for v in values):
            return tuple(values)
        return ListValue(values)

    def _eval_Dict(self, node: nodes.Dict, frame: Frame) -> Any:
        """A dict with literal string keys (losses or outputs by name); anything else is unknown."""
        result = {}
        for key, value in node.items:
            key = self.evaluate(key, frame)
            if not isinstance(key, str):
                return UNKNOWN
            result[key] = self.evaluate(value, frame)
        return result

    def _eval_List(self, node: nodes.List, frame: Frame) -> Any:
        return ListValue([self.evaluate(e, frame) for e in node.elts])

    def _eval_UnaryOp(self, node: nodes.UnaryOp, frame: Frame) -> Any:
        operand = self.evaluate(node.operand, frame)
        if isinstance(operand, (int, float)) and not isinstance(operand, bool):
            if node.op == "-":
                return -operand
            if node.op == "+":
                return operand
        if node.op == "not" and isinstance(operand, (bool, int, str, type(None))):
            return not operand
        return UNKNOWN

    def _eval_BinOp(self, node: nodes.BinOp, frame: Frame) -> Any:
        left, right = self.evaluate(node.left, frame), self.evaluate(node.right, frame)
        if isinstance(left, (int, float)) and isinstance(right, (int, float)):
            return _fold_arithmetic(node.op, left, right)
        if isinstance(left, tuple) and isinstance(right, tuple) and node.op == "+":
            return left + right
        tensors = [v for v in (left, right) if isinstance(v, Tensor)]
        if tensors:
            return Tensor.of(self._opaque(f"op{node.op}", tensors, node, frame))
        return UNKNOWN

    def _eval_BoolOp(self, node: nodes.BoolOp, frame: Frame) -> Any:
        """``a and b`` / ``a or b`` on folded literals, with Python's short-circuit."""
        value: Any = None
        for operand in node.values:
            value = self.evaluate(operand, frame)
            if not isinstance(value, (bool, int, float, str, type(None))):
                return UNKNOWN
            if (node.op == "and") != bool(value):
                return value
        return value

    def _eval_IfExp(self, node: nodes.IfExp, frame: Frame) -> Any:
        """``a if test else b``: the chosen value when the test folds, else the value
        both give (tensors merged under their conditions)."""
        test = self._fold_test(node.test, frame)
        if test is True or test is False:
            return self.evaluate(node.body if test else node.orelse, frame)
        text = node.test.as_string()
        body, orelse = self.evaluate(node.body, frame), self.evaluate(node.orelse, frame)
        return _merge_values(body, orelse, text, f"not ({text})")

    def _eval_Compare(self, node: nodes.Compare, frame: Frame) -> Any:
        left = self.evaluate(node.left, frame)
        if len(node.ops) != 1:
            return UNKNOWN
        op, right_node = node.ops[0]
        right = self.evaluate(right_node, frame)
        number = (int, float)
        if isinstance(left, number) and isinstance(right, number) and op in ("<", "<=", ">", ">="):
            return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]
        literal = (int, float, str, bool, type(None))
        if isinstance(left, literal) and isinstance(right, literal):
            return {"==": left == right, "!=": left != right, "is": left is right, "is not": left is not right}.get(
                op, UNKNOWN
            )
        return UNKNOWN

    def _eval_Attribute(self, node: nodes.Attribute, frame: Frame) -> Any:
        owner = self.evaluate(node.expr, frame)
        attr = node.attrname
        if isinstance(owner, Ref):
            return Ref(f"{owner.qualified}.{attr}")
        if isinstance(owner, SelfRef):
            return frame.state.get(("attr", attr), UNKNOWN)
        if isinstance(owner, ModelValue) and attr in ("output", "outputs") and owner.outputs is not None:
            return owner.outputs
        # A model used as a layer answers `.layers` and method calls as the model does.
        model = owner if isinstance(owner, ModelValue) else owner.model if isinstance(owner, Layer) else None
        if model is not None:
            return LayersOf(model) if attr == "layers" else BoundMethod(model, attr)
        if isinstance(owner, ListValue) and attr in ("append", "extend", "insert"):
            return BoundMethod(owner, attr)
        if isinstance(owner, LabelCoder):
            return BoundMethod(owner, attr)
        return UNKNOWN

    def _eval_Subscript(self, node: nodes.Subscript, frame: Frame) -> Any:
        owner = self.evaluate(node.value, frame)
        if isinstance(owner, LayersOf):
            return owner  # model.layers[-1], model.layers[:10]: still layers of that model
        index = self.evaluate(node.slice, frame)
        if isinstance(owner, (ListValue, tuple)) and isinstance(index, int) and not isinstance(index, bool):
            items = owner.items if isinstance(owner, ListValue) else owner
            if -len(items) <= index < len(items):
                return items[index]
        if isinstance(owner, Tensor):
            return Tensor.of(self._opaque("getitem", [owner], node, frame))
        return UNKNOWN

    def _eval_Call(self, node: nodes.Call, frame: Frame) -> Any:
        func = self.evaluate(node.func, frame)
        if isinstance(func, Ref):
            return self._call_ref(func, node, frame)
        if isinstance(func, Layer):
            return self._apply_layer(func, node, frame)
        if isinstance(func, ModelValue):
            self._sync_outputs(func, frame)  # a Sequential's output so far, for the shapes after it
            return self._apply_layer(self._model_layer(func), node, frame)
        if isinstance(func, BoundMethod):
            return self._call_method(func, node, frame)
        if isinstance(func, nodes.FunctionDef):
            return self._inline(func, node, frame)
        if isinstance(func, nodes.ClassDef):
            return self._instantiate(func, node, frame)
        return self._unknown_call(node, frame)

    def _args(self, node: nodes.Call, frame: Frame) -> tuple[list, dict, bool]:
        args = [self.evaluate(a, frame) if not isinstance(a, nodes.Starred) else UNKNOWN for a in node.args]
        kwargs = {kw.arg: self.evaluate(kw.value, frame) for kw in node.keywords or () if kw.arg}
        open_config = any(kw.arg is None for kw in node.keywords or ()) or any(
            isinstance(a, nodes.Starred) for a in node.args
        )
        return args, kwargs, open_config

    def _tensors_in(self, value: Any) -> list[Tensor]:
        if isinstance(value, Tensor):
            return [value]
        if isinstance(value, ListValue):
            return [t for item in value.items for t in self._tensors_in(item)]
        if isinstance(value, dict):
            return [t for item in value.values() for t in self._tensors_in(item)]
        return []

    def _unknown_call(self, node: nodes.Call, frame: Frame) -> Any:
        """A call the engine does not understand: its tensor arguments feed an opaque node."""
        args, kwargs, _ = self._args(node, frame)
        tensors = [t for value in list(args) + list(kwargs.values()) for t in self._tensors_in(value)]
        for value in list(args) + list(kwargs.values()):
            if isinstance(value, ListValue):
                value.items = [UNKNOWN if isinstance(i, Tensor) else i for i in value.items]
        if tensors:
            return Tensor.of(self._opaque("call", tensors, node, frame))
        return UNKNOWN

    # Calls of Keras names -------------------------------------------------
    def _call_ref(self, ref: Ref, node: nodes.Call, frame: Frame) -> Any:
        value = self._call_imported(ref, node, frame)
        if isinstance(value, (Layer, ModelValue)) and value.package is None:
            value.package = ref.qualified.split(".")[0]
        return value

    def _call_imported(self, ref: Ref, node: nodes.Call, frame: Frame) -> Any:
        canonical = ref.canonical or ""
        kind = ref.layer_kind
        if canonical == "partial":
            return self._evaluate_pure(node, frame)
        if canonical == "Input" or kind == "InputLayer":
            args, kwargs, _ = self._args(node, frame)
            shape = kwargs.get("shape", kwargs.get("input_shape", args[0] if args else UNKNOWN))
            config = {"shape": _literal_shape(shape)}
            batch_shape = kwargs.get("batch_shape", kwargs.get("batch_input_shape"))
            if batch_shape is not None:
                config["batch_shape"] = _literal_shape(batch_shape)
            layer = Layer(kind="Input", config=config, node=node, condition=frame.condition)
            if kind == "InputLayer":
                return layer
            return Tensor.of(self._new_apply(layer, [], node, frame))
        if kind in _MERGE_FUNCTIONS:  # layers.add([a, b]) is Add()([a, b])
            _, kwargs, open_config = self._args(node, frame)
            kwargs.pop("inputs", None)
            kind = _MERGE_FUNCTIONS[kind]
            config = layer_config(kind, [], kwargs, {})
            layer = Layer(kind=kind, config=config, node=node, condition=frame.condition, open_config=open_config)
            return self._apply_layer(layer, node, frame)
        if kind is not None:
            return self._construct(kind, ref, node, frame)
        if canonical == "Sequential":
            return self._sequential(node, frame)
        if canonical == "Model":
            return self._functional(node, frame)
        if canonical.startswith("applications.") and canonical.split(".")[1][:1].isupper():
            args, kwargs, _ = self._args(node, frame)
            weights = kwargs.get("weights", "imagenet")
            model = self._new_model("application", node, frame, pretrained=weights is not None and weights is not UNKNOWN)
            model.architecture = canonical.split(".")[1]
            model.library_batchnorm = application_has_batchnorm(model.architecture)
            model.application = applications.summary(model.architecture, kwargs, positional=len(args))
            return model
        if canonical.startswith("hub.models.") and canonical.endswith(".from_preset"):
            architecture = ref.qualified.split(".")[-2]
            if not architecture.endswith(HUB_MODEL_SUFFIXES):
                return self._unknown_call(node, frame)  # a tokenizer, preprocessor or converter
            args, kwargs, _ = self._args(node, frame)
            model = self._new_model(
                "application", node, frame, pretrained=kwargs.get("load_weights", True) is not False
            )
            model.architecture = architecture
            preset = kwargs.get("preset", args[0] if args else UNKNOWN)
            model.library_batchnorm = hub_model_has_batchnorm(architecture, preset) or UNKNOWN
            if "trainable" in kwargs:  # from_preset(..., trainable=False) freezes it as it is built
                self._record_trainable(model, kwargs["trainable"], frame, node)
            return model
        if canonical.startswith("losses.") and canonical.split(".")[1][:1].isupper():
            _, kwargs, _ = self._args(node, frame)
            name = canonical.split(".")[1]
            return LossSpec(loss_family(name), kwargs.get("from_logits", False), node, "class", name)
        if ref.qualified == "tensorflow_hub.KerasLayer":
            return Layer(kind="?", config={"class": "hub.KerasLayer"}, node=node, condition=frame.condition, via=frame.via)
        if canonical in DATA_FORMAT_QUERIES and self.default_data_format is not None:
            self.format_scopes.add(frame.graph.scope)
            data_format = self.default_data_format
            return data_format if canonical.endswith("data_format") else _DIM_ORDERING[data_format]
        if canonical.startswith("initializers.") or ref.qualified in TF_INITIALIZERS:
            return ref  # the initializer object, known by its class
        labels = self._prepared_labels(ref, node, frame)
        if labels is not None:
            return labels
        if canonical.split(".")[0] in ("activations", "nn", "ops"):
            name = canonical.split(".")[1]
            args, kwargs, _ = self._args(node, frame)
            tensors = [t for a in args for t in self._tensors_in(a)]
            if tensors and name in ACTIVATION_FUNCTIONS:
                config = {"activation": name}
                if name in ("softmax", "log_softmax"):  # softmax(x, axis); TensorFlow 1 spelt it dim
                    axis = kwargs.get("axis", kwargs.get("dim", args[1] if len(args) > 1 else -1))
                    config["axis"] = -1 if axis is None else axis
                layer = Layer(kind="Activation", config=config, node=node, condition=frame.condition)
                return Tensor.of(self._new_apply(layer, tensors[:1], node, frame))
        if ref.qualified.startswith("builtins."):
            return self._call_builtin(ref.qualified.split(".", 1)[1], node, frame)
        return self._unknown_call(node, frame)

    def _call_builtin(self, name: str, node: nodes.Call, frame: Frame) -> Any:
        """range, and enumerate/zip/len/reversed/list/tuple over sequences the engine
        knows item by item, so that a loop over them is unrolled and runs at least once."""
        args, kwargs, open_args = self._args(node, frame)
        if name == "range":
            if args and all(isinstance(a, int) and not isinstance(a, bool) for a in args) and len(args) <= 3:
                return range(*args)
            return UNKNOWN
        sequences = [self._iteration_values(a) for a in args]
        if open_args or kwargs or not sequences or any(s is None or isinstance(a, LayersOf) for s, a in zip(sequences, args)):
            return UNKNOWN
        if name == "enumerate" and len(sequences) == 1:
            return tuple(enumerate(sequences[0]))
        if name == "zip":
            return tuple(zip(*sequences))
        if len(sequences) != 1:
            return UNKNOWN
        if name == "len":
            return len(sequences[0])
        if name == "reversed":
            return tuple(reversed(sequences[0]))
        return ListValue(list(sequences[0])) if name == "list" else tuple(sequences[0])

    def _prepared_labels(self, ref: Ref, node: nodes.Call, frame: Frame) -> Any:
        """Labels whose encoding a call shows (``to_categorical(y)``, ``mnist.load_data()``,
        ``train_test_split(x, y)`` of such labels), an sklearn label encoder, or None."""
        qualified, canonical = ref.qualified, ref.canonical or ""
        last = qualified.rsplit(".", 1)[-1]
        if (canonical and last == "to_categorical") or qualified in ONE_HOT_FUNCTIONS or canonical == "ops.one_hot":
            args, _, _ = self._args(node, frame)
            encoded = args[0] if args else None
            per_example = qualified == "pandas.get_dummies" or (isinstance(encoded, Labels) and encoded.per_example)
            return Labels("one-hot", node, per_example)
        if qualified.startswith("sklearn.") and last == "label_binarize":
            _, kwargs, _ = self._args(node, frame)
            classes = kwargs.get("classes")
            items = classes.items if isinstance(classes, ListValue) else classes
            # Two classes binarize into a single 0/1 column, which is not one-hot.
            return Labels("one-hot", node, True) if isinstance(items, (list, tuple)) and len(items) > 2 else None
        if qualified.startswith("sklearn.") and last in LABEL_CODERS:
            return LabelCoder(LABEL_CODERS[last])
        dataset = canonical.split(".")[1] if canonical.startswith("datasets.") and canonical.endswith(".load_data") else None
        if dataset in INTEGER_LABEL_DATASETS:
            return ListValue([ListValue([UNKNOWN, Labels("integer", node, True)]) for _ in range(2)])
        if qualified.startswith("sklearn.") and last == "train_test_split":
            args, _, open_args = self._args(node, frame)
            if open_args:
                return None
            return ListValue([value if isinstance(value, Labels) else UNKNOWN for value in args for _ in range(2)])
        return None

    def _construct(self, kind: str, ref: Ref, node: nodes.Call, frame: Frame) -> Layer:
        args, kwargs, open_config = self._args(node, frame)
        config = layer_config(kind, args, kwargs, dict(ref.presets))
        if kind == "BatchNormalization" and config.get("mode", 0) not in (0, 2):
            kind = "?"  # Keras 1 mode=1 normalizes each sample on its own, not each feature over the batch
        for key in _SHAPE_KEYS.intersection(config):
            config[key] = _literal_shape(config[key])
        return Layer(
            kind=kind,
            config=config,
            node=node,
            condition=frame.condition,
            inferred=ref.inferred,
            open_config=open_config,
            via=frame.via,
        )

    def _new_model(self, style: str, node: nodes.NodeNG, frame: Frame, pretrained: bool = False) -> ModelValue:
        model = ModelValue(style=style, node=node, pretrained=pretrained)
        frame.graph.models.append(model)
        return model

    @staticmethod
    def _model_layer(model: ModelValue) -> Layer:
        if model.as_layer is None:
            model.as_layer = Layer(kind="Model", config={}, node=model.node, model=model)
        return model.as_layer

    def _sequential(self, node: nodes.Call, frame: Frame) -> ModelValue:
        model = self._new_model("sequential", node, frame)
        args, kwargs, _ = self._args(node, frame)
        items = kwargs.get("layers", args[0] if args else None)
        if isinstance(items, ListValue):
            # Each layer listed is applied where it is listed: findings about that
            # application point at the list element, not at `Sequential(`.
            written = node.args[0] if node.args else next(kw.value for kw in node.keywords if kw.arg == "layers")
            elements = written.elts if isinstance(written, (nodes.List, nodes.Tuple)) else []
            for i, item in enumerate(items.items):
                self._sequential_add(model, item, elements[i] if len(elements) == len(items.items) else node, frame)
        elif items is not None:
            model.output_is_known = False
        return model

    def _sequential_add(self, model: ModelValue, item: Any, site: nodes.NodeNG, frame: Frame) -> None:
        """Append ``item`` to a Sequential model; ``site`` is where the code adds it."""
        key = ("tail", model)
        tail = frame.state.get(key)
        if isinstance(item, ModelValue):
            self._sync_outputs(item, frame)
            entries = [a for a in item.applies if a.kind == "Input"]
            if tail is None and len(entries) == 1:  # Keras builds the outer model for the inner one's input
                entry = Layer(kind="Input", config=entries[0].layer.config, node=site)
                tail = Tensor.of(self._new_apply(entry, [], site, frame))
                model.applies.update(p for p, _ in tail)
            item = self._model_layer(item)
        if isinstance(item, Tensor):  # model.add(keras.Input(...))
            frame.state[key] = item
            model.applies.update(p for p, _ in item)
            return
        if not isinstance(item, Layer):
            item = Layer(kind="?", config={}, node=site, condition=frame.condition)
        if item.kind == "Input":
            apply = self._new_apply(item, [], item.node, frame)
        else:
            entry_config = _input_config(item) if tail is None else None
            if entry_config is not None:
                entry = Layer(kind="Input", config=entry_config, node=item.node)
                tail = Tensor.of(self._new_apply(entry, [], item.node, frame))
                model.applies.update(p for p, _ in tail)
            apply = self._new_apply(item, [tail] if tail is not None else [], site, frame)
        model.applies.add(apply)
        frame.state[key] = Tensor.of(apply)

    def _functional(self, node: nodes.Call, frame: Frame) -> ModelValue:
        model = self._new_model("functional", node, frame)
        args, kwargs, _ = self._args(node, frame)
        outputs = kwargs.get("outputs", args[1] if len(args) > 1 else UNKNOWN)
        tensors = self._tensors_in(outputs)
        if not tensors:
            model.output_is_known = False
            return model
        if isinstance(outputs, dict) or (isinstance(outputs, ListValue) and len(outputs.items) > 1):
            model.output_is_known = False  # several outputs: losses pair up per output (heads)
            model.heads = _output_heads(outputs)
        merged: dict = {}
        for tensor in tensors:
            merged.update(tensor.producers)
            frame.graph.escaping.update(tensor.producers)
        model.outputs = Tensor(merged)
        stack = list(merged)
        while stack:
            apply = stack.pop()
            if apply not in model.applies:
                model.applies.add(apply)
                stack.extend(p for p, _ in apply.inputs)
        return model

    # Applying layers ------------------------------------------------------
    def _apply_layer(self, layer: Layer, node: nodes.Call, frame: Frame) -> Any:
        args, kwargs, _ = self._args(node, frame)
        if layer.kind == "MultiHeadAttention":  # mha(query, value, key=None): three tensor arguments
            given = [args[i] if i < len(args) else kwargs.get(k) for i, k in enumerate(("query", "value", "key"))]
            tensors = [self._single_tensor(value, node, frame) for value in given if value is not None]
        else:
            tensors = self._tensors_in(args[0] if args else kwargs.get("inputs", UNKNOWN))
        if not tensors:
            tensors = [self._single_tensor(UNKNOWN, node, frame)]
        apply = self._new_apply(layer, tensors, node, frame, training=kwargs.get("training"))
        return Tensor.of(apply)

    def _single_tensor(self, value: Any, node: nodes.NodeNG, frame: Frame) -> Tensor:
        """``value`` if it is one tensor, else the output of an unknown placeholder."""
        if isinstance(value, Tensor):
            return value
        placeholder = Layer(kind="?", config={}, node=node)
        return Tensor.of(self._new_apply(placeholder, [], node, frame))

    def _opaque(self, label: str, tensors: list[Tensor], node: nodes.NodeNG, frame: Frame) -> Apply:
        layer = Layer(kind="?", config={"label": label}, node=node, condition=frame.condition)
        return self._new_apply(layer, tensors, node, frame)

    def _new_apply(self, layer: Layer, tensors: list, node: nodes.NodeNG, frame: Frame, training: Any = None) -> Apply:
        inputs, arguments = [], []
        for tensor in tensors:
            argument = []
            for producer, condition in tensor:
                if self._crosses_iterations(producer, condition, frame):
                    producer, condition = self._opaque("loop-carried", [], node, frame), Condition()
                inputs.append((producer, condition))
                argument.append(producer)
            arguments.append(argument)
        apply = Apply(
            layer=layer, inputs=inputs, node=node, condition=frame.condition, training=training, iteration=frame.iteration
        )
        self.arguments[apply] = arguments
        self._infer_shapes(apply)
        frame.graph.applies.append(apply)
        return apply

    def _crosses_iterations(self, producer: Apply, condition: Condition, frame: Frame) -> bool:
        """An edge into, out of or between loop iterations that holds only under a condition
        on a loop-rebound name: which iterations meet it is unknown, so the edge is too."""
        if not self.varying_conditions or producer.iteration == frame.iteration:
            return False
        return not self.varying_conditions.isdisjoint(condition | frame.condition)

    def _infer_shapes(self, apply: Apply) -> None:
        """Output shape, variables, rank and channel axis of ``apply`` from its producers'."""
        arguments = self.arguments.get(apply, [])
        channels = {p.channel_axis for argument in arguments for p in argument}
        in_channel = channels.pop() if len(channels) == 1 else None
        apply.input_shapes = tuple(_argument_shape(a) for a in arguments)
        if apply.kind == "Model":
            apply.shapes = self._nested_model_shapes(apply, list(apply.input_shapes))
        else:
            apply.shapes = shapes.infer(apply.layer, list(apply.input_shapes), self.default_data_format, in_channel)
        apply.rank, apply.channel_axis = apply.shapes.rank, apply.shapes.channel_axis

    def _nested_model_shapes(self, apply: Apply, inputs: list) -> shapes.LayerShapes:
        """A model applied as a layer: its output for the input it was built for, its variables."""
        model = apply.layer.model
        if model is not None and model.style == "application":
            return shapes.application_shapes(model.application, inputs)
        if model is None or model.outputs is None or len(model.outputs.producers) != 1:
            return dataclasses.replace(shapes.UNKNOWN_LAYER, reason="nested model's output not followed")
        entries = [a for a in model.applies if a.kind == "Input"]
        (output,) = model.outputs.producers
        if len(entries) != 1 or len(inputs) != 1 or entries[0].output_shape != inputs[0]:
            return dataclasses.replace(shapes.UNKNOWN_LAYER, reason="nested model called on another input shape")
        layers = list(dict.fromkeys(a.layer for a in model.applies))
        variables = shapes.model_variables([_first_apply(model, layer).shapes for layer in layers])
        return shapes.LayerShapes(output=output.output_shape, variables=variables, channel_axis=output.channel_axis)

    # Calls of methods -----------------------------------------------------
    def _call_method(self, method: BoundMethod, node: nodes.Call, frame: Frame) -> Any:
        obj, name = method.obj, method.name
        if isinstance(obj, ListValue):
            args, _, _ = self._args(node, frame)
            if name == "append" and args:
                obj.items.append(args[0])
            elif name == "extend" and args and isinstance(args[0], ListValue):
                obj.items.extend(args[0].items)
            else:
                obj.items.append(UNKNOWN)
            return None
        if isinstance(obj, LabelCoder):
            return Labels(obj.encoding, node, True) if name in ("fit_transform", "transform") else self._unknown_call(node, frame)
        model: ModelValue = obj
        if name == "add":
            args, _, _ = self._args(node, frame)
            if args:
                self._sequential_add(model, args[0], node, frame)
            return None
        if name == "compile":
            args, kwargs, _ = self._args(node, frame)
            loss = kwargs.get("loss", args[1] if len(args) > 1 else None)
            self._sync_outputs(model, frame)
            frame.state[("compiled", model)] = self._trainable_state(model, frame)
            frame.state[("trained", model)] = None
            frame.graph.events.append(
                Event("compile", node, model=model, losses=self._output_losses(model, loss, node), condition=frame.condition)
            )
            return None
        if name in TRAIN_METHODS:
            args, kwargs, _ = self._args(node, frame)
            labels = kwargs.get("y", args[1] if len(args) > 1 else None)
            self._sync_outputs(model, frame)
            state = self._trainable_state(model, frame)
            event = Event(
                "train", node, model=model, labels=labels if isinstance(labels, Labels) else None,
                condition=frame.condition, trainable=state,
            )
            if ("compiled", model) in frame.state:
                event.compiled = frame.state[("compiled", model)]
                event.first_trained = frame.state[("trained", model)]
                if event.first_trained is None:
                    frame.state[("trained", model)] = state
            frame.graph.events.append(event)
            return UNKNOWN
        if name == "get_layer":
            return self._named_layer(model, node, frame)
        if name in INFERENCE_METHODS:
            frame.graph.events.append(Event("infer", node, model=model, condition=frame.condition))
            return self._unknown_call(node, frame)
        if name == "build" and model.style == "sequential":
            args, kwargs, _ = self._args(node, frame)
            self._build_sequential(model, kwargs.get("input_shape", args[0] if args else UNKNOWN), frame)
            return None
        if name in ("pop",):
            frame.state[("tail", model)] = None
            model.output_is_known = False
        return self._unknown_call(node, frame)

    def _build_sequential(self, model: ModelValue, batch_shape: Any, frame: Frame) -> None:
        """``model.build((None, ...))`` on a Sequential without an input: its first layer
        gets that input, and the shapes of the graph are inferred again from there."""
        applies = frame.graph.applies
        first = next((a for a in applies if a in model.applies), None)
        if first is None or first.inputs or first.kind == "Input" or not isinstance(batch_shape, tuple):
            return
        entry = Apply(Layer(kind="Input", config={"batch_shape": batch_shape}, node=first.node), [], first.node)
        self._infer_shapes(entry)
        applies.insert(applies.index(first), entry)
        model.applies.add(entry)
        first.inputs = [(entry, Condition())]
        self.arguments[first] = [[entry]]
        for apply in applies[applies.index(first) :]:
            self._infer_shapes(apply)

    def _sync_outputs(self, model: ModelValue, frame: Frame) -> None:
        tail = frame.state.get(("tail", model))
        if isinstance(tail, Tensor):
            model.outputs = tail

    def _named_layer(self, model: ModelValue, node: nodes.Call, frame: Frame) -> Any:
        """``model.get_layer("name")``: the layer built with that name, else some layer of the model."""
        args, kwargs, _ = self._args(node, frame)
        name = kwargs.get("name", args[0] if args else None)
        matches = {a.layer for a in model.applies if isinstance(name, str) and a.layer.config.get("name") == name}
        return matches.pop() if len(matches) == 1 else LayersOf(model)

    def _output_losses(self, model: ModelValue, loss: Any, node: nodes.Call) -> list[tuple[Tensor, LossSpec]]:
        """The loss of each output: one loss for a single output, a list by position, a
        dict by output name (the `outputs={...}` key, else the output layer's name)."""
        heads = model.output_heads()
        if isinstance(loss, dict):
            named = [(key if key is not None else _layer_name(tensor), tensor) for key, tensor in heads]
            specs = [(tensor, self._loss_spec(loss.get(key), node)) for key, tensor in named if key in loss]
        elif isinstance(loss, ListValue):
            paired = len(loss.items) == len(heads)
            specs = [(tensor, self._loss_spec(item, node)) for (_, tensor), item in zip(heads, loss.items)] if paired else []
        else:
            specs = [(heads[0][1], self._loss_spec(loss, node))] if len(heads) == 1 else []
        return [(tensor, spec) for tensor, spec in specs if spec is not None]

    def _loss_spec(self, loss: Any, node: nodes.Call) -> LossSpec | None:
        if isinstance(loss, LossSpec):
            return loss
        if isinstance(loss, str):
            return LossSpec(loss_family(loss), False, node, "string", loss)
        if isinstance(loss, Ref) and (loss.canonical or "").startswith("losses."):
            name = loss.canonical.split(".")[1]
            if name[:1].islower():
                return LossSpec(loss_family(name), False, node, "function", name)
        return None

    # Same-module functions and classes -------------------------------------
    def _inline(self, func: nodes.FunctionDef, node: nodes.Call, frame: Frame) -> Any:
        if frame.depth >= INLINE_DEPTH:
            return self._unknown_call(node, frame)
        self.inlined_calls.add(node)
        args, kwargs, _ = self._args(node, frame)
        params = {}
        positional = func.args.posonlyargs + func.args.args
        defaults = func.args.defaults or []
        offset = len(positional) - len(defaults)
        for i, arg in enumerate(positional):
            if i < len(args):
                params[arg.name] = args[i]
            elif arg.name in kwargs:
                params[arg.name] = kwargs[arg.name]
            elif i >= offset:
                params[arg.name] = self._evaluate_pure(defaults[i - offset], frame)
            else:
                params[arg.name] = UNKNOWN
        for arg, default in zip(func.args.kwonlyargs, func.args.kw_defaults or []):
            params[arg.name] = kwargs.get(arg.name, self._evaluate_pure(default, frame) if default else UNKNOWN)
        inner = dataclasses.replace(frame, names=params, depth=frame.depth + 1, returns=[], via=node)
        self._exec_block(func.body, inner)
        result = self._merged_returns(inner)
        # A model the helper builds and returns takes its name from the caller's variable.
        for value in result.items if isinstance(result, ListValue) else [result]:
            if isinstance(value, ModelValue) and value.node.scope() is func:
                value.name = ""
        return result

    def _merged_returns(self, frame: Frame) -> Any:
        values = [v for v in frame.returns if v is not None]
        if not values:
            return None
        result = values[0]
        for value in values[1:]:
            result = _merge_values(result, value, None, None)
        return result

    def _instantiate(self, cls: nodes.ClassDef, node: nodes.Call, frame: Frame) -> Any:
        base = self._keras_base(cls)
        if base == "Model":
            model = self._new_model("subclassed", node, frame)
            outputs = self.class_outputs.get(cls)
            model.heads = _output_heads(outputs)
            if model.heads:  # several outputs, returned as a tuple, list or dict
                outputs = Tensor({p: c for _, tensor in model.heads for p, c in tensor})
            model.outputs = outputs
            model.output_is_known = outputs is not None and not model.heads
            if outputs is not None:
                model.applies.update(outputs.producers)
            return model
        if base and base.startswith("layers."):
            kind = base.split(".", 1)[1]
            if kind != "Layer":
                ref = Ref(f"keras.{base}", inferred=True)
                layer = self._construct(kind, ref, node, frame)
                layer.open_config = True  # the subclass's __init__ may set anything
                return layer
            return Layer(kind="?", config={"class": cls.name}, node=node, condition=frame.condition)
        return self._unknown_call(node, frame)


def _changed_names(module: nodes.Module) -> set[str]:
    """Names the module mutates in place, rebinds or declares global anywhere."""
    changed: set[str] = set()
    for node in module.nodes_of_class((nodes.Attribute, nodes.Subscript, nodes.AugAssign, nodes.Global)):
        if isinstance(node, nodes.Global):
            changed.update(node.names)
        elif isinstance(node, nodes.AugAssign):
            changed.update(n.name for n in [node.target] if isinstance(n, nodes.AssignName))
        elif isinstance(node, nodes.Subscript) and node.ctx != Context.Load and isinstance(node.value, nodes.Name):
            changed.add(node.value.name)  # NAME[i] = ..., del NAME[i]
        elif isinstance(node, nodes.Attribute) and isinstance(node.parent, nodes.Call) and isinstance(node.expr, nodes.Name):
            changed.add(node.expr.name)  # NAME.append(...), or any other method call
    assigned = collections.Counter(n.name for n in module.nodes_of_class(nodes.AssignName) if n.scope() is module)
    changed.update(name for name, count in assigned.items() if count > 1)
    return changed


def _output_heads(outputs: Any) -> list[tuple[str | None, Tensor]]:
    """Several model outputs given as a list or dict, in order, each with its dict key;
    [] for one output or when any of them is not a known tensor."""
    if isinstance(outputs, dict):
        named = list(outputs.items())
    elif isinstance(outputs, ListValue) and len(outputs.items) > 1:
        named = [(None, item) for item in outputs.items]
    else:
        return []
    return named if all(isinstance(value, Tensor) for _, value in named) else []


def _layer_name(tensor: Tensor) -> str | None:
    """The `name=` of the layer that produces ``tensor``, where literal and single."""
    producers = list(tensor.producers)
    name = producers[0].layer.config.get("name") if len(producers) == 1 else None
    return name if isinstance(name, str) else None


def _known_length(iterable: Any) -> int:
    """The length of a sequence the engine knows item by item, 0 when unknown."""
    if isinstance(iterable, (tuple, list, range)):
        return len(iterable)
    return len(iterable.items) if isinstance(iterable, ListValue) else 0


def _loop_bound_names(loop: nodes.For | nodes.While) -> frozenset:
    """Names a loop's target or body (re)binds: they may differ between iterations."""
    scopes = [loop.target] if isinstance(loop, nodes.For) else []
    return frozenset(
        n.name for part in scopes + list(loop.body) for n in part.nodes_of_class(nodes.AssignName)
    )


_MERGE_FUNCTIONS = {
    name.lower(): name for name in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate")
}


# Configuration keys whose list values are shapes or sizes: [24, 19] stands for (24, 19).
_SHAPE_KEYS = frozenset(
    {"target_shape", "dims", "input_shape", "batch_input_shape", "kernel_size", "strides", "pool_size", "size"}
)


def _literal_shape(value: Any) -> Any:
    """``[9]`` as ``(9,)``: a list of literal dimensions is a shape too."""
    if isinstance(value, ListValue) and all(v is None or isinstance(v, int) for v in value.items):
        return tuple(value.items)
    return value


def _input_config(layer: Layer) -> dict | None:
    """The input a Sequential's first layer declares (``input_shape=``, Keras 2's
    ``batch_input_shape=``, ``input_dim=`` and Embedding's ``input_length=``), as an
    Input's configuration."""
    config = layer.config
    if "batch_input_shape" in config:
        return {"batch_shape": _literal_shape(config["batch_input_shape"])}
    if "input_shape" in config:
        return {"shape": _literal_shape(config["input_shape"])}
    if layer.kind == "Embedding":
        return {"shape": (config["input_length"],)} if "input_length" in config else None
    if "input_dim" in config:
        return {"shape": (config["input_dim"],)}
    return None


def _argument_shape(producers: list) -> Any:
    """The shape of a tensor argument: its producers' shape where they agree, dimension
    by dimension; None (unknown rank) when their ranks differ or one is unknown."""
    result = None
    for i, producer in enumerate(producers):
        shape = producer.output_shape
        if shape is None or (i and len(shape) != len(result)):
            return None
        result = shape if i == 0 else tuple(a if a == b and a is not UNKNOWN else UNKNOWN for a, b in zip(result, shape))
    return result


def _first_apply(model: ModelValue, layer: Layer) -> Apply:
    return next(a for a in model.applies if a.layer is layer)


def analyse(module: nodes.Module, image_data_format: str = "channels_last") -> ModuleAnalysis:
    return ModuleAnalysis(module, image_data_format).run()

