# Source: keras-team/keras, examples/imdb_fasttext.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras
from keras.layers import Dense, Embedding, GlobalAveragePooling1D
from keras.models import Sequential

max_features = 20000
maxlen = 400
embedding_dims = 50


def build():
    model = Sequential()
    model.add(keras.Input((maxlen,)))
    model.add(Embedding(max_features, embedding_dims))
    model.add(GlobalAveragePooling1D())
    model.add(Dense(1, activation="sigmoid"))
    return model
