"""The ``keraslint`` command (also ``python -m keraslint``).

    keraslint check PATH...        pylint with only keraslint's messages (pylint's exit codes)
    keraslint fix PATH...          rewrite what can be fixed without changing the model's meaning
    keraslint rules                list the rules: enabled by the configuration here, fixable
    keraslint rule SYMBOL          print a rule's documentation
    keraslint explain TARGET       account for every parameter of a model
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys

import keraslint

OUTPUT_FORMATS = ("text", "github", "sarif")
USAGE_ERROR = 2
# What a shell reports for a process ended by SIGPIPE (128 + 13): `keraslint check . | head`.
EXIT_CLOSED_PIPE = 128 + 13


class UsageError(Exception):
    """A command line keraslint cannot run; the message is the one line shown."""


# Rule selection ------------------------------------------------------------------------


def rules():
    """keraslint.rules, imported on first use: `explain --static` does not need the rule
    modules, and a fresh process pays for every import."""
    from keraslint import rules as module  # pylint: disable=import-outside-toplevel

    return module


def rules_matching(selector: str):
    """The rules a ``--select``/``--ignore`` entry names: a symbol, an id, or a prefix of either."""
    wanted = selector.strip().lower()
    matched = [r for r in rules().ALL_RULES if r.symbol.startswith(wanted) or r.msgid.lower().startswith(wanted)]
    if not wanted or not matched:
        raise UsageError(f"{selector!r} names no rule (a symbol, an id such as W7301, or a prefix of one); `keraslint rules` lists them")
    return matched


def _split(entries: list[str]) -> list[str]:
    return [part for entry in entries for part in entry.split(",") if part.strip()]


def deselected_symbols(select: list[str], ignore: list[str]) -> list[str]:
    """Symbols to turn off on top of the configuration: those outside ``select`` and those in ``ignore``."""
    selected = {r.symbol for s in _split(select) for r in rules_matching(s)} if select else set(rules().RULES_BY_SYMBOL)
    ignored = {r.symbol for s in _split(ignore) for r in rules_matching(s)}
    off = [r.symbol for r in rules().ALL_RULES if r.symbol not in selected or r.symbol in ignored]
    if len(off) == len(rules().ALL_RULES):
        raise UsageError("--select and --ignore leave no rule to check")
    return off


def keraslint_pylint_args(args: argparse.Namespace, paths: list[str] | None = None) -> list[str]:
    """pylint's arguments for `check` and `fix` (on ``paths``, by default the command's):
    keraslint's messages only, the selection last."""
    off = deselected_symbols(args.select, args.ignore)
    return [
        "--load-plugins=keraslint",
        # Not `--disable=all --enable=<rules>`: pylint applies the command line after the
        # configuration files, so that would re-enable the rules a project disables there.
        "--keraslint-only=y",
        "--score=n",
        *args.pylint_args,
        # After the configuration and --pylint-arg: --select/--ignore only narrow.
        *([f"--disable={','.join(off)}"] if off else []),
        *(args.paths if paths is None else paths),
    ]


# Commands ------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from pylint.reporters.text import TextReporter  # pylint: disable=import-outside-toplevel

    from keraslint import reporters  # pylint: disable=import-outside-toplevel

    pylint_args = keraslint_pylint_args(args)
    if args.format == "text":
        linter = reporters.lint(pylint_args)
    else:
        linter = reporters.run_with_format(pylint_args, args.format, args.output)
    messages = linter.reporter.messages
    files = len(linter.reporter.files)
    if not files:
        print(f"keraslint: no Python files found under {' '.join(args.paths)}", file=sys.stderr)
        return linter.msg_status
    from keraslint.fix import count_fixable  # pylint: disable=import-outside-toplevel

    summary = summary_line(messages, files, count_fixable(messages, linter.config))
    # After text on standard output; machine formats (github, sarif, pylint's json, ...) keep it to themselves.
    inner = linter.reporter.inner
    text_on_stdout = isinstance(inner, TextReporter) and inner.out is sys.stdout
    print(summary, file=sys.stdout if text_on_stdout else sys.stderr)
    return linter.msg_status


def summary_line(messages, files: int, fixable: int) -> str:
    findings = sum(1 for m in messages if m.symbol in rules().RULES_BY_SYMBOL)
    text = f"{_plural(findings, 'finding')} in {_plural(files, 'file')}"
    if fixable:
        text += f"; {fixable} can be fixed with `keraslint fix`"
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _fix(args: argparse.Namespace) -> int:
    from keraslint import fix  # pylint: disable=import-outside-toplevel

    return fix.run(args, lambda paths: keraslint_pylint_args(args, paths))


def _rules(args: argparse.Namespace) -> int:
    from keraslint.fix import FIX_KIND  # pylint: disable=import-outside-toplevel

    enabled = enabled_rule_ids()
    width = max(len(rule.symbol) for rule in rules().ALL_RULES)
    print(f"{'id':<5}  {'symbol':<{width}}  {'enabled':<7}  {'fix':<7}  summary")
    for rule in rules().ALL_RULES:
        state = "yes" if rule.msgid in enabled else "no"
        print(f"{rule.msgid}  {rule.symbol:<{width}}  {state:<7}  {FIX_KIND.get(rule.symbol, ''):<7}  {rule.summary}")
    print(
        "\nenabled: by the pylint configuration found in the current directory "
        "(pyproject.toml, setup.cfg, pylintrc, ...); fix: `keraslint fix` rewrites it (yes) or "
        "shows a suggested change with --diff (suggest)"
    )
    return 0


def enabled_rule_ids() -> set[str]:
    """Ids of the rules the pylint configuration of the current directory enables."""
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel

    listing = io.StringIO()
    # pylint prints the list and exits once the configuration and command line are read.
    with contextlib.redirect_stdout(listing), contextlib.suppress(SystemExit):
        Run(["--load-plugins=keraslint", "--list-msgs-enabled"], exit=False)
    enabled_part = listing.getvalue().split("Disabled messages:")[0]
    return set(re.findall(r"\((\w\d{4})\)", enabled_part)) & {rule.msgid for rule in rules().ALL_RULES}


def _rule(args: argparse.Namespace) -> int:

    rule = rules().RULES_BY_SYMBOL.get(args.symbol) or next((r for r in rules().ALL_RULES if r.msgid == args.symbol.upper()), None)
    if rule is None:
        print(f"keraslint: no rule named {args.symbol!r}; `keraslint rules` lists them", file=sys.stderr)
        return USAGE_ERROR
    print(rule.doc)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from keraslint import explain_cli  # pylint: disable=import-outside-toplevel

    return explain_cli.run(args)


def _version() -> str:
    import astroid  # pylint: disable=import-outside-toplevel
    import pylint  # pylint: disable=import-outside-toplevel

    python = ".".join(map(str, sys.version_info[:3]))
    return f"keraslint {keraslint.__version__} (pylint {pylint.__version__}, astroid {astroid.__version__}, Python {python})"


def _add_lint_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="Python files or directories")
    parser.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="RULES",
        help="only these rules (symbols, ids or prefixes, comma-separated), among those the configuration enables",
    )
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="RULES", help="leave these rules out (symbols, ids or prefixes)"
    )
    parser.add_argument(
        "--pylint-arg",
        dest="pylint_args",
        action="append",
        default=[],
        metavar="ARG",
        help="pass ARG to pylint, e.g. --pylint-arg=--keras-major-version=2 or --pylint-arg=--rcfile=setup.cfg",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="keraslint", description="Keras architecture checks: lint, fix, explain.")
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="lint files or directories with keraslint's rules only")
    _add_lint_arguments(check)
    check.add_argument("--format", choices=OUTPUT_FORMATS, default="text", help="text (default), github annotations, sarif")
    check.add_argument("--output", "-o", help="write the github/sarif report to this file instead of stdout")
    check.set_defaults(handler=_check)

    fix = commands.add_parser("fix", help="rewrite the findings whose fix keeps the model's meaning")
    _add_lint_arguments(fix)
    fix.add_argument("--diff", action="store_true", help="print a unified diff and change nothing (exit 1 if it would change something)")
    fix.add_argument("--check", action="store_true", help="change nothing; exit 1 if something would change")
    fix.set_defaults(handler=_fix)

    commands.add_parser("rules", help="list the rules, the ones enabled here, the fixable ones").set_defaults(handler=_rules)

    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("symbol", help="rule symbol or message id, e.g. keras-bias-before-batchnorm or W7301")
    rule.set_defaults(handler=_rule)

    explain = commands.add_parser("explain", help="account for every parameter of a model")
    from keraslint import explain_cli  # pylint: disable=import-outside-toplevel

    explain_cli.add_arguments(explain)
    explain.set_defaults(handler=_explain)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
    except UsageError as error:
        print(f"keraslint {args.command}: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:
        # The reader went away (`keraslint check . | head`): stop quietly, as tools killed by SIGPIPE do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLOSED_PIPE
    return status


if __name__ == "__main__":
    sys.exit(main())
