"""From findings to edits: which findings ``keraslint fix`` may rewrite, and how.

A finding pylint reported (so not disabled by a pragma or the configuration) is
matched, by rule and position, to the model graphs of its module. A construction
site can stand for several layer objects: one per loop iteration, per call of the
helper that builds it, per branch. Rewriting the site changes all of them, so it is
rewritten only when every one of them needs the same fix, and only for findings of
HIGH confidence (syntax alone, no inference through a user class).
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Iterator

from astroid import nodes

from keraslint.engine.builder import ModuleAnalysis, analyse
from keraslint.engine.graph import Apply, Condition, Graph
from keraslint.engine.signatures import is_keras1_call
from keraslint.keras_facts import COMMUTES_WITH_CHANNEL_SHIFT
from keraslint.rules import RULES_BY_SYMBOL
from keraslint.rules.batchnorm_wrong_axis import channels_of
from keraslint.rules.trainable_after_compile import KERAS3_GAN
from keraslint.rules.base import ONE_FORMAT_ONLY, Finding, compiled_outputs, normalized_axis, normalizes_channels, weighted_layers

BIAS = "keras-bias-before-batchnorm"
AXIS = "keras-batchnorm-wrong-axis"
TRAINABLE = "keras-trainable-after-compile"
FROM_LOGITS = "keras-softmax-with-from-logits"
FROZEN_BASE = "keras-frozen-base-training-mode"
REDUNDANT = "keras-redundant-activation"

# "yes": rewritten by `keraslint fix`; "suggest": `--diff` shows a suggested change.
FIX_KIND = {BIAS: "yes", AXIS: "yes", FROM_LOGITS: "yes", FROZEN_BASE: "yes", REDUNDANT: "yes", TRAINABLE: "suggest"}
MAX_CONDITIONS = 10  # atoms of `if` conditions enumerated to prove every path needs a fix


@dataclasses.dataclass(frozen=True)
class Edit:
    """One rewrite of the source, located by an astroid node's span.

    kind: "keyword" (set ``name=value`` in the call), "positional" (replace argument
    ``index`` by ``value``), "remove_element" (drop the layer from its Sequential list),
    "remove_statement" (its ``model.add(...)`` or ``x = Layer()(x)``), "unwrap"
    (``Layer()(expr)`` becomes ``expr``),
    "insert_after" (a copy of the statement ``copy`` after the statement ``node``).
    """

    kind: str
    node: nodes.NodeNG
    name: str = ""
    value: str = ""
    index: int = 0
    copy: nodes.NodeNG | None = None  # insert_after: the statement to repeat


@dataclasses.dataclass
class Planned:
    """What ``keraslint fix`` does with one reported finding."""

    path: str
    line: int
    column: int
    symbol: str
    edits: list[Edit] = dataclasses.field(default_factory=list)
    reason: str = ""  # why it is not rewritten; empty when it is
    suggestion: bool = False  # edits are only shown (--diff), never applied


class NotFixable(Exception):
    """The reason a finding is not rewritten."""


def _graph_findings(analysis: ModuleAnalysis, rule, config) -> Iterator[tuple[Graph, Finding]]:
    """Every finding of ``rule``, with the graph it was found in (not deduplicated: one per layer object)."""
    for graph in analysis.graphs:
        for finding in rule.check(graph, config):
            yield graph, finding


def plan_module(module: nodes.Module, path: str, messages, config) -> list[Planned]:
    """A plan for each of ``messages`` (pylint messages of ``module``, one file) that a fix or suggestion exists for."""
    messages = [m for m in messages if m.symbol in FIX_KIND]
    if not messages:
        return []
    try:
        analysis = analyse(module)
        symbols = {m.symbol for m in messages}
        found = {symbol: list(_graph_findings(analysis, RULES_BY_SYMBOL[symbol], config)) for symbol in symbols}
    except Exception as error:  # pylint: disable=broad-exception-caught
        # The checker warns about a module the engine cannot follow; here it is left alone.
        reason = f"keraslint could not analyse the module ({type(error).__name__}: {error})"
        return [Planned(path, m.line, m.column, m.symbol, reason=reason) for m in messages]
    plans = []
    for msg in messages:
        plan = Planned(path, msg.line, msg.column, msg.symbol, suggestion=FIX_KIND[msg.symbol] == "suggest")
        here = [(g, f) for g, f in found[msg.symbol] if (f.node.lineno, f.node.col_offset) == (msg.line, msg.column)]
        try:
            if ONE_FORMAT_ONLY in msg.msg:
                raise NotFixable("it holds under one image data format only; the fix would be wrong under the other")
            if msg.confidence.name != "HIGH":
                raise NotFixable("found through inference (a user subclass of a Keras class), not from the code alone")
            if not here:
                raise NotFixable("the finding could not be traced back to its layer")
            plan.edits = _PLANNERS[msg.symbol](analysis, here)
        except NotFixable as why:
            plan.reason = str(why)
        except Exception as error:  # pylint: disable=broad-exception-caught
            # Code the planner cannot follow is left alone, never a crashed check or fix.
            plan.reason = f"keraslint could not plan this fix ({type(error).__name__}: {error}); please report it"
        plans.append(plan)
    return plans


# Shared checks ---------------------------------------------------------------------------


def _layer_instances(analysis: ModuleAnalysis, node: nodes.NodeNG) -> list[tuple[Graph, Apply]]:
    """Every application of every layer object built at ``node``, in every graph."""
    return [(g, a) for g in analysis.graphs for a in g.applies if a.layer.node is node]


def _require_every_instance(analysis, node, flagged_layers: set, what: str) -> None:
    """Every layer object built at ``node`` must need the fix.

    Objects built by a helper's own analysis (parameters unknown, output returned)
    do not count when the helper is inlined at its calls; then each call must need it,
    every call of the helper in the module must have been followed, and the helper
    must be private to the module (other modules may call it with other needs).
    """
    instances = _layer_instances(analysis, node)
    inlined = [(g, a) for g, a in instances if a.layer.via is not None]
    own = [(g, a) for g, a in instances if a.layer.via is None]
    if own and all(a.layer in flagged_layers for _, a in own):
        return
    if not inlined:
        raise NotFixable(f"{what} is used in several ways here and not all of them need the fix")
    unflagged = sorted({a.layer.via.lineno for _, a in inlined if a.layer not in flagged_layers})
    if unflagged:
        lines = ", ".join(map(str, unflagged))
        raise NotFixable(f"{what} is built by a helper also called at line {lines}, where the fix is not needed")
    helper = node.scope()
    if analysis.helper_instances(node) is None:
        raise NotFixable(f"{what} is built by `{helper.name}`, which is called where keraslint cannot follow it")
    if not helper.name.startswith("_") and isinstance(helper.parent, nodes.Module):
        raise NotFixable(f"{what} is built by the public helper `{helper.name}`, which other modules may call with other needs")


def _call_has_unpacking(call: nodes.Call) -> bool:
    return any(isinstance(a, nodes.Starred) for a in call.args) or any(k.arg is None for k in call.keywords or ())


def _keyword(call: nodes.Call, name: str) -> nodes.Keyword | None:
    return next((k for k in call.keywords or () if k.arg == name), None)


# One planner per rule --------------------------------------------------------------------


def _plan_bias(analysis, findings) -> list[Edit]:
    node = findings[0][1].node
    flagged = {a.layer for g, a in _layer_instances(analysis, node) if _bias_cancelled(g, a)}
    try:
        _require_every_instance(analysis, node, flagged, "the layer")
    except NotFixable:
        when = findings[0][1].args[2]  # the rule's " (when `use_bn`)" clause, or ""
        if when:
            condition = when.strip()[len("(when ") : -1]
            raise NotFixable(f"it depends on {condition}: on another path the bias is not cancelled") from None
        raise
    if not isinstance(node, nodes.Call):
        raise NotFixable("the layer is not built by a call keraslint can rewrite")
    # A Keras 1 call (border_mode=, nb_row=, ...) names the argument `bias`.
    kind = _layer_instances(analysis, node)[0][1].kind
    literal_args = [a.value if isinstance(a, nodes.Const) else None for a in node.args]
    keras1 = is_keras1_call(kind, literal_args, {k.arg: None for k in node.keywords or () if k.arg})
    return [Edit("keyword", node, "bias" if keras1 else "use_bias", "False")]


def _bias_cancelled(graph: Graph, apply: Apply) -> bool:
    """Whether every application of the layer ends in a channel BatchNormalization on every path."""
    applies = [a for a in weighted_layers(graph) if a.layer is apply.layer]
    return all(_every_path_normalized(graph, a) for a in applies)


def _every_path_normalized(graph: Graph, apply: Apply) -> bool:
    layer = apply.layer
    if layer.get("use_bias", True) is not True or layer.activation != "linear":
        return False
    reached = graph.reaches_only(apply, frozenset({"BatchNormalization"}), COMMUTES_WITH_CHANNEL_SHIFT)
    conditions = [condition for bn, condition in reached or () if normalizes_channels(bn)]
    return _covers_every_path(conditions, apply.condition)


def _atom(literal: str) -> tuple[str, bool]:
    return (literal[5:-1], False) if literal.startswith("not (") and literal.endswith(")") else (literal, True)


def _covers_every_path(conditions: list[Condition], given: Condition) -> bool:
    """True when, whatever the `if` tests evaluate to (consistently with ``given``),
    one of ``conditions`` holds."""
    literals = {_atom(c) for condition in [*conditions, given] for c in condition}
    atoms = sorted({name for name, _ in literals})
    if len(atoms) > MAX_CONDITIONS:
        return False
    for values in itertools.product((True, False), repeat=len(atoms)):
        truth = dict(zip(atoms, values))
        if not all(truth[name] is positive for name, positive in map(_atom, given)):
            continue
        if not any(all(truth[name] is positive for name, positive in map(_atom, c)) for c in conditions):
            return False
    return True


def _plan_axis(analysis, findings) -> list[Edit]:
    node = findings[0][1].node
    fixes = {f.args[-1] for _, f in findings}
    if len(fixes) != 1:
        raise NotFixable("the BatchNormalization is applied to inputs with different channel axes")
    flagged = {a.layer for g, a in _layer_instances(analysis, node) if _wrong_axis(g, a)}
    _require_every_instance(analysis, node, flagged, "the BatchNormalization")
    if not isinstance(node, nodes.Call) or _call_has_unpacking(node):
        raise NotFixable("the axis is not given in the call itself")
    (axis,) = fixes
    if _keyword(node, "axis") is None and node.args:
        return [Edit("positional", node, value=axis, index=0)]
    return [Edit("keyword", node, "axis", axis)]


def _wrong_axis(graph: Graph, bn: Apply) -> bool:
    """The rule's test, for one application: the channel axis is known and not the one normalized."""
    axis, channels = normalized_axis(bn), channels_of(graph, bn)
    return axis is not None and channels is not None and axis != channels[0]


def _plan_frozen_base(analysis, findings) -> list[Edit]:
    call = findings[0][1].node
    if not isinstance(call, nodes.Call) or _call_has_unpacking(call):
        raise NotFixable("the call passes *args or **kwargs, which may hold training")
    if _keyword(call, "training") is not None or len(call.args) != 1:
        raise NotFixable("the call passes training itself; which value is meant is a decision")
    applies = [a for g in analysis.graphs for a in g.applies if a.node is call]
    if len(applies) > len(findings):
        raise NotFixable("the call is reached in several ways and not all of them call a frozen base")
    return [Edit("keyword", call, "training", "False")]


def _plan_from_logits(analysis, findings) -> list[Edit]:
    losses = set()
    for graph, finding in findings:
        for event, loss, _, source in compiled_outputs(graph):
            if source.layer.node is finding.node and event.node.lineno == finding.args[2]:
                losses.add((loss.node, event.node))
    if len(losses) != 1:
        raise NotFixable("the loss could not be traced to one call")
    ((loss, compile_call),) = losses
    keyword = _keyword(loss, "from_logits") if isinstance(loss, nodes.Call) else None
    if keyword is None or not (isinstance(keyword.value, nodes.Const) and keyword.value.value is True):
        raise NotFixable("from_logits=True is not written in the loss's call")
    if not any(n is compile_call for n in loss.node_ancestors()):
        raise NotFixable(f"the loss is built at line {loss.lineno}, outside compile(), and may be used elsewhere")
    return [Edit("keyword", loss, "from_logits", "False")]


def _plan_redundant(analysis, findings) -> list[Edit]:
    node = findings[0][1].node
    applies = [a for _, a in _layer_instances(analysis, node)]
    if len(applies) != len(findings) or len({a.node for a in applies}) != 1:
        raise NotFixable("the activation layer is applied more than once")
    layer = applies[0].layer
    if layer.activation != "relu" or (layer.kind == "ReLU" and layer.config) or set(layer.config) - {"activation"}:
        raise NotFixable(
            "only a second plain ReLU is removed (relu(relu(x)) == relu(x)); removing another activation changes "
            "the outputs: decide which one to keep"
        )
    if not isinstance(node, nodes.Call):
        raise NotFixable("the layer is not built by a call keraslint can rewrite")
    parent = node.parent
    if isinstance(parent, (nodes.List, nodes.Tuple)):
        return [Edit("remove_element", node)]
    if isinstance(parent, nodes.Call) and node in parent.args and _is_add(parent) and isinstance(parent.parent, nodes.Expr):
        return [Edit("remove_statement", _not_alone(parent.parent))]
    if isinstance(parent, nodes.Call) and parent.func is node:
        if len(parent.args) != 1 or parent.keywords or isinstance(parent.args[0], nodes.Starred):
            raise NotFixable("the layer is called with more than its input")
        statement = parent.parent
        argument = parent.args[0]
        if (
            isinstance(statement, nodes.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], nodes.AssignName)
            and isinstance(argument, nodes.Name)
            and statement.targets[0].name == argument.name
        ):
            return [Edit("remove_statement", _not_alone(statement))]
        return [Edit("unwrap", parent)]
    raise NotFixable("the layer object is stored in a name and may be used elsewhere")


def _not_alone(statement: nodes.NodeNG) -> nodes.NodeNG:
    if statement.previous_sibling() is None and statement.next_sibling() is None:
        raise NotFixable("removing the statement would leave its block empty")
    return statement


def _is_add(call: nodes.Call) -> bool:
    return isinstance(call.func, nodes.Attribute) and call.func.attrname == "add" and len(call.args) == 1


def _plan_trainable(analysis, findings) -> list[Edit]:
    _, finding = findings[0]
    if finding.args[3] == KERAS3_GAN.format(model=finding.args[1]):
        raise NotFixable("compiling again does not help here: " + finding.args[3])
    graph = findings[0][0]
    events = graph.events
    index = next(i for i, e in enumerate(events) if e.node is finding.node)
    compiles = [e for e in events[:index] if e.kind == "compile" and e.model is not None and e.model.name == finding.args[1]]
    statement = finding.node.statement()
    if not compiles or not isinstance(compiles[-1].node.parent, nodes.Expr):
        raise NotFixable("where to compile again is a decision")
    return [Edit("insert_after", statement, copy=compiles[-1].node.parent)]


_PLANNERS = {
    BIAS: _plan_bias,
    AXIS: _plan_axis,
    FROZEN_BASE: _plan_frozen_base,
    FROM_LOGITS: _plan_from_logits,
    REDUNDANT: _plan_redundant,
    TRAINABLE: _plan_trainable,
}
