package dev.emotionmonitor.dashboard.store;

/** The dashboard's store contract on the embedded store (mongo-java-server, H2 in memory). */
class EmbeddedDashboardStoreTest extends DashboardStoreContract {
}
