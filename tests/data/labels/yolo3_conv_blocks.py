# Labels: YOLOv3 convolution blocks whose bias follows the BatchNormalization flag of each layer spec.
# Source: experiencor/keras-yolo3, yolo.py
# Commit: 768c524f277adbfd26c2f44d73cb1826bbaf2d10
# License: MIT
# Written in our own words with the source's structure (a loop over layer specs, skip connection); no code copied.
from keras.layers import Add, BatchNormalization, Conv2D, Input, LeakyReLU, ZeroPadding2D
from keras.models import Model


def conv_stack(tensor, specs, residual=True):
    out = tensor
    for position, spec in enumerate(specs):
        if position == len(specs) - 2 and residual:
            shortcut = out
        if spec["stride"] > 1:
            out = ZeroPadding2D(((1, 0), (1, 0)))(out)
        out = Conv2D(spec["filter"], spec["kernel"], strides=spec["stride"],  # [ok: keras-bias-before-batchnorm] use_bias is False exactly when a BatchNormalization follows
                     padding="valid" if spec["stride"] > 1 else "same",
                     use_bias=not spec["bnorm"])(out)
        if spec["bnorm"]:
            out = BatchNormalization(epsilon=0.001)(out)  # [ok: keras-batchnorm-wrong-axis] default axis on channels_last maps
        if spec["leaky"]:
            out = LeakyReLU(alpha=0.1)(out)
    return Add()([shortcut, out]) if residual else out


image = Input(shape=(None, None, 3))
h = conv_stack(image, [{"filter": 32, "kernel": 3, "stride": 1, "bnorm": True, "leaky": True},
                       {"filter": 64, "kernel": 3, "stride": 2, "bnorm": True, "leaky": True},
                       {"filter": 32, "kernel": 1, "stride": 1, "bnorm": True, "leaky": True},
                       {"filter": 64, "kernel": 3, "stride": 1, "bnorm": True, "leaky": True}])
detector = Model(image, h)
