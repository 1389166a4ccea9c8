"""The static side needs neither keras nor tensorflow, gives the same findings in
parallel runs, and never crashes pylint on broken or strange code.

Each run is a real pylint in a fresh interpreter over every functional test file and
the files under robustness/ (a syntax error, strange but valid code)."""

from __future__ import annotations

import configparser
import csv
import json
import subprocess
import sys

import pytest

from keraslint.rules import ALL_RULES
from keraslint_testing import FUNCTIONAL_DIR, ROOT, finish, start_pylint_subprocess

ROBUSTNESS_DIR = FUNCTIONAL_DIR.parent / "robustness"
# The rules the shared functional configuration enables on top of the defaults.
_SHARED = configparser.ConfigParser()
_SHARED.read(FUNCTIONAL_DIR / "keraslint.rc")
SHARED_ENABLED = {s.strip() for s in _SHARED.get("MESSAGES CONTROL", "enable", fallback="").split(",")}
SHARED_OPTIONS = [f"--{name}={value}" for name, value in _SHARED.items("KERASLINT")] if _SHARED.has_section("KERASLINT") else []
KERAS_PACKAGES = ("keras", "tensorflow", "tf_keras", "keras_hub", "keras_nlp", "keras_cv")
# Installed before anything else runs: every import of a Keras package fails.
BLOCK_KERAS = f"""
import sys
class _NoKeras:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {KERAS_PACKAGES!r}:
            raise ImportError("blocked for this test: " + name)
        return None
sys.meta_path.insert(0, _NoKeras())
try:
    import keras
except ImportError:
    pass
else:
    sys.exit("keras is still importable")
"""
SYMBOLS = ",".join(rule.symbol for rule in ALL_RULES if rule.default_enabled or rule.symbol in SHARED_ENABLED)
PYLINT_ARGS = [
    "--load-plugins=keraslint",
    "--rcfile=/dev/null",
    "--persistent=n",
    "--score=n",
    "--disable=all",
    f"--enable={SYMBOLS},syntax-error,fatal,astroid-error",
    *SHARED_OPTIONS,
    "--msg-template={path}:{line}:{column}:{symbol}:{msg}",
]
FATAL, USAGE_ERROR = 1, 32
FILES = sorted(str(p.relative_to(ROOT)) for p in [*FUNCTIONAL_DIR.glob("*.py"), *ROBUSTNESS_DIR.glob("*.py")])


def findings(run: subprocess.CompletedProcess) -> list[str]:
    return sorted(line for line in run.stdout.splitlines() if line.startswith("tests/"))


def assert_no_crash(run: subprocess.CompletedProcess) -> None:
    assert run.returncode & (FATAL | USAGE_ERROR) == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "could not analyse" not in run.stderr, run.stderr


@pytest.fixture(scope="module")
def runs():
    started = {  # concurrently: each is a separate interpreter
        "normal": start_pylint_subprocess([*PYLINT_ARGS, "-j", "1", *FILES]),
        "no_keras": start_pylint_subprocess([*PYLINT_ARGS, "-j", "1", *FILES], bootstrap=BLOCK_KERAS),
        "parallel": start_pylint_subprocess([*PYLINT_ARGS, "-j", "2", *FILES]),
    }
    return {name: finish(process) for name, process in started.items()}


def test_normal_run_matches_the_functional_expectations(runs):
    """The run enables the rules the shared configuration enables;
    a test with a .rc of its own (options, rules off by default) is left out."""
    own_configuration = {str(rc.with_suffix(".py").relative_to(ROOT)) for rc in FUNCTIONAL_DIR.glob("*.rc")}
    expected = set()
    for txt in FUNCTIONAL_DIR.glob("*.txt"):
        path = str(txt.with_suffix(".py").relative_to(ROOT))
        if path in own_configuration:
            continue
        with open(txt, encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter=":"):
                expected.add((path, int(row[1]), row[0]))
    got = set()
    for line in findings(runs["normal"]):
        path, lineno, _, symbol, _ = line.split(":", 4)
        if path not in own_configuration and "robustness" not in path:
            got.add((path, int(lineno), symbol))
    assert expected and got == expected


def test_same_findings_without_keras_or_tensorflow(runs):
    assert_no_crash(runs["no_keras"])
    assert findings(runs["no_keras"]) == findings(runs["normal"])


def test_same_findings_with_two_jobs(runs):
    assert_no_crash(runs["parallel"])
    assert findings(runs["parallel"]) == findings(runs["normal"])


def test_broken_and_strange_code_never_crash_nor_give_findings(runs):
    run = runs["normal"]
    assert_no_crash(run)
    robustness = [line for line in findings(run) if line.startswith("tests/static/robustness/")]
    assert len(robustness) == 1 and robustness[0].startswith("tests/static/robustness/broken_syntax.py:")
    assert ":syntax-error:" in robustness[0]


def test_import_and_plugin_load_never_import_keras():
    code = f"""
import json, sys
import keraslint, keraslint.cli, keraslint.docgen, keraslint.rules, keraslint.checker
from pylint.lint import Run
Run({[*PYLINT_ARGS, str(FUNCTIONAL_DIR / "style_subclassed.py")]!r}, exit=False)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {KERAS_PACKAGES!r})))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert "keras-bias-before-batchnorm" in run.stdout  # the plugin did run
    assert json.loads(run.stdout.splitlines()[-1]) == []
