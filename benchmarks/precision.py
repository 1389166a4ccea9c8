"""Per-rule precision of keraslint on public Keras application code, judged by hand.

    python benchmarks/precision.py CORPUS --prepare          # notebooks -> .py, once
    python benchmarks/precision.py CORPUS [--jobs 2]         # lint, sample, score
    python benchmarks/precision.py CORPUS --reuse            # score the last lint again
    python benchmarks/precision.py CORPUS --only-unjudged    # list the sampled findings still to judge
    python benchmarks/precision.py CORPUS --record           # write the "lint:precision" section

CORPUS is a git-ignored directory holding one folder per public repository
(``owner+name``), each the ``git archive`` of the commit listed below; nothing of
it is committed. ``--prepare`` turns every notebook's code cells into
``<notebook>_ipynb.py`` beside it (shell ``!`` and ``%`` magic lines dropped, a
cell that is not Python 3 replaced by a comment) so that pylint can read it.

Every finding (path relative to CORPUS, line, symbol, message) is written to
``--findings``. Per rule, a sample of ``--per-rule`` findings (all where fewer) is
drawn by a seeded hash of (path, line, symbol), so a later run over a changed
engine keeps every old finding's place in the order and only new findings need a
verdict. Verdicts live in ``benchmarks/precision_verdicts.tsv``, keyed by
(path, line, symbol), one of:

- ``true``: the code does what the message says, and acting on it helps;
- ``pointless``: what the message says is so, but acting on it changes nothing
  that matters (a model linear on purpose, a base never trained);
- ``false``: the message is wrong about the code.

The libraries' own test modules (``*_test.py``, ``test_*.py``, files under ``tests/``)
are left out: they build wrong models on purpose and are not the application code the
figure is about.

Precision is true / judged, counting ``pointless`` as wrong. After an engine change, lint
again, list the sampled findings without a verdict (``--only-unjudged``: path, line,
symbol, message), read each in its source and append a row ``path<TAB>line<TAB>symbol
<TAB>verdict<TAB>reason`` to the verdict file; verdicts of findings that are gone stay
in the file and no longer count.

To rebuild the corpus: take each repository below at its commit, write its ``.py`` and
``.ipynb`` files (and licence) into ``CORPUS/owner+name/`` (``git archive <commit>``, or
file by file where a snapshot lacks large blobs), unpack the ``examples/`` folder of the
keras 2.3.1 source distribution (``pip download --no-deps --no-binary :all: keras==2.3.1``)
into ``CORPUS/keras-team+keras-2.3.1-examples/``, then run ``--prepare``. The snapshots the corpus was
rebuilt from on 2026-12-05 lack the contents of 36 large notebooks, which are left out.

The corpus (repository, commit, licence), fetched on 2026-12-04, one folder each
(``owner+name``); the licences matter only for what is quoted in reviews, as nothing
of the corpus is committed:

- GoogleCloudPlatform/practical-ml-vision-book 793a208917f1fbeaf6db46265c6719648363b850 (Apache-2.0)
- Hvass-Labs/TensorFlow-Tutorials d5f33973570fe6ef9c78c8a38c7449a932c81010 (MIT)
- Kulbear/deep-learning-coursera 997fdb2e2db67acd45d29ae418212463a54be06d (MIT)
- MorvanZhou/tutorials c36c8995951bc09890efd329635c2b74bd532610 (MIT)
- PacktPublishing/Advanced-Deep-Learning-with-Keras b065726ee733d32c6bd618fc7643c9fc51767c75 (MIT)
- PacktPublishing/Deep-Learning-Quick-Reference fb7913e8f818a2d968455184eab11a4ea0fb7223 (MIT)
- PacktPublishing/Deep-Learning-with-Keras 157230ac35c19e97229607362a1dddf90ff3138f (MIT)
- PacktPublishing/Deep-Learning-with-TensorFlow-2-and-Keras e23d2b4a4292386b70977473805acb2f93ef16ca (MIT)
- PacktPublishing/Generative-Adversarial-Networks-Projects 317e7682acfeb5563f70c020a09b1b2e4c6595bb (MIT)
- PacktPublishing/Hands-On-Computer-Vision-with-TensorFlow-2 9a73003eff274f288d59dfb1532a5a48655bfaa3 (MIT)
- PacktPublishing/Hands-On-Generative-Adversarial-Networks-with-Keras 7fb3251ccd34ce76ad07d6667732eb183aebb333 (MIT)
- PacktPublishing/Hands-On-Neural-Networks-with-Keras c08fd4d614f532325946539f9f04b603519f8bec (MIT)
- PacktPublishing/Hands-On-Transfer-Learning-with-Python bb63ec55cb299618cb84a194a41f4787917b22fc (MIT)
- PacktPublishing/Keras-2.x-Projects eb60a9b3f3fefa17ee90774edb38d88d31bacd2b (MIT)
- PacktPublishing/Keras-Deep-Learning-Cookbook 061e0c3911918f399c1a4221a75be4083321b37d (MIT)
- PacktPublishing/Mastering-Computer-Vision-with-TensorFlow-2.0 459fdc9ec024faa52618a470e5615be5187747e0 (MIT)
- PacktPublishing/Neural-Network-Projects-with-Python 83fb056562808425329174e5ffbbc12954fecc92 (MIT)
- PacktPublishing/Python-Deep-Learning-Projects 1dbe73597f9a1a519ca6e9dd387ee59897ceda6e (MIT)
- PacktPublishing/Python-Deep-Learning-Second-Edition a44db1a21d101009dd610ad3adafba475a648f0e (MIT)
- aamini/introtodeeplearning fd8023c7804bd352fc7212ac3aa587bd90912653 (MIT)
- ageron/handson-ml2 1e2115277b50f6c584cd668fa30e3af309a5b136 (Apache-2.0)
- ageron/handson-ml3 e3f3f9e66d58cfa1d068a498433063a1d3fba9ef (Apache-2.0)
- amanchadha/coursera-deep-learning-specialization e9de0f4d1549b5a974c7f5cba013097fe162a798 (no licence file)
- aymericdamien/TensorFlow-Examples 6dcbe14649163814e72a22a999f20c5e247ce988 (MIT)
- bonlime/keras-deeplab-v3-plus 69a547c55972e8a4295b133ef35e621f19a225d7 (MIT)
- bstriner/keras-adversarial 6651cfad771f72521c78a5cc3a23a2313efeaa88 (MIT-style)
- davidADSP/GDL_code 2a7b8c92ea07ddd796d7a895b171dbc5fcc2c7cd (GPL-3.0)
- divamgupta/image-segmentation-keras 1b2ba53ae49387c2d1abbd9a2f4a9a45eea6912f (MIT)
- dragen1860/Deep-Learning-with-TensorFlow-book f99a94ed7d27cf7264bab37527e3c66735928f6d (no licence file)
- dragen1860/TensorFlow-2.x-Tutorials 9861a308283d17693d497fdfaab20b92c0b26d08 (no licence file)
- experiencor/keras-yolo3 768c524f277adbfd26c2f44d73cb1826bbaf2d10 (MIT)
- fchollet/deep-learning-models ccd0eb24996b4cbff4231b90cd44b057c0b20f14 (MIT)
- fchollet/deep-learning-with-python-notebooks dea84a4e12cc3bb3cb61ce952a0168bca113d315 (MIT)
- https-deeplearning-ai/tensorflow-1-public 025abb3e6bd63c63b65d6133286e2d033c9c7da4 (Apache-2.0)
- jacobgil/keras-dcgan 060363909ad375545f25296b39253e019c3c5a55 (no licence file)
- jeffheaton/t81_558_deep_learning e674d07b85289b0cfb4cc57ff213228fd2ae4dc4 (Apache-2.0)
- keras-rl/keras-rl 216c3145f3dc4d17877be26ca2185ce7db462bad (MIT)
- keras-team/keras 2.3.1 examples/ (from the keras-2.3.1 source distribution on PyPI) (MIT)
- keras-team/keras-contrib 3fc5ef709e061416f4bc8a92ca3750c824b5d2b0 (MIT)
- lexfridman/mit-deep-learning c5cc240d3482889109c954eeac786522843b0b3a (MIT)
- lmoroney/dlaicourse f9bb5f236da306d9f8a7c978ed37292105fd7254 (no licence file)
- mrdbourke/tensorflow-deep-learning bd065b806249f7b1155e5b1fabd130c5cfc9d184 (MIT)
- nfmcclure/tensorflow_cookbook d998edfe7df11177df2ea17814be7bd6193788c9 (MIT)
- osh/KerasGAN 017014734eb4cabaf022b0488ea6d8a0ab297082 (no licence file)
- philipperemy/keras-tcn 7576256b8b2a138b88ae2483b8616681686e424f (MIT)
- qqwweee/keras-yolo3 e6598d13c703029b2686bc2eb8d5c09badf42992 (MIT)
- qubvel/segmentation_models 5d24bbfb28af6134e25e2c0b79e7727f6c0491d0 (MIT)
- raghakot/keras-resnet 5e9bcca7e467f7baf3459d809ef16bb75e53f115 (MIT-style)
- rasbt/python-machine-learning-book-3rd-edition bf62496f44a92a21d23250d5ed13d2d2e617e0e2 (MIT)
- tdeboissiere/DeepLearningImplementations 5c4094880fc6992cca2d6e336463b2525026f6e2 (MIT)
- tensorchiefs/dl_book f3ff5b147d109e208ba6359177f9e2b0c165cd81 (no licence file)
- tensorflow/docs 7c3650212740204359d4ceae481abc79345541be (Apache-2.0)
- tensorflow/examples 608f7db8c511e3dcc420afc564496e4516ceb800 (Apache-2.0)
- tensorflow/hub 26c94f67716f457efaa70c63b4d1b561a08be9f1 (Apache-2.0)
- the-deep-learners/deep-learning-illustrated d11faaf7e34640c23181f7ac0e695fef00cf89f3 (MIT)
- titu1994/DenseNet 60b18584caf697fc0f78257c08509a0f020098ff (MIT)
- titu1994/Keras-ResNeXt d63d15fad5f4db6351870aca04829e0cd7f822d3 (MIT)
- titu1994/MobileNetworks 8d9a44b2954cef2b8b63b7c87b7c3cafc6fd1e5c (Apache-2.0)
- titu1994/keras-squeeze-excite-network fc5345bc3bf07087b85bd5c37fe832eb29605905 (MIT)
- trekhleb/machine-learning-experiments 307992fe7d8e42decc53b821e815a16fcd3bf15a (MIT)
- zhixuhao/unet b45af4d458437d8281cc218a07fd4380818ece4a (MIT)
"""

from __future__ import annotations

import argparse
import ast
import collections
import csv
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402  pylint: disable=wrong-import-position

VERDICTS = os.path.join(HERE, "precision_verdicts.tsv")
VERDICT_KINDS = ("true", "pointless", "false")
VERDICT_FIELDS = ("path", "line", "symbol", "verdict", "reason")
SEED = "keraslint-precision-1"

# What the review of the sample found, kept with the figures (update after judging a new run).
REVIEW = """\
Review of the sample on the engine of 2026-12-05 (issue #10 and rule set v2, data formats
evaluated per path), with the libraries' own test modules left out of the corpus: the false and
pointless findings (path: line). Since this review, every rule on by default is at 0.95 or above
where it has findings; the rules marked [off] are off by default (their pages say why), the
three marked [off since 2026-12-05] because of this review.

- keras-bias-before-batchnorm [off since 2026-12-05] (0.88, 53 of 60; the sample was widened from
  30, which gave 28 of 30): right about the code every time (0 false), but pointless in 7, all
  models whose weights come from elsewhere, where `use_bias=False` breaks the loading or the
  check: a FaceNet model built only to receive pretrained weights by `set_weights`, a kernel
  and a bias per conv (coursera-deep-learning-specialization Face Recognition
  inception_blocks_v2.py:24, 28, 249); Wide ResNet with `weights='cifar10'` (keras-contrib
  wide_resnet.py:256); a Faster R-CNN backbone that train_model.py loads from an .h5 checkpoint
  (Deep-Learning-with-TensorFlow-book); two graded course notebooks whose checker compares
  parameter counts that include the biases (Residual_Networks:139, Convolution_model_Application:187).
  The module alone does not show any of this. The earlier false finding, a helper's Conv2D that
  also builds heads feeding no BatchNormalization (Advanced-Deep-Learning-with-Keras
  chapter11-detection/model.py:25), is gone.
- keras-batchnorm-wrong-axis (1.00, 13; three are channels_first-only findings in pix2pix, whose
  `K.image_dim_ordering() == "channels_first"` is never true, so its BatchNormalization keeps
  axis=-1 under channels_first): the one false finding of the previous round, the input
  normalization of a one-channel spectrogram along a chosen axis (deep-learning-models
  music_tagger_crnn.py:95), is gone: an input whose channel count the code does not show is
  no longer called wrong.
- keras-loss-activation-mismatch [off since 2026-12-05] (0.89, 8 of 9, all its findings),
  pointless: a notebook that tries a ReLU output on purpose to show that it fails (tensorflow-deep-learning 02 video:245). A two-unit
  softmax with binary cross-entropy, which equals the categorical loss over (p, 1 - p), is no
  longer flagged (Generative-Adversarial-Networks-Projects Chapter08/run.py:220 was).
- keras-frozen-base-training-mode [off] (0.16): pointless (21): besides the cases below, 17 full
  fine-tunings that set `trainable = True` on purpose and train the pretrained base end to end
  from the first epoch with batches of 8 to 32 per replica (practical-ml-vision-book
  03_image_models, a book that measures trainable True against False; Deep-Learning-with-TensorFlow-book
  ch15 train_transfer/train_scratch): BatchNormalization adapting to the new data there is a
  choice, not the freeze-then-unfreeze mistake. Earlier pointless: frozen bases that are never unfrozen
  (tensorflow/docs estimator:69, r1 load_data/images:213; Deep-Learning-with-TensorFlow-2-and-Keras
  Chapter 5 horse_and_humans_transfer_learning:101; deep-learning-with-python-notebooks
  chapter08_image-classification:397, whose message named an unfreeze at line 387 that line 391
  undoes until the rule learnt to name the freeze in effect). False: see the verdict file.
- keras-stacked-linear-layers [off] (0.53 of 60): pointless (28): besides those below, the same
  teaching notebooks' other copies, a toy cell that only prints a summary, the causal and dilated
  convolution stack of a notebook about receptive fields (tensorchiefs nb_ch02_04) and a
  convolutional autoencoder's projection Dense, Reshape and Conv2DTranspose (ageron); teaching notebooks linear on purpose
  to show that activations matter (tensorflow-deep-learning 02_neural_network_classification,
  docs:82, 112, 229, video:103, 189), demos and scratch code (tensorflow/docs custom_layers:117,
  dtensor_keras_tutorial:231; GDL_code 02_03:31, 38; keras-deeplab-v3-plus .ipynb_checkpoints:
  Untitled:19, test:54, 64) and standard factorizations (FCN score layer then learnt upsampling,
  image-segmentation-keras fcn.py:112; a GAN generator's projection Dense, Reshape and
  Conv2DTranspose, deep-learning-with-python second_edition chapter12_part05_gans:53). Earlier
  false: the BatchNormalization between two convolutions also feeding a residual Add
  (Generative-Adversarial-Networks-Projects Chapter06/stage2.py:232).
- keras-dense-on-unflattened [off] (0.00 of 1), false: SRGAN's patch-wise discriminator, trained
  against labels of shape (batch, 16, 16, 1) (Generative-Adversarial-Networks-Projects
  Chapter05/run.py:137).
- keras-constant-kernel-initializer [off since 2026-12-05] (0.00 of 5), pointless: all five are
  the layers of one network a book breaks on purpose (`Constant(0)` kernels) to show the failure in TensorBoard
  (Deep-Learning-Quick-Reference Chapter03/keras_regression_deep_broken.py:54-58); the message is
  right, the breakage is the lesson.
- keras-redundant-activation: its one finding of the previous review, `Conv2D(activation="relu")`
  then `Activation("relu")` (Keras-2.x-Projects Chapter05/FashionMnist.py:70), judged pointless
  (relu twice is relu once), is no longer reported: a ReLU or ReLU6 repeat is reported only
  with `keras-report-idempotent-activations=yes`. No other repeat in the corpus.
- keras-trainable-after-compile (11, all the classic GAN idiom), keras-probabilities-loss-on-logits
  (23), keras-dropout-before-batchnorm (8: DenseNet transitions, GAN discriminators, a GRU stack)
  and keras-batchnorm-on-raw-input (2) are right every time; the GAN toggle idiom no longer gives a
  finding. Four rules on by default have no finding in this corpus of 61 repositories
  (softmax-with-from-logits, label-encoding-mismatch, legacy-keras-layer, and
  redundant-activation since doubled ReLUs are left out), nor have the four shape error rules
  (window-larger-than-input, recurrent-without-time-axis, merge-shape-mismatch,
  output-keeps-axis): their precision here is unmeasured, and their functional tests and the
  labeled set are what holds them.

Off by default (judged for the record): keras-flatten-dense-parameters (0.94, 46 of 49) is right
about the figures every time; pointless where the Dense needs the spatial layout (a DQN screen
network, keypoint regression, an encoder to a latent code). The design heuristics lost most of
their false findings on 2026-12-05 (regression cases in their functional tests): a model's
output layer and the convolution that makes the output through weightless layers are no longer
flagged (classes, 1-channel score maps, 7x7 image layers, a 7x7 valid classifier convolution),
nor strided convolutions for their kernel size (DCGAN's 4x4), full-resolution autoencoders for
narrowing, models whose output is wider than their input for widening, nor Dropout before
average pooling. What stays false is what the code alone does not show: AlexNet's published
384-384-256 widths and a domain-classifier head narrowing (filters-decreasing), and decoders
built inside subclassed or functional autoencoders whose input width the scope does not show
(dense-widening). The rest of their findings are true but pointless: teaching notebooks,
scratch checkpoints, a Net2Net experiment, MC dropout on purpose, full-resolution denoisers
(no-downsampling).
"""


# --- preparing the corpus -------------------------------------------------------------


def _strip_leading_indent(lines: list[str]) -> str:
    """A cell whose first line is indented runs in IPython, which removes that indentation
    from every line that has it; do the same."""
    first = next((line for line in lines if line.strip()), "")
    indent = first[: len(first) - len(first.lstrip())]
    if not indent:
        return "\n".join(lines)
    return "\n".join(line[len(indent):] if line.startswith(indent) else line for line in lines)


def notebook_source(notebook: dict) -> str:
    """The code cells of a notebook as one Python 3 module, each after an ``# In[n]`` line."""
    parts = []
    for number, cell in enumerate(c for c in notebook.get("cells", []) if c.get("cell_type") == "code"):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if source.lstrip().startswith("%%"):
            parts.append(f"# In[{number}]: cell magic, dropped\n")
            continue
        lines = [
            "pass  # shell or magic line dropped" if line.lstrip().startswith(("!", "%")) else line
            for line in source.splitlines()
        ]
        text = _strip_leading_indent(lines)
        try:
            ast.parse(text)
        except SyntaxError:
            parts.append(f"# In[{number}]: not Python 3, dropped\n")
            continue
        parts.append(f"# In[{number}]:\n{text}\n")
    return "\n".join(parts)


def prepare(root: str) -> int:
    """Writes ``<notebook>_ipynb.py`` beside every notebook under ``root``; returns how many."""
    count = 0
    for dirpath, _, filenames in os.walk(root):
        for name in sorted(filenames):
            if not name.endswith(".ipynb"):
                continue
            path = os.path.join(dirpath, name)
            try:
                with open(path, encoding="utf-8") as handle:
                    notebook = json.load(handle)
            except (ValueError, UnicodeDecodeError):
                continue
            with open(path[: -len(".ipynb")] + "_ipynb.py", "w", encoding="utf-8") as handle:
                handle.write(notebook_source(notebook))
            count += 1
    return count


def is_library_test(path: str) -> bool:
    """A library's own test module (``*_test.py``, ``test_*.py``, under ``tests/``): library
    code that builds wrong models on purpose, not the application code measured here."""
    name = os.path.basename(path)
    return name.endswith("_test.py") or name.startswith("test_") or f"{os.sep}tests{os.sep}" in path


def keras_files(root: str) -> list[str]:
    """The .py files under ``root`` that mention keras (the others cannot give a finding),
    less the libraries' own tests."""
    found = []
    for path in corpus.python_files([root]):
        if is_library_test(os.path.relpath(path, root)):
            continue
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                if "keras" in handle.read():
                    found.append(path)
        except OSError:
            continue
    return found


# --- findings, sample and verdicts ----------------------------------------------------

Finding = collections.namedtuple("Finding", "path line symbol message")


def run_lint(root: str, jobs: int) -> tuple[list[Finding], list[str], list[str], int]:
    """(findings, crashes, files pylint cannot parse (Python 2 sources), number of files linted)."""
    files = keras_files(root)
    result = corpus.lint(files, jobs=jobs)
    unparsable = [c for c in result["crashes"] if ": syntax-error: " in c]
    crashes = [c for c in result["crashes"] if c not in unparsable]
    findings = sorted(
        {
            Finding(os.path.relpath(m.abspath or m.path, root), m.line, m.symbol, m.msg.replace("\t", " "))
            for m in result["messages"]
        }
    )
    return findings, crashes, unparsable, len(files)


def write_findings(path: str, findings: list[Finding]) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerows(findings)


def read_findings(path: str) -> list[Finding]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [Finding(p, int(line), s, m) for p, line, s, m in csv.reader(handle, delimiter="\t")]


def read_verdicts(path: str = VERDICTS) -> dict[tuple, dict]:
    """(path, line, symbol) -> {"verdict", "reason"}; a malformed row is an error."""
    if not os.path.exists(path):
        return {}
    verdicts = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), 1):
            if not row or row[0].startswith("#") or row == list(VERDICT_FIELDS):
                continue
            if len(row) != len(VERDICT_FIELDS) or row[3] not in VERDICT_KINDS or not row[4].strip():
                raise ValueError(f"{path}:{number}: want path, line, symbol, {'|'.join(VERDICT_KINDS)}, reason")
            verdicts[(row[0], int(row[1]), row[2])] = {"verdict": row[3], "reason": row[4]}
    return verdicts


def sample_rank(finding: Finding) -> str:
    return hashlib.sha256(f"{SEED}|{finding.path}|{finding.line}|{finding.symbol}".encode()).hexdigest()


def sample(findings: list[Finding], per_rule: int) -> dict[str, list[Finding]]:
    """Per rule, the ``per_rule`` findings first in the seeded hash order (all where fewer)."""
    by_rule = collections.defaultdict(list)
    for finding in findings:
        by_rule[finding.symbol].append(finding)
    return {symbol: sorted(items, key=sample_rank)[:per_rule] for symbol, items in by_rule.items()}


def score(findings: list[Finding], sampled: dict, verdicts: dict) -> list[dict]:
    counts = collections.Counter(f.symbol for f in findings)
    rows = []
    for symbol in corpus.keraslint_symbols():
        kinds = collections.Counter(
            verdicts[key]["verdict"]
            for key in ((f.path, f.line, f.symbol) for f in sampled.get(symbol, []))
            if key in verdicts
        )
        judged = sum(kinds.values())
        rows.append(
            {
                "symbol": symbol,
                "findings": counts.get(symbol, 0),
                "sampled": len(sampled.get(symbol, [])),
                "judged": judged,
                **{kind: kinds.get(kind, 0) for kind in VERDICT_KINDS},
                "precision": kinds.get("true", 0) / judged if judged else None,
            }
        )
    return rows


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| rule | findings | sampled | judged | true, useful | true, pointless | false | precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        precision = "-" if row["precision"] is None else f"{row['precision']:.2f}"
        lines.append(
            f"| {row['symbol']} | {row['findings']} | {row['sampled']} | {row['judged']} | {row['true']} "
            f"| {row['pointless']} | {row['false']} | {precision} |"
        )
    return lines


def summary_markdown(run: dict, findings: list[Finding], rows: list[dict], per_rule: int) -> str:
    repos = sorted({f.path.split(os.sep)[0] for f in findings})
    judged = sum(r["judged"] for r in rows)
    right = sum(r["true"] for r in rows)
    lines = [
        "Written by `benchmarks/precision.py --record`: keraslint over public Keras application "
        "code (tutorials, courses, books, notebooks, examples and model repositories; the "
        "repositories and commits are listed in the script), fetched into a git-ignored folder. "
        f"Per rule, a seeded sample of up to {per_rule} findings, each read in its source and judged in "
        "`benchmarks/precision_verdicts.tsv`: true and useful, true but pointless, or false. "
        "Precision counts only true and useful as right.",
        "",
        f"- repositories: {run['repositories']}; files linted (.py files and notebooks' code cells that "
        f"mention keras): {run['files']}",
        f"- crashes: {len(run['crashes'])} (and {len(run['unparsable'])} Python 2 files pylint cannot parse)",
        f"- findings: {len(findings)}, in {len(repos)} repositories",
        f"- judged: {judged}, precision over all judged: {right / judged:.2f}" if judged else "- judged: 0",
        "",
        *table(rows),
    ]
    if REVIEW.strip():
        lines += ["", REVIEW.strip()]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("corpus", help="directory with one folder per repository")
    parser.add_argument("--prepare", action="store_true", help="convert notebooks to .py and stop")
    parser.add_argument("--findings", default=".scratch/precision-findings.tsv")
    parser.add_argument("--verdicts", default=VERDICTS)
    parser.add_argument("--reuse", action="store_true", help="read --findings (and its .json) instead of linting again")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--per-rule", type=int, default=60)
    parser.add_argument("--only-unjudged", action="store_true", help="list the sampled findings without a verdict")
    parser.add_argument("--record", action="store_true", help='write the "lint:precision" section of BENCHMARKS.md')
    args = parser.parse_args(argv)
    root = os.path.abspath(args.corpus)

    if args.prepare:
        print(f"notebooks converted: {prepare(root)}")
        return 0
    if args.reuse:
        findings = read_findings(args.findings)
        with open(args.findings + ".json", encoding="utf-8") as handle:
            run = json.load(handle)
    else:
        findings, crashes, unparsable, files = run_lint(root, args.jobs)
        run = {"files": files, "crashes": crashes, "unparsable": unparsable, "repositories": len(os.listdir(root))}
        write_findings(args.findings, findings)
        with open(args.findings + ".json", "w", encoding="utf-8") as handle:
            json.dump(run, handle, indent=1)
    verdicts = read_verdicts(args.verdicts)
    sampled = sample(findings, args.per_rule)

    if args.only_unjudged:
        for symbol in sorted(sampled):
            for f in sampled[symbol]:
                if (f.path, f.line, f.symbol) not in verdicts:
                    print(f"{f.path}\t{f.line}\t{f.symbol}\t{f.message}")
        return 0

    rows = score(findings, sampled, verdicts)
    print(f"files: {run['files']}  crashes: {len(run['crashes'])}  unparsable: {len(run['unparsable'])}  "
          f"findings: {len(findings)}")
    for crash in run["crashes"]:
        print(f"CRASH: {crash}", file=sys.stderr)
    print("\n".join(table(rows)))
    if args.record:
        markdown = summary_markdown(run, findings, rows, args.per_rule)
        corpus.record("lint:precision", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
