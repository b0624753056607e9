package dev.emotionmonitor.classifier.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import dev.emotionmonitor.classifier.support.ImportedFixtures;
import dev.emotionmonitor.classifier.support.TinyCorpus;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier's own store queries, run through its API: the model registry (records newest first with paging,
 * one version, duplicate refused, GridFS archive written and read back by the model sync, active version and history,
 * rollback) and training runs (newest first with paging, one run with its result). Subclassed once for the embedded
 * store and once for {@code mongo:8}.
 */
@SpringBootTest(classes = ClassifierServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.classifier.poll-interval=100ms", "emotion.test.context=store-contract" })
@AutoConfigureWebTestClient(timeout = "60s")
abstract class ClassifierStoreContract {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path corpusDirectory;

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveMongoTemplate mongo;

	@DynamicPropertySource
	static void corpus(DynamicPropertyRegistry registry) throws IOException {
		TinyCorpus.write(corpusDirectory.resolve("tiny.json"), 8, 21);
		registry.add("emotion.classifier.corpus-directory", corpusDirectory::toString);
	}

	@Test
	@SuppressWarnings("unchecked")
	void registryListsNewestFirstInPagesFindsOneVersionAndRefusesADuplicate() throws IOException {
		for (String version : List.of("contract-a", "contract-b", "contract-c")) {
			register(version).expectStatus().isCreated();
		}
		register("contract-b").expectStatus().isEqualTo(409);

		List<String> all = versions(get("/models?page=0&size=100"));
		assertThat(all).as("newest first").containsSubsequence("contract-c", "contract-b", "contract-a", "starter-2");
		assertThat(all).doesNotHaveDuplicates();
		long total = ((Number) get("/models?page=0&size=100").get("total")).longValue();
		assertThat(total).isEqualTo(all.size());
		List<String> paged = new ArrayList<>();
		for (int page = 0; page * 2 < total; page++) {
			Map<String, Object> body = get("/models?page=" + page + "&size=2");
			assertThat(body).containsEntry("page", page).containsEntry("size", 2);
			assertThat(((Number) body.get("total")).longValue()).isEqualTo(total);
			paged.addAll(versions(body));
		}
		assertThat(paged).as("pages of two, in order").isEqualTo(all);

		Map<String, Object> one = get("/models/contract-b");
		assertThat(one).containsEntry("version", "contract-b").containsEntry("kind", "imported")
			.containsEntry("active", false);
		assertThat((Map<String, Object>) ((Map<String, Object>) one.get("card")).get("imported"))
			.containsEntry("format", "onnx");
		http.get().uri("/models/{v}", "contract-z").exchange().expectStatus().isNotFound();
	}

	@Test
	@SuppressWarnings("unchecked")
	void activationKeepsHistoryServesTheArchiveFromTheStoreAndRollsBack() {
		register("contract-x").expectStatus().isCreated();
		register("contract-y").expectStatus().isCreated();
		String before = (String) get("/models/active").get("active");

		activate("contract-x");
		Map<String, Object> active = activate("contract-y");
		assertThat(active).containsEntry("active", "contract-y");
		assertThat((List<String>) active.get("history")).endsWith(before, "contract-x", "contract-y");
		awaitServed("contract-y");
		assertThat(get("/models/contract-y")).containsEntry("active", true);
		assertThat(get("/models/contract-x")).containsEntry("active", false);
		assertThat(activate("contract-y")).as("activating the active version changes nothing")
			.containsEntry("active", "contract-y");
		assertThat((List<String>) get("/models/active").get("history")).endsWith(before, "contract-x", "contract-y");

		http.post().uri("/models/rollback").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.active").isEqualTo("contract-x");
		awaitServed("contract-x");
		http.post().uri("/models/rollback").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.active").isEqualTo(before);
		assertThat((List<String>) get("/models/active").get("history")).endsWith(before).doesNotContain("contract-y");
		awaitServed(before);
	}

	@Test
	void trainingRunsListNewestFirstInPagesAndKeepTheirResult() {
		String first = startRun();
		Map<String, Object> firstDone = awaitFinished(first);
		String second = startRun();
		Map<String, Object> secondDone = awaitFinished(second);
		assertThat(firstDone.get("status")).as("run %s", firstDone).isEqualTo("succeeded");
		assertThat(secondDone.get("status")).as("run %s", secondDone).isEqualTo("succeeded");
		assertThat((String) secondDone.get("model_version")).isNotBlank();
		http.get().uri("/models/{v}", secondDone.get("model_version")).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.kind").isEqualTo("ngram");

		assertThat(ids(get("/training-runs?page=0&size=1"))).containsExactly(second);
		assertThat(ids(get("/training-runs?page=1&size=1"))).containsExactly(first);
		List<String> all = ids(get("/training-runs?page=0&size=100"));
		assertThat(all).containsSubsequence(second, first);
		assertThat(((Number) get("/training-runs?page=0&size=100").get("total")).longValue()).isEqualTo(all.size());
		http.get().uri("/training-runs/{id}", "no-such-run").exchange().expectStatus().isNotFound();
	}

	@Test
	void modelsAndTrainingRunsOfOneInstantPageEachOnceInIdOrder() {
		Date registered = Date.from(Instant.parse("2001-02-03T04:05:06Z"));
		Document model = awaitAnyModel();
		List<String> versions = new ArrayList<>();
		List<String> runs = new ArrayList<>();
		// stored out of id order: only the _id tiebreaker gives the rows of one instant a single order
		for (int i : new int[] { 3, 0, 5, 1, 4, 2 }) {
			versions.add("tie-model-" + i);
			mongo.insert(new Document(model).append("_id", "tie-model-" + i).append("registeredAt", registered), "models")
				.block();
			runs.add("tie-run-" + i);
			mongo.insert(new Document("_id", "tie-run-" + i).append("status", "succeeded").append("kind", "ngram")
				.append("corpus", "tie.json").append("activate", false).append("createdAt", registered), "training_runs")
				.block();
		}
		try {
			assertThat(pagedIds("/models", "version")).filteredOn(version -> version.startsWith("tie-model-"))
				.as("pages of two: every model once, ties by version, newest first")
				.containsExactlyElementsOf(versions.stream().sorted(Comparator.reverseOrder()).toList());
			assertThat(pagedIds("/training-runs", "id")).filteredOn(id -> id.startsWith("tie-run-"))
				.as("pages of two: every run once, ties by id, newest first")
				.containsExactlyElementsOf(runs.stream().sorted(Comparator.reverseOrder()).toList());
		}
		finally {
			mongo.remove(Query.query(Criteria.where("_id").in(versions)), "models").block();
			mongo.remove(Query.query(Criteria.where("_id").in(runs)), "training_runs").block();
		}
	}

	/** Every item's {@code field} over pages of two, after checking that no item shows twice. */
	@SuppressWarnings("unchecked")
	private List<String> pagedIds(String path, String field) {
		long total = ((Number) get(path + "?page=0&size=2").get("total")).longValue();
		List<String> all = new ArrayList<>();
		for (int page = 0; page * 2 < total; page++) {
			((List<Map<String, Object>>) get(path + "?page=" + page + "&size=2").get("items"))
				.forEach(item -> all.add((String) item.get(field)));
		}
		assertThat(all).doesNotHaveDuplicates().hasSize((int) total);
		return all;
	}

	private Document awaitAnyModel() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		Document model = mongo.findOne(new Query(), Document.class, "models").block();
		while (model == null && System.nanoTime() < deadline) {
			Mono.delay(Duration.ofMillis(100)).block();
			model = mongo.findOne(new Query(), Document.class, "models").block();
		}
		assertThat(model).as("a registered model to copy").isNotNull();
		return model;
	}

	private String startRun() {
		return (String) http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("corpus_file", "tiny.json", "kind", "ngram", "activate", false, "hyper_parameters",
					Map.of("epochs", 1, "ngram_dimension", 8, "batch_size", 16)))
			.exchange().expectStatus().isAccepted()
			.expectBody(MAP).returnResult().getResponseBody().get("id");
	}

	private Map<String, Object> awaitFinished(String id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			Map<String, Object> run = get("/training-runs/" + id);
			if (List.of("succeeded", "failed", "cancelled").contains(run.get("status")) || System.nanoTime() > deadline) {
				return run;
			}
			Mono.delay(Duration.ofMillis(100)).block();
		}
	}

	private WebTestClient.ResponseSpec register(String version) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		try {
			body.part("file", new ByteArrayResource(ImportedFixtures.zip(ImportedFixtures.ONNX)) {
				@Override
				public String getFilename() {
					return "model.zip";
				}
			}).contentType(MediaType.parseMediaType("application/zip"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		body.part("name", version);
		body.part("activate", "false");
		return http.post().uri("/models/imports").contentType(MediaType.MULTIPART_FORM_DATA).bodyValue(body.build())
			.exchange();
	}

	private Map<String, Object> activate(String version) {
		return http.post().uri("/models/{v}/activate", version).exchange().expectStatus().isOk()
			.expectBody(MAP).returnResult().getResponseBody();
	}

	private Map<String, Object> get(String path) {
		return http.get().uri(path).exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<String> versions(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("version")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
	}

	private void awaitServed(String version) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!version.equals(get("/models/active").get("served_version"))) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("model " + version + " not served within 20 s: " + get("/models/active"));
			}
			Mono.delay(Duration.ofMillis(50)).block();
		}
	}
}
