"""Pylint reporters for CI (GitHub Actions annotations, SARIF 2.1.0) and the run
that ``keraslint check`` and ``keraslint fix`` share.

``keraslint check --format github|sarif [--output FILE]`` uses them through
:func:`run_with_format`; plain pylint can load them by class path::

    pylint --load-plugins=keraslint --output-format=keraslint.reporters.GithubReporter src/
    pylint --load-plugins=keraslint --output-format=keraslint.reporters.SarifReporter:keraslint.sarif src/

Both report every message pylint emits (keraslint's and, when enabled, pylint's own).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from pylint.lint import PyLinter, Run
from pylint.reporters import CollectingReporter
from pylint.reporters.base_reporter import BaseReporter

import keraslint
from keraslint.rules import RULES_BY_SYMBOL

if TYPE_CHECKING:
    from pylint.message import Message
    from pylint.reporters.ureports.nodes import Section

SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/keraslint/keraslint"
RULE_DOCS_URI = "https://github.com/keraslint/keraslint/blob/main/docs/rules/{symbol}.md"

# pylint message categories (first letter of the id) -> GitHub annotation command / SARIF level.
_GITHUB_COMMAND = {"F": "error", "E": "error", "W": "warning", "R": "notice", "C": "notice", "I": "notice"}
_SARIF_LEVEL = {"F": "error", "E": "error", "W": "warning", "R": "note", "C": "note", "I": "note"}


def _category(msg_id: str) -> str:
    return msg_id[:1].upper() or "W"


class _UnbufferedReporter(BaseReporter):
    """Shared plumbing: no layout reports (the CI formats carry findings only)."""

    def display_reports(self, layout: Section) -> None:
        """Reports (``--reports=y``) have no place in these formats."""

    def _display(self, layout: Section) -> None:
        """Nothing to display."""


# GitHub Actions -----------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(msg: Message) -> str:
    """One GitHub Actions workflow command (``::warning file=...::message``) for ``msg``."""
    command = _GITHUB_COMMAND.get(_category(msg.msg_id), "warning")
    properties = {"file": Path(msg.path).as_posix()}
    if msg.line:
        properties["line"] = str(msg.line)
        properties["col"] = str(msg.column + 1)  # pylint columns start at 0, GitHub's at 1
        if msg.end_line:
            properties["endLine"] = str(msg.end_line)
            if msg.end_column is not None:
                properties["endColumn"] = str(msg.end_column + 1)
    properties["title"] = f"{msg.msg_id} ({msg.symbol})"
    rendered = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{command} {rendered}::{_escape_data(msg.msg or msg.symbol)}"


class GithubReporter(_UnbufferedReporter):
    """Prints each message as a GitHub Actions annotation, as soon as it is found.

    Errors and fatal messages (``E``, ``F``) become ``::error``, warnings ``::warning``,
    conventions and refactoring hints ``::notice``. The title names the message id and symbol.
    """

    name = "github"
    extension = "txt"

    def handle_message(self, msg: Message) -> None:
        self.writeln(github_annotation(msg))


# SARIF ---------------------------------------------------------------------------------


def _rule_descriptor(msg_id: str, symbol: str, summary: str, description: str, help_text: str) -> dict[str, Any]:
    level = _SARIF_LEVEL.get(_category(msg_id), "warning")
    descriptor: dict[str, Any] = {
        "id": msg_id,
        "name": symbol,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": description},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["keras"] if symbol.startswith("keras-") else ["pylint"]},
    }
    if symbol in RULES_BY_SYMBOL:
        descriptor["helpUri"] = RULE_DOCS_URI.format(symbol=symbol)
    return descriptor


def keraslint_rule_descriptors() -> list[dict[str, Any]]:
    """SARIF ``reportingDescriptor`` objects for every keraslint rule."""
    descriptors = []
    for symbol, rule in RULES_BY_SYMBOL.items():
        doc = rule.doc or rule.summary
        descriptors.append(_rule_descriptor(rule.msgid, symbol, rule.summary, _first_paragraph(doc), doc))
    return sorted(descriptors, key=lambda d: d["id"])


def _first_paragraph(markdown: str) -> str:
    """The prose of a rule page without its heading lines."""
    paragraphs = [p.strip() for p in markdown.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    return " ".join(paragraphs[0].split()) if paragraphs else markdown.strip()


class SarifReporter(_UnbufferedReporter):
    """Writes one SARIF 2.1.0 log (a single run) when linting ends.

    The run's rules are every keraslint rule plus any other pylint message that was
    emitted; each result has its rule id (the pylint message id), level, message,
    and a location relative to the ``%SRCROOT%`` base (the current directory), with
    1-based columns, as GitHub code scanning and other SARIF viewers expect.
    """

    name = "sarif"
    extension = "sarif"

    def __init__(self, output: TextIO | None = None) -> None:
        super().__init__(output)
        self._root = Path.cwd()

    def display_messages(self, layout: Section | None) -> None:
        json.dump(self.sarif_log(), self.out, indent=2)
        self.writeln()

    def sarif_log(self) -> dict[str, Any]:
        """The SARIF log of the messages collected so far, as a JSON-ready dict."""
        rules = keraslint_rule_descriptors()
        index = {rule["id"]: i for i, rule in enumerate(rules)}
        results = []
        for msg in self.messages:
            if msg.msg_id not in index:
                index[msg.msg_id] = len(rules)
                rules.append(self._other_rule(msg))
            results.append(self._result(msg, index[msg.msg_id]))
        return {
            "$schema": SARIF_SCHEMA_URI,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "keraslint",
                            "version": keraslint.__version__,
                            "semanticVersion": keraslint.__version__,
                            "informationUri": INFORMATION_URI,
                            "rules": rules,
                        }
                    },
                    "originalUriBaseIds": {"%SRCROOT%": {"uri": self._root.as_uri() + "/"}},
                    "columnKind": "unicodeCodePoints",
                    "invocations": [{"executionSuccessful": True}],
                    "results": results,
                }
            ],
        }

    def _other_rule(self, msg: Message) -> dict[str, Any]:
        summary = description = msg.symbol
        linter = getattr(self, "linter", None)
        if linter is not None:
            try:
                definition = linter.msgs_store.get_message_definitions(msg.msg_id)[0]
            except Exception:  # pylint: disable=broad-exception-caught
                definition = None
            if definition is not None:
                description = " ".join(definition.description.split()) or msg.symbol
                summary = description.split(". ")[0]
        return _rule_descriptor(msg.msg_id, msg.symbol, summary, description, description)

    def _artifact_location(self, msg: Message) -> dict[str, Any]:
        path = Path(msg.abspath or msg.path)
        if not path.is_absolute():
            path = self._root / path
        try:
            relative = path.resolve().relative_to(self._root.resolve())
        except ValueError:
            return {"uri": path.resolve().as_uri()}
        return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}

    def _result(self, msg: Message, rule_index: int) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": self._artifact_location(msg)}
        if msg.line and msg.line >= 1:
            region: dict[str, Any] = {"startLine": msg.line, "startColumn": msg.column + 1}
            if msg.end_line and msg.end_line >= msg.line:
                region["endLine"] = msg.end_line
                if msg.end_column is not None:
                    region["endColumn"] = msg.end_column + 1
            physical["region"] = region
        location: dict[str, Any] = {"physicalLocation": physical}
        qualified = ".".join(part for part in (msg.module, msg.obj) if part)
        if qualified:
            location["logicalLocations"] = [{"fullyQualifiedName": qualified}]
        return {
            "ruleId": msg.msg_id,
            "ruleIndex": rule_index,
            "level": _SARIF_LEVEL.get(_category(msg.msg_id), "warning"),
            "message": {"text": msg.msg or msg.symbol},
            "locations": [location],
            "properties": {"symbol": msg.symbol, "confidence": msg.confidence.name},
        }


REPORTERS = {"github": GithubReporter, "sarif": SarifReporter}


# Sorted output -----------------------------------------------------------------------


def message_order(msg: Message) -> tuple:
    """Sort key of a message: file, line, column, then id."""
    return (Path(msg.path).as_posix(), msg.line or 0, msg.column or 0, msg.msg_id)


class SortedReporter(BaseReporter):
    """Holds every message back until linting ends, then hands them to ``inner``
    sorted by file, line and column: pylint reports a module's messages in the order
    its checkers find them, and ``-j N`` interleaves files.

    ``messages`` keeps them, sorted, for the summary line; ``files`` the paths linted.
    """

    def __init__(self, inner: BaseReporter) -> None:  # pylint: disable=super-init-not-called
        # Everything but the message buffer belongs to the wrapped reporter.
        self.inner = inner
        self.messages: list[Message] = []
        self.files: set[str] = set()

    def __getattr__(self, name: str):
        # path_strip_prefix, section and the rest of the reporter's state: the wrapped reporter's.
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    @property
    def out(self) -> TextIO:
        return self.inner.out

    @out.setter
    def out(self, stream: TextIO) -> None:  # pylint's --output=FILE sets it after loading the reporter
        self.inner.out = stream

    @property
    def linter(self) -> PyLinter:
        return self.inner.linter

    @linter.setter
    def linter(self, linter: PyLinter) -> None:
        self.inner.linter = linter

    def handle_message(self, msg: Message) -> None:
        self.messages.append(msg)

    def on_set_current_module(self, module: str, filepath: str | None) -> None:
        if filepath:
            self.files.add(filepath)
        self.inner.on_set_current_module(module, filepath)

    def writeln(self, string: str = "") -> None:
        self.inner.writeln(string)

    def display_messages(self, layout: Section | None) -> None:
        self.messages.sort(key=message_order)
        for msg in self.messages:
            self.inner.handle_message(msg)
        self.inner.display_messages(layout)

    def display_reports(self, layout: Section) -> None:
        self.inner.display_reports(layout)

    def _display(self, layout: Section) -> None:
        """Layouts reach the wrapped reporter through display_reports."""

    def on_close(self, stats, previous_stats) -> None:
        self.inner.on_close(stats, previous_stats)


class QuietReporter(_UnbufferedReporter):
    """Prints nothing: for runs that only want the messages (``reporter.messages`` of the run's linter)."""

    def handle_message(self, msg: Message) -> None:
        """The SortedReporter around it keeps the messages."""


class _SortingLinter(PyLinter):
    """A PyLinter whose reporter, whichever pylint loads (``--output-format``), is sorted."""

    def set_reporter(self, reporter) -> None:
        # `-j N` workers collect messages for the main process, which sorts them.
        if not isinstance(reporter, (SortedReporter, CollectingReporter)):
            reporter = SortedReporter(reporter)
        super().set_reporter(reporter)


class _SortedRun(Run):
    LinterClass = _SortingLinter


def lint(pylint_args: list[str], reporter: BaseReporter | None = None) -> PyLinter:
    """Run pylint with ``pylint_args`` (no exit); messages come out sorted in every format.

    The linter's ``reporter.messages`` holds the messages, ``reporter.files`` the files
    linted, ``msg_status`` the exit bits.
    """
    return _SortedRun(pylint_args, reporter=reporter, exit=False).linter


def run_with_format(pylint_args: list[str], fmt: str, output: str | None = None) -> PyLinter:
    """Run pylint with ``pylint_args`` and report in ``fmt`` ("github" or "sarif").

    Writes to ``output`` (a path) when given, to standard output otherwise; returns
    the linter (``msg_status`` holds pylint's exit code bits, as ``keraslint check`` returns them).
    """
    try:
        reporter_class = REPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(REPORTERS)}") from None
    if output is None:
        return lint(pylint_args, reporter_class(sys.stdout))
    directory = os.path.dirname(os.path.abspath(output))
    os.makedirs(directory, exist_ok=True)
    with open(output, "w", encoding="utf-8") as stream:
        return lint(pylint_args, reporter_class(stream))
