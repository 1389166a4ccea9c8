# Source: keras-team/keras, keras/src/layers/reshaping/*.py (docstring examples) (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras
from keras import layers


def build():
    """The reshaping layers' documented shapes chained into one model."""
    inputs = keras.Input(shape=(28, 28, 3))
    x = layers.ZeroPadding2D(padding=((1, 0), (1, 0)))(inputs)
    x = layers.Cropping2D(cropping=((2, 2), (4, 4)))(x)
    x = layers.UpSampling2D(size=(2, 2))(x)
    x = layers.Conv2D(8, 3, strides=2)(x)
    x = layers.Reshape((-1, 8))(x)
    x = layers.Permute((2, 1))(x)
    x = layers.Cropping1D(cropping=2)(x)
    x = layers.ZeroPadding1D(padding=3)(x)
    x = layers.UpSampling1D(size=2)(x)
    x = layers.Conv1DTranspose(4, 3, strides=2)(x)
    x = layers.GlobalMaxPooling1D()(x)
    x = layers.RepeatVector(3)(x)
    x = layers.Flatten()(x)
    return keras.Model(inputs, x)
