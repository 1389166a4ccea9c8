"""The pre-commit hook, run for real by pre-commit on a temporary git repository.

pre-commit installs the hook repository into a virtual environment of its own (pip,
from the package index), as it would from GitHub; here the hook repository is a
snapshot commit of this checkout, including uncommitted changes, which is what
``pre-commit try-repo`` does too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLAWED = textwrap.dedent(
    """\
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input((32, 32, 3)),
            layers.Conv2D(16, 3, activation="relu"),
            layers.BatchNormalization(axis=1),
            layers.GlobalAveragePooling2D(),
            layers.Dense(10, activation="softmax"),
        ]
    )
    """
)
CLEAN = FLAWED.replace("BatchNormalization(axis=1)", "BatchNormalization()")
INSTALL_TIMEOUT_S = 480


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S, check=False,
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding this checkout's files (tracked and new, not ignored)."""
    snapshot = tmp_path_factory.mktemp("keraslint-hook-repo")
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, "rev-parse", "HEAD")


def project(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "model.py").write_text(FLAWED, encoding="utf-8")
    (repo / "clean.py").write_text(CLEAN, encoding="utf-8")
    (repo / "notes.txt").write_text("BatchNormalization(axis=1)\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(repo, "add", "-A")
    return repo


def test_keraslint_hook_from_the_repository(hook_repo, tmp_path):
    snapshot, rev = hook_repo
    home = tmp_path / "pre-commit-home"
    repo = project(
        tmp_path,
        f"repos:\n- repo: {snapshot}\n  rev: {rev}\n  hooks:\n  - id: keraslint\n",
    )

    result = pre_commit(repo, home, "run", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "keraslint" in output and "Failed" in output
    assert "- exit code: 2" in output  # pylint's error bit: E7302
    assert "model.py:8:8: E7302: BatchNormalization(axis=1) normalizes axis 1" in output
    assert "(keras-batchnorm-wrong-axis)" in output
    assert "clean.py:" not in output

    # The hook's environment has keraslint and pylint, and neither Keras nor TensorFlow.
    (site_packages,) = home.glob("repo*/py_env-*/lib/python*/site-packages")
    installed = {p.name.split("-")[0].lower() for p in site_packages.glob("*.dist-info")}
    assert {"keraslint", "pylint", "astroid"} <= installed
    assert not {"keras", "tensorflow", "tensorflow_cpu", "jax", "torch"} & installed

    # A clean file passes, and a non-Python file is not handed to the hook.
    clean = pre_commit(repo, home, "run", "--files", "clean.py", "notes.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "keraslint" in clean.stdout and "Passed" in clean.stdout


def test_keraslint_fix_hook_rewrites_and_fails_once(hook_repo, tmp_path):
    snapshot, rev = hook_repo
    home = tmp_path / "pre-commit-home"
    repo = project(tmp_path, f"repos:\n- repo: {snapshot}\n  rev: {rev}\n  hooks:\n  - id: keraslint-fix\n")

    result = pre_commit(repo, home, "run", "--all-files")
    output = result.stdout + result.stderr
    # pre-commit fails a hook that changed files; the fixed file is left to review and stage.
    assert result.returncode == 1, output
    assert "keraslint fix" in output and "Failed" in output and "files were modified by this hook" in output
    assert "fixed 1 finding in 1 file; 0 not fixed" in output
    assert (repo / "model.py").read_text(encoding="utf-8") == FLAWED.replace("axis=1)", "axis=-1)")
    assert (repo / "clean.py").read_text(encoding="utf-8") == CLEAN

    again = pre_commit(repo, home, "run", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Passed" in again.stdout


def test_pylint_local_hook_with_keraslint_as_additional_dependency(hook_repo, tmp_path):
    """The documented alternative: pylint as the hook, keraslint in additional_dependencies."""
    snapshot, _ = hook_repo
    home = tmp_path / "pre-commit-home"
    config = textwrap.dedent(
        f"""\
        repos:
        - repo: local
          hooks:
          - id: pylint-keras
            name: pylint (keraslint rules)
            entry: pylint
            language: python
            types: [python]
            args: [--load-plugins=keraslint, --disable=all, --enable=keraslint, --score=n]
            additional_dependencies: ["{snapshot}"]
        """
    )
    repo = project(tmp_path, config)
    result = pre_commit(repo, home, "run", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "model.py:8:8: E7302" in output and "(keras-batchnorm-wrong-axis)" in output
    assert "clean.py:" not in output
