# Source: keras-team/keras, examples/imdb_cnn.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
from keras.layers import Activation, Conv1D, Dense, Dropout, Embedding, GlobalMaxPooling1D
from keras.models import Sequential

max_features = 5000
maxlen = 400
embedding_dims = 50
filters = 250
kernel_size = 3
hidden_dims = 250


def build():
    model = Sequential()
    model.add(Embedding(max_features, embedding_dims))
    model.add(Dropout(0.2))
    model.add(Conv1D(filters, kernel_size, padding="valid", activation="relu", strides=1))
    model.add(GlobalMaxPooling1D())
    model.add(Dense(hidden_dims))
    model.add(Dropout(0.2))
    model.add(Activation("relu"))
    model.add(Dense(1))
    model.add(Activation("sigmoid"))
    model.build((None, maxlen))  # the original's input_length=maxlen, which Keras 3 no longer takes
    return model
