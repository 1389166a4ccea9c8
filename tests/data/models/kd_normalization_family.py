# Source: keras-team/keras, keras/src/layers/normalization/*.py (docstring examples) (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras
from keras import layers


def build():
    """Every normalization layer and the shape-keeping layers around them."""
    inputs = keras.Input(shape=(16, 16, 8))
    x = layers.Normalization(axis=-1)(inputs)
    x = layers.GaussianNoise(0.1)(x)
    x = layers.Conv2D(32, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization(center=False)(x)
    x = layers.GroupNormalization(groups=8)(x)
    x = layers.LayerNormalization(axis=[1, 2, 3])(x)
    x = layers.UnitNormalization()(x)
    x = layers.SpatialDropout2D(0.1)(x)
    x = layers.ELU()(x)
    x = layers.PReLU(shared_axes=[1, 2])(x)
    x = layers.ActivityRegularization(l1=0.01)(x)
    x = layers.Resizing(8, 8)(x)
    x = layers.CenterCrop(6, 6)(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.AlphaDropout(0.1)(x)
    x = layers.GaussianDropout(0.1)(x)
    x = layers.Softmax()(x)
    return keras.Model(inputs, x)
