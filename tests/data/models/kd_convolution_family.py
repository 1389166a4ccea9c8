# Source: keras-team/keras, keras/src/layers/convolutional/*.py (docstring examples) (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras
from keras import layers


def build():
    """Separable, depthwise, dilated, grouped, strided and 3-D convolutions with their documented arguments."""
    inputs = keras.Input(shape=(32, 32, 16))
    x = layers.SeparableConv2D(32, 3, depth_multiplier=2, padding="same")(inputs)
    x = layers.DepthwiseConv2D(3, strides=2, depth_multiplier=3, use_bias=False)(x)
    x = layers.Conv2D(48, 3, dilation_rate=2, groups=4)(x)
    x = layers.AveragePooling2D(pool_size=3, strides=1, padding="same")(x)
    x = layers.Conv2DTranspose(8, 3, strides=2, padding="valid")(x)
    x = layers.Reshape((23, 23, 8, 1))(x)
    x = layers.Conv3D(4, (3, 3, 2), strides=(2, 2, 1))(x)
    x = layers.UpSampling3D(size=2)(x)
    x = layers.ZeroPadding3D(padding=1)(x)
    x = layers.Cropping3D(cropping=1)(x)
    x = layers.MaxPooling3D(pool_size=2)(x)
    x = layers.Conv3DTranspose(2, 3, strides=2, padding="same")(x)
    x = layers.GlobalAveragePooling3D(keepdims=True)(x)
    x = layers.Flatten()(x)
    return keras.Model(inputs, x)
