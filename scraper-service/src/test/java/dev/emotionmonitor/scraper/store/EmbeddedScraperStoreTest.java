package dev.emotionmonitor.scraper.store;

/** The scraper's store contract on the embedded store (mongo-java-server, H2 in memory). */
class EmbeddedScraperStoreTest extends ScraperStoreContract {
}
