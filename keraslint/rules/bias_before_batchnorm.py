"""# keras-bias-before-batchnorm (W7301)

## What it does
Checks for a `Dense` or convolution layer that has a bias and no activation, whose
output reaches a `BatchNormalization` directly, or only through layers that commute
with a per-channel shift (max/average pooling, global pooling, cropping, upsampling).

Off by default: on public application code (see BENCHMARKS.md, "lint:precision") all 60
sampled findings were right about the code, but 7 were in models whose weights come from
elsewhere: pretrained checkpoints loaded with `load_weights` or `set_weights` (FaceNet,
Wide ResNet, a Faster R-CNN backbone), and graded course notebooks whose checker compares
parameter counts that include the biases. There `use_bias=False` breaks the weight
loading or the check, and the module alone does not show it. 53 of 60 is below the 95% a
default rule must reach. Enable it with `--enable=keras-bias-before-batchnorm` (or
`enable = ["keras-bias-before-batchnorm"]` in pyproject.toml) for models you train from
scratch; `keraslint fix` then rewrites what it finds.

## Why is this bad?
In training mode `BatchNormalization` subtracts the batch mean of every channel. A
constant per-channel bias `b` shifts that mean by exactly `b`, so it is subtracted
again: the layer's output does not depend on `b` at all, and the gradient reaching `b`
is zero. At inference the moving mean has absorbed `b` in the same way. The bias is
dead weight: parameters, memory and optimizer state that never learn anything, and
weight decay on it is meaningless. `BatchNormalization` already has its own learnt
shift (`beta`, with `center=True`), which takes the bias's role; Ioffe and Szegedy
drop the bias for exactly this reason.

The rule stays silent when the layer's output is also used elsewhere (a residual
branch, `x += y`, a second head, a value returned from a function): a bias is cancelled
only if every path from it meets the `BatchNormalization` first.

In a loop, the advice is given only when it is right for every iteration: a
convolution whose last iteration feeds a sigmoid output instead of a
`BatchNormalization` keeps its bias. When the `BatchNormalization` that cancels the
bias runs in the next iteration of the loop, the message says so. When a helper
function builds the layer and takes `use_bias` from its caller, the message names the
call where `use_bias=False` belongs; otherwise `use_bias=False` on the helper's line
is advised only when it is right for every call of the helper in the module, and not
at all when some call is one keraslint cannot follow (a helper called from inside
another helper's call, or passed on as a value).

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same"),  # [keras-bias-before-batchnorm]
    layers.BatchNormalization(),
    layers.ReLU(),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same", use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
])
```

## Options
None.

## References
- Ioffe and Szegedy, [Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift](https://arxiv.org/abs/1502.03167) (2015), section 3.2: "the bias b can be ignored since its effect will be canceled by the subsequent mean subtraction"
- [Keras `BatchNormalization`](https://keras.io/api/layers/normalization_layers/batch_normalization/)
- [Keras `Conv2D` (`use_bias`)](https://keras.io/api/layers/convolution_layers/convolution2d/)
"""

from astroid import nodes

from keraslint.keras_facts import COMMUTES_WITH_CHANNEL_SHIFT
from keraslint.rules.base import Rule, every_instance, finding, normalizes_channels, weighted_layers, when

SYMBOL = "keras-bias-before-batchnorm"
PLAIN_FIX = "pass use_bias=False"


def check(graph, config):
    for apply in weighted_layers(graph):
        cancelled = _cancelling_batchnorm(graph, apply)
        if cancelled is None:
            continue
        layer = apply.layer
        fix = _fix(layer)
        # use_bias=False must be right for every iteration and use of the line it edits:
        # the call that passes use_bias, or else the layer's line, whoever calls its helper.
        at_call = fix != PLAIN_FIX
        if not every_instance(graph, apply, _cancelling_batchnorm, within_call=at_call):
            continue
        bn, condition = cancelled
        yield finding(
            SYMBOL,
            layer,
            layer.describe(),
            bn.layer.node.lineno,
            bn.carried_from(apply) + when(condition),
            fix,
            extra=[bn.layer],
        )


def _cancelling_batchnorm(graph, apply):
    """The channel BatchNormalization that every path from a biased linear ``apply``
    meets first, with the path's condition; None when some path goes elsewhere."""
    layer = apply.layer
    if layer.get("use_bias", True) is not True or layer.activation != "linear":
        return None
    reached = graph.reaches_only(apply, frozenset({"BatchNormalization"}), COMMUTES_WITH_CHANNEL_SHIFT)
    return next(((bn, condition) for bn, condition in reached or () if normalizes_channels(bn)), None)


def _fix(layer) -> str:
    """Where use_bias=False goes: in the call that builds the layer, or at the call of
    the helper that builds it when the helper takes use_bias as a parameter."""
    written = next((kw.value for kw in layer.node.keywords or () if kw.arg == "use_bias"), None)
    helper = layer.node.scope()
    if layer.via is None or not isinstance(written, nodes.Name) or not isinstance(helper, nodes.FunctionDef):
        return PLAIN_FIX
    params = [a.name for a in helper.args.posonlyargs + helper.args.args]
    if written.name not in params + [a.name for a in helper.args.kwonlyargs]:
        return PLAIN_FIX
    position = params.index(written.name) if written.name in params else len(layer.via.args)
    passed = position < len(layer.via.args) or any(kw.arg == written.name for kw in layer.via.keywords or ())
    how = f"which passes {written.name}=True" if passed else f"where {written.name} keeps its default, True"
    return f"pass {written.name}=False at the call at line {layer.via.lineno}, {how}"


RULE = Rule(
    "W7301",
    SYMBOL,
    "%s has a bias that the BatchNormalization at line %s cancels%s: %s",
    "Bias followed by BatchNormalization, which subtracts it again",
    check,
    default_enabled=False,
)
