"""CI output: ``keraslint check --format github|sarif`` and pylint's own formats.

The SARIF logs are validated against the OASIS SARIF 2.1.0 JSON schema shipped in
tests/tools/data (see its README for where it comes from).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
from pylint.interfaces import HIGH
from pylint.message import Message
from pylint.typing import MessageLocationTuple

from keraslint.reporters import GithubReporter, github_annotation
from keraslint.rules import ALL_RULES

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

FLAWED = textwrap.dedent(
    '''\
    """A small model with three mistakes."""
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input((32, 32, 3)), layers.Conv2D(16, 3, activation="relu"),
            layers.Dropout(0.2),
            layers.BatchNormalization(),
            layers.Conv2D(16, 3, activation="relu"),
            layers.BatchNormalization(axis=1),
            layers.Flatten(),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    '''
)
CLEAN = textwrap.dedent(
    '''\
    """A model without mistakes."""
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input((8,)), layers.Dense(4, activation="relu"), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    '''
)
# (line, 1-based column, id, symbol) of what keraslint finds in FLAWED with the rules on
# by default (keras-stacked-linear-layers, off by default, would add line 8 again)
EXPECTED = {
    (8, 9, "W7307", "keras-dropout-before-batchnorm"),
    (11, 9, "E7302", "keras-batchnorm-wrong-axis"),
    (13, 9, "E7304", "keras-softmax-with-from-logits"),
}


def validate_sarif(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "flawed_model.py").write_text(FLAWED, encoding="utf-8")
    (tmp_path / "pkg" / "clean_model.py").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def keraslint_check(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "keraslint.cli", "check", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )


def pylint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=keraslint", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )


def test_schema_file_is_the_oasis_sarif_2_1_0_schema():
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    # The validator really rejects what SARIF forbids:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [], "extra": 1}, SCHEMA)


def test_github_annotations(project):
    result = keraslint_check(project, "--format", "github", "pkg")
    assert result.returncode == 2 | 4, result.stderr  # errors and warnings, as pylint's exit bits
    lines = result.stdout.splitlines()
    assert len(lines) == len(EXPECTED)
    assert all(line.startswith(("::warning file=pkg/flawed_model.py,", "::error file=pkg/flawed_model.py,")) for line in lines)
    assert (
        "::error file=pkg/flawed_model.py,line=11,col=9,endLine=11,endColumn=42,"
        "title=E7302 (keras-batchnorm-wrong-axis)::BatchNormalization(axis=1) normalizes axis 1 of its rank-4 input, "
        "but the channels are on axis 3 (channels_last output of Conv2D (line 10)): use axis=-1"
    ) in lines
    found = set()
    for line in lines:
        command, rest = line[2:].split(" ", 1)
        properties = dict(item.split("=", 1) for item in rest.split("::", 1)[0].split(","))
        msg_id, symbol = properties["title"].split(" ")
        assert command == ("error" if msg_id.startswith("E") else "warning")
        found.add((int(properties["line"]), int(properties["col"]), msg_id, symbol.strip("()")))
    assert found == EXPECTED


def test_github_output_file_and_clean_code(project, tmp_path):
    out = tmp_path / "reports" / "annotations.txt"
    result = keraslint_check(project, "--format=github", f"--output={out}", "pkg")
    assert result.returncode == 6
    assert result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(EXPECTED)

    clean = keraslint_check(project, "--format", "github", "pkg/clean_model.py")
    assert clean.returncode == 0
    assert clean.stdout == ""


def test_github_reporter_from_plain_pylint(project):
    result = pylint(
        project, "--disable=all", "--enable=keras-batchnorm-wrong-axis",
        "--output-format=keraslint.reporters.GithubReporter", "pkg",
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout.splitlines() == [
        "::error file=pkg/flawed_model.py,line=11,col=9,endLine=11,endColumn=42,"
        "title=E7302 (keras-batchnorm-wrong-axis)::BatchNormalization(axis=1) normalizes axis 1 of its rank-4 input, "
        "but the channels are on axis 3 (channels_last output of Conv2D (line 10)): use axis=-1"
    ]


def test_github_escaping():
    location = MessageLocationTuple(
        abspath="/src/odd,name:1.py", path="src/odd,name:1.py", module="odd", obj="", line=3,
        column=0, end_line=None, end_column=None,
    )
    message = Message("W7301", "keras-bias-before-batchnorm", location, "100% sure,\nreally: yes", HIGH)
    assert github_annotation(message) == (
        "::warning file=src/odd%2Cname%3A1.py,line=3,col=1,title=W7301 (keras-bias-before-batchnorm)"
        "::100%25 sure,%0Areally: yes"
    )
    assert GithubReporter.name == "github"


def test_sarif_file_validates_and_has_rules_results_locations(project, tmp_path):
    out = tmp_path / "keraslint.sarif"
    result = keraslint_check(project, "--format", "sarif", "--output", str(out), "pkg")
    assert result.returncode == 6, result.stderr
    assert result.stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    validate_sarif(log)

    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "keraslint"
    rules = driver["rules"]
    assert {(r["id"], r["name"]) for r in rules} == {(rule.msgid, rule.symbol) for rule in ALL_RULES}
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["help"]["markdown"].startswith(f"# {rule['name']} ({rule['id']})")
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['name']}.md")
        assert rule["defaultConfiguration"]["level"] == ("error" if rule["id"].startswith("E") else "warning")

    found = set()
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] == ("error" if res["ruleId"].startswith("E") else "warning")
        assert res["message"]["text"]
        (location,) = res["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "pkg/flawed_model.py", "uriBaseId": "%SRCROOT%"}
        region = physical["region"]
        assert region["endLine"] >= region["startLine"]
        found.add((region["startLine"], region["startColumn"], res["ruleId"], res["properties"]["symbol"]))
    assert found == EXPECTED
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.as_uri() + "/"


def test_sarif_to_stdout_on_clean_code_is_valid_and_empty(project):
    result = keraslint_check(project, "--format", "sarif", "pkg/clean_model.py")
    assert result.returncode == 0, result.stderr
    log = json.loads(result.stdout)
    validate_sarif(log)
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(ALL_RULES)


def test_sarif_reporter_from_plain_pylint_with_pylint_messages(project, tmp_path):
    """With pylint's own checkers on, their messages become rules and results too."""
    out = tmp_path / "all.sarif"
    extra = FLAWED + "\nimport os\n\n\ndef helper():\n    return 1\n"
    (project / "pkg" / "flawed_model.py").write_text(extra, encoding="utf-8")
    result = pylint(
        project, "--disable=all", "--enable=keraslint,unused-import,missing-function-docstring",
        f"--output-format=keraslint.reporters.SarifReporter:{out}", "pkg/flawed_model.py",
    )
    assert result.returncode & 2, result.stderr
    log = json.loads(out.read_text(encoding="utf-8"))
    validate_sarif(log)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    ids = {res["ruleId"] for res in run["results"]}
    assert {"E7302", "E7304", "W7307"} <= ids
    pylint_ids = ids - {rule.msgid for rule in ALL_RULES}
    assert pylint_ids == {"W0611", "C0116"}, ids
    for msg_id in pylint_ids:
        assert rules[msg_id]["name"] and rules[msg_id]["fullDescription"]["text"]
        assert rules[msg_id]["properties"]["tags"] == ["pylint"]
    levels = {res["ruleId"]: res["level"] for res in run["results"]}
    assert levels["C0116"] == "note" and levels["W0611"] == "warning" and levels["E7302"] == "error"
    assert rules["W0611"]["name"] == "unused-import"


def test_pylint_output_formats_keep_working(project):
    result = keraslint_check(project, "--pylint-arg=--output-format=json", "pkg")
    assert result.returncode == 6, result.stderr
    messages = json.loads(result.stdout)
    assert {(m["line"], m["column"] + 1, m["message-id"], m["symbol"]) for m in messages} == EXPECTED

    parseable = keraslint_check(project, "--pylint-arg=--output-format=parseable", "pkg")
    assert "pkg/flawed_model.py:11: [E7302(keras-batchnorm-wrong-axis), ]" in parseable.stdout
