"""Where keras and TensorFlow are installed, ``keraslint check`` keeps astroid out of
them (same findings), and plain pylint does so only with ``keraslint-skip-frameworks``.

Each run is a fresh interpreter that lints with real pylint and then lists the
framework modules astroid built. The speed itself is measured in
benchmarks/framework_sources.py, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("keras")  # the point is an environment where keras is installed

MODEL = textwrap.dedent(
    """\
    import keras
    import tensorflow as tf
    from keras import layers

    model = keras.Sequential([keras.Input((8, 8, 3)), layers.Conv2D(4, 3), layers.BatchNormalization()])
    model.compile(optimizer="adam", loss="mse")
    model.fit(1, 2)
    model.trainable = False
    model.fit(1, 2)
    head = tf.keras.layers.Dense(3)
    head.trainable = False
    """
)
PROBE = textwrap.dedent(
    """\
    import json, sys
    from astroid import MANAGER
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter

    reporter = CollectingReporter()
    Run(sys.argv[1:], reporter=reporter, exit=False)
    built = sorted(name for name in MANAGER.astroid_cache if name.split(".")[0] in ("keras", "tensorflow"))
    print(json.dumps({"messages": sorted([m.line, m.symbol] for m in reporter.messages), "built": built}))
    """
)


def lint(cwd: Path, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--load-plugins=keraslint", "--score=n", "--persistent=n", *args, "model.py"],
        cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
    )
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "model.py").write_text(MODEL, encoding="utf-8")
    return tmp_path


def test_keraslint_only_builds_no_framework_module_and_finds_the_same(project):
    skipped = lint(project, "--keraslint-only=y")
    assert skipped["built"] == []
    assert skipped["messages"] == [[5, "keras-bias-before-batchnorm"], [8, "keras-trainable-after-compile"]]
    # The same findings as plain pylint reading keras and tensorflow from source.
    full = lint(project, "--disable=all", "--enable=keraslint")
    assert any(name.startswith("keras") for name in full["built"])
    assert full["messages"] == skipped["messages"]


def test_plain_pylint_keeps_the_frameworks_unless_asked(project):
    default = lint(project, "--disable=all", "--enable=keraslint,import-error,no-member")
    assert default["built"]
    skipped = lint(project, "--keraslint-skip-frameworks=y", "--disable=all", "--enable=keraslint,import-error,no-member")
    assert skipped["built"] == []
    # Skipped as pylint's ignored-modules are: no import-error for them.
    assert "import-error" not in {symbol for _, symbol in skipped["messages"]}
    assert [m for m in skipped["messages"] if m[1].startswith("keras-")] == [
        m for m in default["messages"] if m[1].startswith("keras-")
    ]
