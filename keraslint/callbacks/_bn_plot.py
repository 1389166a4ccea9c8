"""BatchNormMonitor's PNG: moving mean and variance of each layer over the steps, and
the train/inference gap per epoch. matplotlib is the optional extra keraslint[plot]."""

from __future__ import annotations

import os

import numpy as np


def _measured(steps, values):
    """The (step, value) pairs of the epochs the probe ran in."""
    pairs = [(s, v) for s, v in zip(steps, values) if v is not None]
    return [s for s, _ in pairs], [v for _, v in pairs]


def plot_history(history: dict, path: str) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from matplotlib import colormaps

    paths = list(history["layers"])
    # Distinct colours for a few layers, a gradient from input to output for many.
    colors = (
        [colormaps["tab10"](i) for i in range(len(paths))]
        if len(paths) <= 10
        else [colormaps["viridis"](i / (len(paths) - 1)) for i in range(len(paths))]
    )
    steps = np.array(history["step"], dtype=float)
    epoch_end = history["epoch_end"]
    has_gap = any(v is not None for v in epoch_end["output_gap"])

    figure = Figure(figsize=(11, 3.6), dpi=90, layout="constrained")
    canvas = FigureCanvasAgg(figure)
    axes = figure.subplots(1, 3 if has_gap else 2)
    mean_axis, variance_axis = axes[0], axes[1]
    for layer_path, color in zip(paths, colors):
        trajectory = history["layers"][layer_path]
        mean_axis.plot(steps, trajectory["mean"], color=color, label=layer_path, marker=".", markersize=3)
        mean_axis.fill_between(steps, trajectory["mean_min"], trajectory["mean_max"], color=color, alpha=0.08)
        variance_axis.plot(steps, trajectory["variance"], color=color, marker=".", markersize=3)
    mean_axis.set_title("moving mean (channel average, min-max band)", fontsize=10)
    variance_axis.set_title("moving variance (channel average)", fontsize=10)
    variance_axis.set_yscale("log")

    if has_gap:
        gap_axis = axes[2]
        for layer_path, color in zip(paths, colors):
            gap_axis.plot(*_measured(epoch_end["step"], epoch_end["layers"][layer_path]["mean_shift"]),
                          color=color, marker="o")
        gap_axis.plot(*_measured(epoch_end["step"], epoch_end["output_gap"]), color="black", linestyle="--",
                      marker="s", label="model output\n(relative difference)")
        gap_axis.set_title("train/inference gap on probe_data", fontsize=10)
        gap_axis.set_ylabel("batch vs moving mean (std)")
        gap_axis.legend(fontsize=7, loc="best")

    for axis in axes:
        axis.set_xlabel("step")
        axis.grid(alpha=0.3)
    figure.legend(*mean_axis.get_legend_handles_labels(), loc="outside lower center",
                  ncol=min(len(paths), 6), fontsize=7, frameon=False)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    canvas.print_png(path)
