package dev.emotionmonitor.gateway.apilog;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.emotionmonitor.gateway.GatewayApplication;
import dev.emotionmonitor.gateway.support.IsolatedNettyResources;
import dev.emotionmonitor.gateway.support.StubBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store goes away under a running gateway: requests keep succeeding, the entries wait in memory up to the
 * buffer's size, and once the store is back they are written along with a gap record counting the ones dropped.
 */
class ApiLogOutageTest {

	@TempDir
	Path dataDir;

	@Test
	void requestsSucceedDuringAStoreOutageAndTheLogNotesTheGap() throws Exception {
		int port = freePort();
		MongoServer store = new MongoServer(new MemoryBackend());
		store.bind("127.0.0.1", port);
		String uri = "mongodb://127.0.0.1:" + port
				+ "/gateway?serverSelectionTimeoutMS=700&connectTimeoutMS=500&heartbeatFrequencyMS=500";
		try (StubBackend backend = new StubBackend();
				ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class, IsolatedNettyResources.class).run(
						"--server.port=0", "--MONGODB_URI=" + uri, "--emotion.gateway.service-key=outage-key",
						"--emotion.gateway.data-dir=" + dataDir, "--emotion.gateway.api-log.flush-interval=100ms",
						"--emotion.gateway.api-log.buffer-capacity=5",
						"--emotion.gateway.services.dashboard=" + backend.url())) {
			WebTestClient client = WebTestClient
				.bindToServer()
				.baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
				.build();
			get(client, "/api/dashboard/before");
			await().atMost(Duration.ofSeconds(10)).until(() -> paths(uri).contains("/api/dashboard/before"));

			store.shutdownNow();
			for (int i = 0; i < 8; i++) {
				long start = System.nanoTime();
				get(client, "/api/dashboard/during-" + i);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not slowed by the dead store")
					.isLessThan(Duration.ofMillis(500));
			}
			Thread.sleep(1500);

			store = new MongoServer(new MemoryBackend());
			store.bind("127.0.0.1", port);
			await().atMost(Duration.ofSeconds(20)).until(() -> !gaps(uri).isEmpty());
			List<String> written = paths(uri);
			assertThat(written).as("the five that fitted in the buffer")
				.containsExactlyInAnyOrder("/api/dashboard/during-0", "/api/dashboard/during-1",
						"/api/dashboard/during-2", "/api/dashboard/during-3", "/api/dashboard/during-4");
			Document gap = gaps(uri).get(0);
			assertThat(gap.get("dropped")).isEqualTo(3L);
			assertThat(gap.getDate("from")).isBefore(gap.getDate("to"));

			get(client, "/api/dashboard/after");
			await().atMost(Duration.ofSeconds(10)).until(() -> paths(uri).contains("/api/dashboard/after"));
		}
		finally {
			store.shutdownNow();
		}
	}

	private static void get(WebTestClient client, String path) {
		client.get().uri(path).headers(h -> h.setBearerAuth("outage-key")).exchange().expectStatus().isOk();
	}

	private static List<String> paths(String uri) {
		try (MongoClient mongo = MongoClients.create(uri)) {
			return Flux.from(mongo.getDatabase("gateway").getCollection("api_log").find())
				.map(entry -> entry.getString("path"))
				.collectList()
				.block();
		}
	}

	private static List<Document> gaps(String uri) {
		try (MongoClient mongo = MongoClients.create(uri)) {
			return Flux.from(mongo.getDatabase("gateway").getCollection("api_log_gaps").find()).collectList().block();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
