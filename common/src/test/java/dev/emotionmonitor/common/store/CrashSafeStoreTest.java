package dev.emotionmonitor.common.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store killed with SIGKILL while four clients write: on reopening, every write that had been
 * acknowledged is there, and every document a scan finds is found by its id (H2's background auto-commit could save
 * a document without its index entry; then an id lookup missed it and an insert of the same id failed for good).
 */
class CrashSafeStoreTest {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(ints = { 400, 1_500, 4_000 })
	void aStoreKilledMidWriteReopensWithEveryAcknowledgedWriteAndConsistentIndexes(int killAfter) throws Exception {
		Path file = this.directory.resolve("mongo.mv");
		Set<String> acknowledged = new HashSet<>();
		Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Writer.class.getName(), file.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (acknowledged.size() < killAfter && (line = lines.readLine()) != null) {
				if (line.startsWith(Writer.ACKNOWLEDGED)) {
					acknowledged.add(line.substring(Writer.ACKNOWLEDGED.length()));
				}
			}
			writer.destroyForcibly();
			assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(killAfter);

		MongoServer server = new MongoServer(CrashSafeH2Backend.open(file.toString()));
		server.bind("127.0.0.1", 0);
		try (MongoClient client = MongoClients.create("mongodb://" + address(server))) {
			MongoCollection<Document> collection = client.getDatabase("crash").getCollection("docs");
			List<String> scanned = Flux.from(collection.find()).map(document -> document.getString("_id")).collectList().block();
			List<String> byId = Flux.from(collection.find(in("_id", scanned)))
				.map(document -> document.getString("_id"))
				.collectList()
				.block();
			assertThat(scanned).containsAll(acknowledged);
			assertThat(byId).as("documents a scan finds but an id lookup misses").containsExactlyInAnyOrderElementsOf(scanned);
			Mono.from(collection.insertOne(new Document("_id", "after-restart"))).block();
			assertThat(Mono.from(collection.countDocuments()).block()).isEqualTo(scanned.size() + 1L);
		}
		finally {
			server.shutdownNow();
		}
	}

	private static String address(MongoServer server) {
		return "127.0.0.1:" + server.getLocalAddress().getPort();
	}

	/** Four clients inserting batches of ten and updating as fast as they can; prints each acknowledged id. */
	public static final class Writer {

		static final String ACKNOWLEDGED = "acknowledged ";

		public static void main(String[] arguments) {
			MongoServer server = new MongoServer(CrashSafeH2Backend.open(arguments[0]));
			server.bind("127.0.0.1", 0);
			MongoClient client = MongoClients.create("mongodb://" + address(server));
			MongoCollection<Document> collection = client.getDatabase("crash").getCollection("docs");
			Flux.range(0, 4)
				.flatMap(writer -> Flux.range(0, Integer.MAX_VALUE).concatMap(batch -> {
					List<Document> documents = new ArrayList<>();
					for (int i = 0; i < 10; i++) {
						documents.add(new Document("_id", writer + "-" + batch + "-" + i).append("text", "x".repeat(200)));
					}
					return Mono.from(collection.insertMany(documents))
						.then(Mono.from(collection.updateMany(in("_id", documents.stream().map(d -> d.get("_id")).toList()),
								new Document("$set", new Document("seen", true)))))
						.doOnNext(result -> documents.forEach(document -> {
							synchronized (System.out) {
								System.out.println(ACKNOWLEDGED + document.getString("_id"));
							}
						}));
				}), 4)
				.blockLast();
		}
	}
}
