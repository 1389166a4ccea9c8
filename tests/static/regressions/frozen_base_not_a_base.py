"""Things that are no frozen base in training mode: keras-hub tokenizers and
preprocessors, transformer backbones (LayerNormalization only), a critic of Dense
layers, a base inside a Sequential whose own call passes training=False, a model
built for a metric, and a pretrained network used only through predict(): no finding."""
import keras
import keras_hub
from keras import layers


def text_classifier(preset):
    preprocessor = keras_hub.models.GemmaCausalLMPreprocessor.from_preset(preset)
    backbone = keras_hub.models.GemmaBackbone.from_preset(preset)
    backbone.trainable = False
    token_ids = keras.Input(shape=(None,), dtype="int32")
    padding_mask = keras.Input(shape=(None,), dtype="int32")
    hidden = backbone({"token_ids": token_ids, "padding_mask": padding_mask})
    model = keras.Model([token_ids, padding_mask], layers.Dense(2, activation="softmax")(hidden[:, 0, :]))
    model.compile(loss="sparse_categorical_crossentropy")
    return model, preprocessor


def adversarial_pair():
    critic = keras.Sequential([keras.Input(shape=(32,)), layers.Dense(64), layers.LeakyReLU(0.2), layers.Dense(1)])
    critic.trainable = False
    latent = keras.Input(shape=(8,))
    combined = keras.Model(latent, critic(layers.Dense(32)(latent)))
    combined.compile(loss="mse")
    return combined


def augmented_transfer():
    pretrained = keras.applications.Xception(include_top=False, weights="imagenet", pooling="avg")
    pretrained.trainable = False
    pipeline = keras.Sequential([layers.RandomFlip("horizontal"), layers.Rescaling(1 / 127.5, offset=-1), pretrained])
    photos = keras.Input(shape=(150, 150, 3))
    pooled = pipeline(photos, training=False)
    net = keras.Model(photos, layers.Dense(1)(pooled))
    net.compile(loss="mse")
    net.fit(1, 2)


class InceptionDistance(keras.metrics.Metric):
    def __init__(self, size):
        super().__init__()
        self.encoder = keras.Sequential(
            [keras.Input(shape=(size, size, 3)), keras.applications.InceptionV3(include_top=False, pooling="avg")]
        )

    def update_state(self, real, fake):
        return self.encoder(real) - self.encoder(fake)


def build_scorer(size):
    return keras.Sequential([keras.Input(shape=(size, size, 3)), keras.applications.InceptionV3(include_top=False, pooling="avg")])


def embed_images(images):
    scorer = build_scorer(299)
    return scorer.predict(images)


def extract_features(images, labels):
    convnet = keras.applications.ResNet50(include_top=False, weights="imagenet", pooling="avg")
    convnet.trainable = False
    codes = convnet.predict(images)
    eager = convnet(images[:8])
    head = keras.Sequential([keras.Input(shape=(2048,)), layers.Dense(10, activation="softmax")])
    head.compile(loss="sparse_categorical_crossentropy")
    head.fit(codes, labels)
    return eager
