# Source: keras-team/keras, keras/src/layers/attention/attention.py (docstring example) (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# Shared layers (one Embedding and one Conv1D applied twice), Attention and Concatenate.
import keras
from keras import layers


def build():
    query_input = keras.Input(shape=(None,), dtype="int32")
    value_input = keras.Input(shape=(None,), dtype="int32")
    token_embedding = layers.Embedding(input_dim=1000, output_dim=64)
    query_embeddings = token_embedding(query_input)
    value_embeddings = token_embedding(value_input)
    cnn_layer = layers.Conv1D(filters=100, kernel_size=4, padding="same")
    query_seq_encoding = cnn_layer(query_embeddings)
    value_seq_encoding = cnn_layer(value_embeddings)
    query_value_attention_seq = layers.Attention()([query_seq_encoding, value_seq_encoding])
    query_encoding = layers.GlobalAveragePooling1D()(query_seq_encoding)
    query_value_attention = layers.GlobalAveragePooling1D()(query_value_attention_seq)
    input_layer = layers.Concatenate()([query_encoding, query_value_attention])
    return keras.Model([query_input, value_input], input_layer)
