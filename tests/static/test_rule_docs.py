"""Each rule's documentation page: its layout, its examples run through real pylint,
the generated docs/rules files, and the `keraslint rules` / `keraslint rule` commands."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from keraslint import cli, docgen
from keraslint.rules import ALL_RULES
from keraslint_testing import ROOT, lint_files, marked_lines

SECTIONS = ["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Options", "## References"]
IDS = [rule.symbol for rule in ALL_RULES]


def python_blocks(doc: str, section: str) -> list[str]:
    body = doc.split(section + "\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", body, flags=re.S)


@pytest.mark.parametrize("rule", ALL_RULES, ids=IDS)
def test_page_layout(rule):
    doc = rule.doc
    assert doc.splitlines()[0] == f"# {rule.symbol} ({rule.msgid})"
    positions = [doc.find("\n" + heading + "\n") for heading in SECTIONS]
    assert all(p > 0 for p in positions), f"missing sections in {rule.symbol}: {positions}"
    assert positions == sorted(positions), "sections out of order"
    assert len(python_blocks(doc, "## Example")) == 1
    assert len(python_blocks(doc, "## Use instead")) >= 1
    options = doc.split("## Options\n", 1)[1].split("\n## ", 1)[0].strip()
    if rule.options:
        for name, _ in rule.options:
            assert f"`{name}`" in options
    else:
        assert options == "None."
    references = doc.split("## References\n", 1)[1]
    assert re.search(r"\]\(https://[^)]+\)", references), "References need at least one link"


@pytest.fixture(scope="module")
def example_results(tmp_path_factory):
    """Every Example and Use instead block, linted by one real pylint run."""
    directory = tmp_path_factory.mktemp("doc_examples")
    files = {}
    for rule in ALL_RULES:
        stem = rule.symbol.replace("-", "_")
        blocks = [("example", python_blocks(rule.doc, "## Example")[0])]
        blocks += [(f"use_instead_{i}", b) for i, b in enumerate(python_blocks(rule.doc, "## Use instead"))]
        for label, source in blocks:
            path = directory / f"{stem}_{label}.py"
            path.write_text(source, encoding="utf-8")
            files[(rule.symbol, label)] = (path, source)
    results = lint_files([path for path, _ in files.values()])
    return {key: (source, results[str(path)]) for key, (path, source) in files.items()}


@pytest.mark.parametrize("rule", ALL_RULES, ids=IDS)
def test_example_flags_exactly_the_marked_lines(rule, example_results):
    source, found = example_results[(rule.symbol, "example")]
    expected = marked_lines(source)
    assert expected, "the Example must mark at least one line"
    assert {symbol for _, symbol in expected} == {rule.symbol}
    assert "import keras" in source
    assert found == expected


@pytest.mark.parametrize("rule", ALL_RULES, ids=IDS)
def test_use_instead_flags_nothing(rule, example_results):
    blocks = [key for key in example_results if key[0] == rule.symbol and key[1].startswith("use_instead")]
    for key in blocks:
        source, found = example_results[key]
        assert not marked_lines(source)
        assert found == [], f"{key}: {found}"


def test_docs_rules_are_in_sync_with_docgen():
    assert docgen.stale(docgen.DEFAULT_DIR) == [], "run `python -m keraslint.docgen`"
    assert docgen.main(["--check"]) == 0


def test_docgen_check_reports_stale_and_missing_pages(tmp_path, capsys):
    assert docgen.main(["--check", "--dir", str(tmp_path)]) == 1
    assert docgen.main(["--dir", str(tmp_path)]) == 0
    assert docgen.main(["--check", "--dir", str(tmp_path)]) == 0
    page = tmp_path / f"{ALL_RULES[0].symbol}.md"
    page.write_text(page.read_text() + "edited\n")
    (tmp_path / "keras-no-such-rule.md").write_text("x")
    capsys.readouterr()
    assert docgen.main(["--check", "--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "out of date" in err and "no rule has this page" in err
    index = (tmp_path / "README.md").read_text()
    assert all(f"[{rule.symbol}]({rule.symbol}.md)" in index and rule.msgid in index for rule in ALL_RULES)


def test_rules_lists_every_rule(capsys):
    assert cli.main(["rules"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if re.match(r"[EW]73\d\d ", line)]
    assert len(lines) == len(ALL_RULES)
    for rule, line in zip(ALL_RULES, lines):
        assert line.split()[:2] == [rule.msgid, rule.symbol]


@pytest.mark.parametrize("rule", ALL_RULES, ids=IDS)
def test_rule_prints_the_page_by_symbol_and_msgid(rule, capsys):
    for name in (rule.symbol, rule.msgid, rule.msgid.lower()):
        assert cli.main(["rule", name]) == 0
        assert capsys.readouterr().out == rule.doc + "\n"


def test_unknown_rule_exits_2(capsys):
    assert cli.main(["rule", "keras-no-such-rule"]) == 2
    assert "no rule named" in capsys.readouterr().err


def test_keraslint_command_end_to_end():
    """The installed console entry point, in a subprocess."""
    run = [sys.executable, "-c", "import sys; from keraslint.cli import main; sys.exit(main())"]
    shown = subprocess.run([*run, "rule", "W7301"], capture_output=True, text=True, cwd=ROOT, check=False, timeout=120)
    assert shown.returncode == 0
    assert shown.stdout.startswith("# keras-bias-before-batchnorm (W7301)\n")
    unknown = subprocess.run([*run, "rule", "W9999"], capture_output=True, text=True, cwd=ROOT, check=False, timeout=120)
    assert unknown.returncode == 2 and unknown.stdout == ""
