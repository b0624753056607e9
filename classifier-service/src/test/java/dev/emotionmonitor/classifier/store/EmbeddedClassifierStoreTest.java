package dev.emotionmonitor.classifier.store;

/** The classifier's store contract on the embedded store (mongo-java-server, H2 in memory). */
class EmbeddedClassifierStoreTest extends ClassifierStoreContract {
}
