package dev.emotionmonitor.common.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service must do with its store: keep data across a restart on the embedded default, and use the
 * MongoDB that {@code MONGODB_URI} names (starting nothing embedded) when it is set. Subclass it once per service.
 */
public abstract class ServiceStoreContract {

	private final Class<?> application;

	private final String database;

	@TempDir
	Path dataDirectory;

	protected ServiceStoreContract(Class<?> application, String database) {
		this.application = application;
		this.database = database;
	}

	@Test
	void embeddedStoreKeepsDataAcrossRestart() {
		String[] embeddedOnDisk = { "--emotion.store.embedded.in-memory=false",
				"--emotion.store.embedded.path=" + dataDirectory };

		try (ConfigurableApplicationContext first = start(embeddedOnDisk)) {
			assertThat(first.getBeanNamesForType(MongoServer.class)).hasSize(1);
			assertHealthUp(first);
			first.getBean(ReactiveMongoTemplate.class)
				.insert(new Document("_id", "restart-check").append("written", "before restart"), "store_check")
				.block();
		}
		assertThat(Files.exists(dataDirectory.resolve("mongo.mv"))).as("H2 file under the data directory").isTrue();

		try (ConfigurableApplicationContext second = start(embeddedOnDisk)) {
			ReactiveMongoTemplate template = second.getBean(ReactiveMongoTemplate.class);
			assertThat(template.getMongoDatabase().block().getName()).isEqualTo(database);
			Document found = template.findById("restart-check", Document.class, "store_check").block();
			assertThat(found).isNotNull();
			assertThat(found.getString("written")).isEqualTo("before restart");
		}
	}

	@Test
	void mongodbUriSelectsThatServerAndStartsNothingEmbedded() {
		MongoServer external = new MongoServer(new MemoryBackend());
		String uri = "mongodb://127.0.0.1:" + external.bind().getPort();
		try (ConfigurableApplicationContext context = start("--MONGODB_URI=" + uri)) {
			assertThat(context.getBeanNamesForType(MongoServer.class)).as("no embedded server").isEmpty();
			context.getBean(ReactiveMongoTemplate.class)
				.insert(new Document("_id", "uri-check"), "store_check")
				.block();
			try (MongoClient client = MongoClients.create(uri)) {
				Long count = Mono.from(client.getDatabase(database).getCollection("store_check").countDocuments())
					.block();
				assertThat(count).as("document written to the MongoDB named by MONGODB_URI").isEqualTo(1);
			}
		}
		finally {
			external.shutdownNow();
		}
	}

	protected ConfigurableApplicationContext start(String... arguments) {
		return TestApplications.start(application, arguments);
	}

	@SuppressWarnings("unchecked")
	private static void assertHealthUp(ConfigurableApplicationContext context) {
		String port = context.getEnvironment().getProperty("local.server.port");
		Map<String, Object> health = WebClient.create("http://127.0.0.1:" + port)
			.get()
			.uri("/actuator/health")
			.retrieve()
			.bodyToMono(Map.class)
			.block();
		assertThat(health).containsEntry("status", "UP");
	}
}
