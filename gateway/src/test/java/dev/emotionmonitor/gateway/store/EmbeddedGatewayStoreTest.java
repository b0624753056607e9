package dev.emotionmonitor.gateway.store;

/** The gateway's store contract on the embedded store (mongo-java-server, H2 in memory), in the shared test context. */
class EmbeddedGatewayStoreTest extends GatewayStoreContract {
}
