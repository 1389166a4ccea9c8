# Source: keras-team/keras, examples/variational_autoencoder.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# The sampling step is simplified (no random draw); a Lambda layer and three outputs.
from keras import ops
from keras.layers import Dense, Input, Lambda
from keras.models import Model

original_dim = 784
intermediate_dim = 512
latent_dim = 2


def sampling(args):
    z_mean, z_log_var = args
    return z_mean + ops.exp(0.5 * z_log_var)


def build():
    inputs = Input(shape=(original_dim,), name="encoder_input")
    x = Dense(intermediate_dim, activation="relu")(inputs)
    z_mean = Dense(latent_dim, name="z_mean")(x)
    z_log_var = Dense(latent_dim, name="z_log_var")(x)
    z = Lambda(sampling, output_shape=(latent_dim,), name="z")([z_mean, z_log_var])
    return Model(inputs, [z_mean, z_log_var, z], name="encoder")
