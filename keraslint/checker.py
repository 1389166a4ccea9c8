"""The pylint checker: builds the model graphs of each module and runs the rules."""

from __future__ import annotations

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
        rule.msgid: (rule.template, rule.symbol, rule.summary, {"default_enabled": rule.default_enabled})
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
                args=finding.args,
                confidence=INFERENCE if finding.inferred else HIGH,
            )


def module_findings(module: nodes.Module, rules, config) -> list[Finding]:
    """The findings of ``rules`` in ``module``: every rule over every graph of the module.

    A helper is analysed on its own and inlined at each call, so the same place can be
    found twice: one finding per (rule, place), the first.
    """
    findings: dict = {}
    for graph in analyse(module).graphs:
        for rule in rules:
            for finding in rule.check(graph, config):
                findings.setdefault((finding.symbol, finding.node.lineno, finding.node.col_offset), finding)
    return list(findings.values())


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
