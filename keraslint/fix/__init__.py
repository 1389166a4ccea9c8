"""``keraslint fix``: rewrite the findings whose fix keeps the model's meaning.

The findings come from a ``keraslint check`` run (the configuration, ``--select``,
``--ignore`` and ``# pylint: disable`` comments apply); :mod:`keraslint.fix.planner`
decides which can be rewritten and how, :mod:`keraslint.fix.codemods` rewrites the
source with LibCST. Fixed code has no finding of the fixed rule at that place, so a
second run changes nothing.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import io
import os
import shutil
import sys
import tempfile
import tokenize
from collections import defaultdict

from keraslint.fix.planner import AXIS, FIX_KIND, REDUNDANT, Planned, plan_module
from keraslint.rules import RULES_BY_SYMBOL

__all__ = ["FIX_KIND", "count_fixable", "run"]

# Exit code of --check and --diff when something would change.
WOULD_CHANGE = 1
# Fixing repeats while a pass changes something; a pass only removes findings, so this is a safety net.
MAX_PASSES = 10
# Fixes after which the file is linted again: a BatchNormalization on the channel axis can
# reveal a bias it cancels; a removed line moves the findings after it. The other fixes
# only add or change an argument on its line and reveal nothing fixable.
RELINT_AFTER = frozenset({AXIS, REDUNDANT})
NO_FIX = "no automatic fix for this rule: the right change depends on what the model is for"


def by_path(messages, symbols=RULES_BY_SYMBOL) -> dict[str, list]:
    """The messages of ``symbols`` (keraslint's by default), by absolute file path."""
    grouped = defaultdict(list)
    for msg in messages:
        if msg.symbol in symbols:
            grouped[os.path.abspath(msg.abspath or msg.path)].append(msg)
    return grouped


def _module(path: str, modname: str):
    """The astroid module pylint built for ``path`` (astroid's cache), or a new one."""
    from astroid import MANAGER  # pylint: disable=import-outside-toplevel

    return MANAGER.ast_from_file(path, modname, source=True)


def plans_for(messages, config) -> list[Planned]:
    """A plan for every fixable-rule message, file by file, in message order."""
    plans = []
    for path, file_messages in by_path(messages, FIX_KIND).items():
        plans.extend(plan_module(_module(path, file_messages[0].module), path, file_messages, config))
    return plans


def count_fixable(messages, config) -> int:
    """How many of ``messages`` ``keraslint fix`` would rewrite."""
    return sum(1 for plan in plans_for(messages, config) if plan.edits and not plan.suggestion)


def _read(path: str) -> tuple[str, str]:
    """A file's text with its line endings as they are, and its encoding."""
    with open(path, "rb") as stream:
        encoding, _ = tokenize.detect_encoding(stream.readline)
    with open(path, encoding=encoding, newline="") as stream:
        return stream.read(), encoding


def _diff(path: str, before: str, after: str) -> str:
    name = os.path.relpath(path).replace(os.sep, "/")
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def run(args: argparse.Namespace, pylint_args_for) -> int:
    """``keraslint fix``: returns the exit code. ``pylint_args_for(paths)`` is the check's pylint command line.

    A fix can reveal a finding the first one hid (a BatchNormalization on the right axis
    now cancels a bias), so fixing repeats on such files until nothing changes:
    a second ``keraslint fix`` then has nothing to do. ``--diff`` and ``--check`` do the
    same on copies in a temporary folder.
    """
    from keraslint import reporters  # pylint: disable=import-outside-toplevel

    linter = reporters.lint(pylint_args_for(args.paths), reporters.QuietReporter())
    if not linter.reporter.files:
        print(f"keraslint: no Python files found under {' '.join(args.paths)}", file=sys.stderr)
        return 0
    dry = args.diff or args.check
    report = sys.stderr if args.diff else sys.stdout
    # Messages that are not findings (a file pylint cannot parse, a bad option) come first.
    for msg in linter.reporter.messages:
        if msg.symbol not in RULES_BY_SYMBOL:
            print(f"{msg.path}:{msg.line}:{msg.column}: {msg.msg_id}: {msg.msg} ({msg.symbol})", file=report)

    with tempfile.TemporaryDirectory(prefix="keraslint-fix-") as scratch:
        session = _Session(linter.config, scratch if dry else None)
        session.fix_until_stable(by_path(linter.reporter.messages), pylint_args_for)
        originals, finals, left = session.originals, session.current_sources(), session.left
        if args.diff:
            for real, (before, _) in originals.items():
                sys.stdout.write(_diff(real, before, finals[real]))
            sys.stdout.write(session.suggestions())
    for plan in left:
        reason = plan.reason or "no automatic rewrite: where the compile() goes is a decision; --diff shows a suggestion"
        print(f"{_where(plan)}: {plan.symbol}: not fixed: {reason}", file=report)
    changed = sum(1 for real, (before, _) in originals.items() if finals[real] != before)
    verb = "would fix" if dry else "fixed"
    print(
        f"{verb} {_count(session.fixed, 'finding')} in {_count(changed, 'file')}; {len(left)} not fixed",
        file=report,
    )
    return WOULD_CHANGE if dry and changed else 0


def _forget(paths: list[str]) -> None:
    """Drop the rewritten files from astroid's cache, so the next pass parses their new text."""
    from astroid import MANAGER  # pylint: disable=import-outside-toplevel

    rewritten = set(map(os.path.abspath, paths))
    for name, module in list(MANAGER.astroid_cache.items()):
        if module.file and os.path.abspath(module.file) in rewritten:
            del MANAGER.astroid_cache[name]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class _Session:
    """The files being fixed: their original text, where their current text lives
    (the file itself, or its copy in ``scratch``), the latest findings in each."""

    def __init__(self, config, scratch: str | None) -> None:
        self.config = config
        self.scratch = scratch
        self.originals: dict[str, tuple[str, str]] = {}  # real path -> (text, encoding)
        self.where: dict[str, str] = {}  # real path -> path holding the current text
        self.real: dict[str, str] = {}  # the reverse
        self.latest: dict[str, list] = {}  # real path -> messages of its current text
        self.fixed = 0

    def _track(self, real: str) -> None:
        if real in self.where:
            return
        self.originals[real] = _read(real)
        where = real
        if self.scratch is not None:
            folder = os.path.join(self.scratch, str(len(self.where)))
            os.makedirs(folder)
            where = os.path.join(folder, os.path.basename(real))
            shutil.copyfile(real, where)
        self.where[real], self.real[where] = where, real

    def fix_until_stable(self, messages_by_path: dict[str, list], pylint_args_for) -> None:
        from libcst import ParserSyntaxError  # pylint: disable=import-outside-toplevel

        from keraslint import reporters  # pylint: disable=import-outside-toplevel
        from keraslint.fix.codemods import apply_edits  # pylint: disable=import-outside-toplevel

        pending = messages_by_path
        for _ in range(MAX_PASSES):
            changed = []
            for where, messages in pending.items():
                real = self.real.get(where, where)
                self.latest[real] = messages
                plans = [p for p in plans_for(messages, self.config) if p.edits and not p.suggestion]
                if not plans:
                    continue
                self._track(real)
                source, encoding = _read(self.where[real])
                try:
                    new_source, applied = apply_edits(source, [edit for plan in plans for edit in plan.edits])
                except ParserSyntaxError as error:  # syntax pylint reads and LibCST does not
                    print(f"keraslint fix: {real}: not rewritten, LibCST cannot parse it: {error.message}", file=sys.stderr)
                    continue
                done = [plan for plan in plans if all(id(edit) in applied for edit in plan.edits)]
                self.fixed += len(done)
                gone = {(plan.line, plan.column, plan.symbol) for plan in done}
                self.latest[real] = [m for m in messages if (m.line, m.column, m.symbol) not in gone]
                if new_source != source:
                    with open(self.where[real], "w", encoding=encoding, newline="") as stream:
                        stream.write(new_source)
                    if any(plan.symbol in RELINT_AFTER for plan in done):
                        changed.append(self.where[real])
            if not changed:
                return
            _forget(changed)
            linter = reporters.lint(pylint_args_for(changed), reporters.QuietReporter())
            pending = {path: by_path(linter.reporter.messages).get(path, []) for path in map(os.path.abspath, changed)}

    def current_sources(self) -> dict[str, str]:
        return {real: _read(where)[0] for real, where in self.where.items()}

    def _plans(self) -> list[Planned]:
        plans = []
        for real, messages in self.latest.items():
            for plan in plans_for(messages, self.config) if messages else ():
                plan.path = real
                plans.append(plan)
            for msg in messages:
                if msg.symbol not in FIX_KIND:
                    plans.append(Planned(real, msg.line, msg.column, msg.symbol, reason=NO_FIX))
        return sorted(plans, key=lambda plan: (plan.path, plan.line, plan.column))

    @functools.cached_property
    def left(self) -> list[Planned]:
        """The findings the fixed code still has, with the reason each is not fixed."""
        return [plan for plan in self._plans() if plan.reason or plan.suggestion]

    def suggestions(self) -> str:
        """Suggested changes (never applied) as unified diffs of the fixed text, each under a comment line."""
        from keraslint.fix.codemods import apply_edits  # pylint: disable=import-outside-toplevel

        out = io.StringIO()
        for plan in self.left:
            if plan.suggestion and plan.edits:
                source = _read(self.where.get(plan.path, plan.path))[0]
                suggested, _ = apply_edits(source, plan.edits)
                out.write(f"# suggestion, not applied: {plan.symbol} at {_where(plan)}\n")
                out.write(_diff(plan.path, source, suggested))
        return out.getvalue()


def _where(plan: Planned) -> str:
    return f"{os.path.relpath(plan.path)}:{plan.line}:{plan.column}"
