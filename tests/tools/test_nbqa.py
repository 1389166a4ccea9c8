"""Notebooks: ``nbqa pylint --load-plugins=keraslint`` on examples/notebook.ipynb."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "notebook.ipynb"


def nbqa(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nbqa", *args], cwd=cwd, capture_output=True, text=True, timeout=180, check=False
    )


def test_nbqa_pylint_reports_the_finding_with_its_cell():
    result = nbqa("pylint", "--load-plugins=keraslint", "examples/notebook.ipynb")
    assert result.returncode & 2, result.stdout + result.stderr  # pylint's error bit
    findings = re.findall(r"^examples/notebook\.ipynb:cell_(\d+):(\d+):(\d+): (E7304): .*\((keras-[a-z-]+)\)$",
                          result.stdout, re.M)
    assert findings == [("2", "7", "8", "E7304", "keras-softmax-with-from-logits")], result.stdout

    # nbqa numbers code cells from 1: cell_2 is the second; its line 7 is the softmax Dense,
    # at pylint's 0-based column 8.
    code_cells = [cell for cell in nbformat.read(NOTEBOOK, as_version=4).cells if cell.cell_type == "code"]
    line = code_cells[1].source.splitlines()[6]
    assert line.strip() == 'layers.Dense(10, activation="softmax"),'
    assert line.index("layers") == 8
    # The loss that makes it wrong is in the next cell: both cells are analysed as one module.
    assert "from_logits=True" in code_cells[2].source


def test_nbqa_on_a_fixed_notebook_reports_nothing(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        cell.source = cell.source.replace("from_logits=True", "from_logits=False")
    nbformat.write(notebook, tmp_path / "fixed.ipynb")
    result = nbqa("pylint", "--load-plugins=keraslint", "--disable=all", "--enable=keraslint", "fixed.ipynb",
                  cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "keras-" not in result.stdout
