# Source: tensorflow/docs, site/en/tutorials/keras/text_classification.ipynb (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# The tutorial builds the model on its first batch; here model.build states that input.
import tensorflow as tf
from tensorflow.keras import layers

max_features = 10000
embedding_dim = 16
sequence_length = 250


def build():
    model = tf.keras.Sequential([
        layers.Embedding(max_features + 1, embedding_dim),
        layers.Dropout(0.2),
        layers.GlobalAveragePooling1D(),
        layers.Dropout(0.2),
        layers.Dense(1),
    ])
    model.build((None, sequence_length))
    return model
