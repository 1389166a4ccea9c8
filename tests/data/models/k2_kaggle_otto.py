# Source: keras-team/keras, examples/kaggle_otto_nn.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
from keras.layers import PReLU, BatchNormalization, Dense, Dropout, Activation
from keras.models import Sequential

dims = 93
nb_classes = 9


def build():
    model = Sequential()
    model.add(Dense(512, input_shape=(dims,)))
    model.add(PReLU())
    model.add(BatchNormalization())
    model.add(Dropout(0.5))
    model.add(Dense(512))
    model.add(PReLU())
    model.add(BatchNormalization())
    model.add(Dropout(0.5))
    model.add(Dense(512))
    model.add(PReLU())
    model.add(BatchNormalization())
    model.add(Dropout(0.5))
    model.add(Dense(nb_classes))
    model.add(Activation("softmax"))
    return model
