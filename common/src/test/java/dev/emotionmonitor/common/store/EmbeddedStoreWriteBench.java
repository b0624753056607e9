package dev.emotionmonitor.common.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.mongodb.client.model.Filters.eq;

/**
 * What committing every write command costs: single inserts, single updates and 1,000-document bulk inserts against
 * H2's own background auto-commit and against {@link CrashSafeH2Backend}, with the file size each leaves.
 * {@code ./mvnw -Pbench -pl common test -Dtest=EmbeddedStoreWriteBench}
 */
@Tag("bench")
class EmbeddedStoreWriteBench {

	@TempDir
	Path directory;

	@Test
	void writeCommandsPerSecond() throws Exception {
		for (int round = 0; round < 2; round++) {
			measure("h2 auto-commit ", file -> new H2Backend(file), round);
			measure("crash-safe     ", CrashSafeH2Backend::open, round);
		}
	}

	private void measure(String name, Function<String, H2Backend> backend, int round) throws Exception {
		Path file = this.directory.resolve(name.strip() + "-" + round + ".mv");
		MongoServer server = new MongoServer(backend.apply(file.toString()));
		server.bind("127.0.0.1", 0);
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
			MongoCollection<Document> docs = client.getDatabase("bench").getCollection("docs");
			int singles = 5_000;
			long start = System.nanoTime();
			Flux.range(0, singles)
				.concatMap(i -> Mono.from(docs.insertOne(new Document("_id", "s" + i).append("text", "x".repeat(300)))))
				.blockLast();
			double inserts = singles / seconds(start);
			start = System.nanoTime();
			Flux.range(0, singles)
				.concatMap(i -> Mono.from(docs.updateOne(eq("_id", "s" + i), new Document("$set", new Document("n", i)))))
				.blockLast();
			double updates = singles / seconds(start);
			start = System.nanoTime();
			for (int batch = 0; batch < 20; batch++) {
				List<Document> documents = new ArrayList<>();
				for (int i = 0; i < 1_000; i++) {
					documents.add(new Document("_id", "b" + batch + "-" + i).append("text", "x".repeat(300)));
				}
				Mono.from(docs.insertMany(documents)).block();
			}
			double bulk = 20_000 / seconds(start);
			System.out.printf("round %d %s single inserts %,7.0f/s  single updates %,7.0f/s  bulk inserts %,8.0f docs/s",
					round + 1, name, inserts, updates, bulk);
		}
		finally {
			server.shutdownNow();
		}
		System.out.printf("  file %,d KB after close%n", Files.size(file) / 1024);
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}
}
