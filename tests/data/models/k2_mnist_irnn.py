# Source: keras-team/keras, examples/mnist_irnn.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
from keras import initializers
from keras.layers import Activation, Dense, SimpleRNN
from keras.models import Sequential

num_classes = 10
hidden_units = 100


def build():
    model = Sequential()
    model.add(SimpleRNN(hidden_units,
                        kernel_initializer=initializers.RandomNormal(stddev=0.001),
                        recurrent_initializer=initializers.Identity(gain=1.0),
                        activation="relu",
                        input_shape=(784, 1)))
    model.add(Dense(num_classes))
    model.add(Activation("softmax"))
    return model
