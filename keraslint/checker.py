"""The pylint checker: builds the model graphs of each module and runs the rules."""

from __future__ import annotations

import dataclasses
import traceback
import warnings

from astroid import nodes
from pylint.checkers import BaseChecker
from pylint.interfaces import HIGH, INFERENCE

from keraslint.engine.builder import analyse
from keraslint.rules import ALL_RULES, Finding


class KerasChecker(BaseChecker):
    """Keras model-architecture checks (keraslint)."""

    name = "keraslint"
    msgs = {
        # Each message ends with the image data format it holds under, where it holds under one only.
        rule.msgid: (rule.template + "%s", rule.symbol, rule.summary, {"default_enabled": rule.default_enabled})
        for rule in ALL_RULES
    }
    options = (
        (
            "keraslint-only",
            {
                "type": "yn",
                "default": False,
                "metavar": "<y or n>",
                "help": "Report keraslint's messages only, as `keraslint check` does: pylint's own messages "
                "are turned off as --disable=all turns them off (fatal errors, syntax errors and "
                "messages about the configuration stay), keraslint's rules stay as configured.",
            },
        ),
        (
            "keraslint-skip-frameworks",
            {
                "type": "yn",
                "default": False,
                "metavar": "<y or n>",
                "help": "Keep astroid from reading keras, tensorflow, tf_keras, keras_hub, jax and torch from "
                "source: much faster where they are installed, same keraslint findings, but pylint's own "
                "inference-based checks see these modules as unknown (they are added to ignored-modules). "
                "keraslint-only goes further: astroid resolves the standard library only.",
            },
        ),
        *(option for rule in ALL_RULES for option in rule.options),
    )

    def visit_module(self, node: nodes.Module) -> None:
        enabled = [rule for rule in ALL_RULES if self.linter.is_message_enabled(rule.msgid)]
        if not enabled or not _mentions_keras(node):
            return
        try:
            findings = module_findings(node, enabled, self.linter.config)
        except Exception:  # pylint: disable=broad-exception-caught
            # A module the engine cannot follow yields no finding, never a crashed lint run.
            warnings.warn(
                f"keraslint could not analyse {node.file or node.name}; no keraslint findings for it. "
                f"Please report this:\n{traceback.format_exc()}",
                RuntimeWarning,
                stacklevel=1,
            )
            return
        for finding in findings:
            self.add_message(
                finding.symbol,
                node=finding.node,
                args=(*finding.args, finding.format_clause()),
                confidence=INFERENCE if finding.inferred else HIGH,
            )


def module_findings(module: nodes.Module, rules, config) -> list[Finding]:
    """The findings of ``rules`` in ``module``: every rule over every graph of the module.

    A helper is analysed on its own and inlined at each call, so the same place can be
    found twice: one finding per (rule, place), the first.

    A module that asks for the image data format (`if K.image_data_format() == ...`) is
    analysed under each format, layers defaulting to it as Keras's global setting makes
    them: in the scopes that ask, a finding that holds under both formats is reported as
    it is, one that holds under one format only names it; elsewhere the default,
    channels_last, is the format.
    """
    analysis = analyse(module)
    findings = _scope_findings(analysis, rules, config)
    if not analysis.format_scopes or analysis.default_data_format is None:
        return [finding for finding, _ in findings.values()]
    other = analyse(module, "channels_first")
    other_findings = _scope_findings(other, rules, config)
    asking = analysis.format_scopes | other.format_scopes
    merged = {}
    for key, (finding, scopes) in findings.items():
        if scopes <= asking and key not in other_findings:
            finding = dataclasses.replace(finding, only_with_format="channels_last")
        merged[key] = finding
    for key, (finding, scopes) in other_findings.items():
        if scopes <= asking and key not in findings:
            merged[key] = dataclasses.replace(finding, only_with_format="channels_first")
    return list(merged.values())


def _scope_findings(analysis, rules, config) -> dict:
    """(rule, place) -> (the first finding there, the scopes whose graphs gave it)."""
    findings: dict = {}
    for graph in analysis.graphs:
        for rule in rules:
            for finding in rule.check(graph, config):
                key = (finding.symbol, finding.node.lineno, finding.node.col_offset)
                findings.setdefault(key, (finding, set()))[1].add(graph.scope)
    return findings


def keep_only_keraslint_messages(linter) -> None:
    """What `--disable=all --enable=<rules>` does, for the rules the configuration
    leaves enabled: pylint's own checkers then do not run at all."""
    enabled = [msgid for msgid in KerasChecker.msgs if linter.is_message_enabled(msgid)]
    linter.disable("all")
    for msgid in enabled:
        linter.enable(msgid)


def _mentions_keras(module: nodes.Module) -> bool:
    """Cheap pre-filter: only modules importing something Keras-like are analysed."""
    for node in module.nodes_of_class((nodes.Import, nodes.ImportFrom)):
        modules = [name for name, _ in node.names] if isinstance(node, nodes.Import) else [node.modname or ""]
        if any(m.split(".")[0] in ("keras", "tensorflow", "tf_keras", "keras_hub", "keras_cv", "keras_nlp") for m in modules):
            return True
    return False
