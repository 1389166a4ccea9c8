"""The ``keraslint`` command.

    keraslint check PATH...        pylint with only keraslint's messages (pylint's exit codes)
    keraslint rules                list the rules
    keraslint rule SYMBOL          print a rule's documentation
    keraslint explain TARGET       account for every parameter of a model
"""

from __future__ import annotations

import argparse
import sys

OUTPUT_FORMATS = ("text", "github", "sarif")


def _check(args: argparse.Namespace) -> int:
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel

    pylint_args = [
        "--load-plugins=keraslint",
        # Not `--disable=all --enable=<rules>`: pylint applies the command line after the
        # configuration files, so that would re-enable the rules a project disables there.
        "--keraslint-only=y",
        "--score=n",
        *args.pylint_args,
        *args.paths,
    ]
    if args.format == "text":
        return Run(pylint_args, exit=False).linter.msg_status
    from keraslint import reporters  # pylint: disable=import-outside-toplevel

    return reporters.run_with_format(pylint_args, args.format, args.output)


def _rules(args: argparse.Namespace) -> int:
    from keraslint.rules import ALL_RULES  # pylint: disable=import-outside-toplevel

    width = max(len(rule.symbol) for rule in ALL_RULES)
    for rule in ALL_RULES:
        print(f"{rule.msgid}  {rule.symbol:<{width}}  {rule.summary}")
    return 0


def _rule(args: argparse.Namespace) -> int:
    from keraslint.rules import ALL_RULES, RULES_BY_SYMBOL  # pylint: disable=import-outside-toplevel

    rule = RULES_BY_SYMBOL.get(args.symbol) or next((r for r in ALL_RULES if r.msgid == args.symbol.upper()), None)
    if rule is None:
        print(f"keraslint: no rule named {args.symbol!r}; `keraslint rules` lists them", file=sys.stderr)
        return 2
    print(rule.doc)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from keraslint import explain_cli  # pylint: disable=import-outside-toplevel

    return explain_cli.run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="keraslint", description="Keras architecture checks: lint, explain.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="lint files or directories with keraslint's rules only")
    check.add_argument("paths", nargs="+", help="Python files or directories")
    check.add_argument("--format", choices=OUTPUT_FORMATS, default="text", help="text (default), github annotations, sarif")
    check.add_argument("--output", "-o", help="write the github/sarif report to this file instead of stdout")
    check.add_argument(
        "--pylint-arg",
        dest="pylint_args",
        action="append",
        default=[],
        metavar="ARG",
        help="pass ARG to pylint, e.g. --pylint-arg=--keras-major-version=2 or --pylint-arg=--rcfile=setup.cfg",
    )
    check.set_defaults(handler=_check)

    commands.add_parser("rules", help="list the rules").set_defaults(handler=_rules)

    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("symbol", help="rule symbol or message id, e.g. keras-bias-before-batchnorm or W7301")
    rule.set_defaults(handler=_rule)

    explain = commands.add_parser("explain", help="account for every parameter of a model")
    try:
        from keraslint import explain_cli  # pylint: disable=import-outside-toplevel

        explain_cli.add_arguments(explain)
    except ImportError:  # pragma: no cover - explain_cli ships with the package
        pass
    explain.set_defaults(handler=_explain)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
