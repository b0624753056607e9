package dev.emotionmonitor.corpus.store;

/** The corpus-service's store contract on the embedded store (mongo-java-server, H2 in memory). */
class EmbeddedCorpusStoreTest extends CorpusStoreContract {
}
