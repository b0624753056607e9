package dev.emotionmonitor.classifier.training;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import dev.emotionmonitor.classifier.support.TinyCorpus;
import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training runs end to end over HTTP: a run on a corpus file streams progress, registers its model and, activated,
 * is served within a poll interval; rollback returns to the starter model. A run on a corpus-service dataset reads
 * the documented export from a small in-process server standing in for the gateway.
 */
@SpringBootTest(classes = ClassifierServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.classifier.poll-interval=200ms", "emotion.classifier.service-key=test-key" })
@AutoConfigureWebTestClient(timeout = "120s")
class TrainingRunApiTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path corpusDirectory;

	static HttpServer corpusService;

	static final List<String> exportRequests = new CopyOnWriteArrayList<>();

	@Autowired
	WebTestClient http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		TinyCorpus.write(corpusDirectory.resolve("tiny.json"), 24, 11);
		StringBuilder jsonl = new StringBuilder();
		JsonMapper json = JsonMapper.builder().build();
		for (Map<String, Object> dialogue : TinyCorpus.dialogues(24, 12)) {
			@SuppressWarnings("unchecked")
			Map<String, Object> profile = (Map<String, Object>) dialogue.get("profile");
			@SuppressWarnings("unchecked")
			Map<String, Object> emotion = (Map<String, Object>) profile.get("emotion");
			@SuppressWarnings("unchecked")
			Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) dialogue.get("talk")).get("content");
			String code = (String) emotion.get("type");
			String label = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy")
				.get(code.charAt(1) - '1');
			jsonl.append(json.writeValueAsString(Map.of("text", content.get("HS01") + " " + content.get("HS02"),
					"label", label, "label_ko", "-", "code", code, "group", profile.get("persona-id"))))
				.append('\n');
		}
		byte[] export = jsonl.toString().getBytes(StandardCharsets.UTF_8);
		corpusService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		corpusService.createContext("/api/corpus/exports/training.jsonl", exchange -> {
			exportRequests.add(exchange.getRequestURI().getQuery() + " auth="
					+ exchange.getRequestHeaders().getFirst("Authorization"));
			exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
			exchange.sendResponseHeaders(200, export.length);
			exchange.getResponseBody().write(export);
			exchange.close();
		});
		// as the corpus-service answers /stats: dataset aihub has the splits train and test
		corpusService.createContext("/api/corpus/stats", exchange -> {
			String query = String.valueOf(exchange.getRequestURI().getQuery());
			int status = !query.contains("dataset=aihub") ? 404
					: query.contains("split=") && !query.matches(".*split=(train|test)(&.*)?$") ? 400 : 200;
			byte[] body = (status == 200 ? "{\"total\": 24}"
					: "{\"status\": " + status + ", \"detail\": \"" + (status == 404 ? "no dataset like that"
							: "no such split; dataset aihub has train, test") + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type",
					status == 200 ? "application/json" : "application/problem+json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		corpusService.start();
		registry.add("emotion.classifier.corpus-directory", corpusDirectory::toString);
		registry.add("emotion.classifier.gateway-url",
				() -> "http://127.0.0.1:" + corpusService.getAddress().getPort());
	}

	@AfterAll
	static void stopCorpusService() {
		corpusService.stop(0);
	}

	@Test
	void trainsStreamsProgressRegistersActivatesAndRollsBack() {
		String starter = servedVersion();
		Map<String, Object> run = http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("corpus_file", "tiny.json", "kind", "ngram", "activate", true, "hyper_parameters",
					Map.of("epochs", 4, "ngram_dimension", 16, "batch_size", 16)))
			.exchange()
			.expectStatus().isAccepted()
			.expectHeader().exists("Location")
			.expectBody(MAP).returnResult().getResponseBody();
		String id = (String) run.get("id");

		List<ServerSentEvent<Map<String, Object>>> events = http.get().uri("/training-runs/{id}/events", id)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus().isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofMinutes(3));
		assertThat(events).isNotEmpty();
		ServerSentEvent<Map<String, Object>> last = events.get(events.size() - 1);
		assertThat(last.event()).isEqualTo("succeeded");
		assertThat(events.stream().map(ServerSentEvent::event)).contains("running");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> progress = events.stream()
			.map(event -> (Map<String, Object>) event.data().get("progress"))
			.filter(p -> p != null && "validating".equals(p.get("phase")))
			.toList();
		assertThat(progress).isNotEmpty();
		assertThat(progress.get(0)).containsKeys("epoch", "epochs", "loss", "validation_accuracy",
				"examples_per_second", "eta_seconds");

		Map<String, Object> finished = http.get().uri("/training-runs/{id}", id).exchange().expectStatus().isOk()
			.expectBody(MAP).returnResult().getResponseBody();
		String version = (String) finished.get("model_version");
		assertThat(finished.get("status")).isEqualTo("succeeded");
		assertThat((Double) finished.get("macro_f1")).isGreaterThan(0.5);

		http.get().uri("/models/{v}", version).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.active").isEqualTo(true)
			.jsonPath("$.kind").isEqualTo("ngram")
			.jsonPath("$.card.metrics.macro_f1").isNumber();
		awaitServed(version);

		http.post().uri("/models/rollback").header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.member("m-1", "민지"), "classifier")).exchange()
			.expectStatus().isForbidden();
		http.post().uri("/models/rollback").header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.admin(), "classifier")).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(starter);
		awaitServed(starter);
		http.post().uri("/models/{v}/activate", version).exchange().expectStatus().isOk();
		awaitServed(version);
		http.post().uri("/models/{v}/activate", "no-such-model").exchange().expectStatus().isNotFound();

		http.get().uri("/training-runs").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.items[0].id").isEqualTo(id).jsonPath("$.total").isNumber();
	}

	@Test
	void trainsFromTheCorpusServiceExportWithTheServiceKey() {
		Map<String, Object> run = http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("dataset", "aihub", "split", "train", "fields", List.of("HS01", "HS02"), "kind",
					"ngram", "hyper_parameters", Map.of("epochs", 2, "ngram_dimension", 8)))
			.exchange().expectStatus().isAccepted().expectBody(MAP).returnResult().getResponseBody();
		Map<String, Object> finished = awaitFinished((String) run.get("id"));
		assertThat(finished.get("status")).as("run %s", finished).isEqualTo("succeeded");
		assertThat(exportRequests).anySatisfy(request -> assertThat(request).contains("dataset=aihub")
			.contains("split=train").contains("fields=HS01,HS02").contains("auth=Bearer test-key"));
	}

	@Test
	void anUnknownDatasetOrSplitIsRefusedBeforeARunStarts() {
		http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("dataset", "aihub", "split", "dev", "kind", "ngram"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
				.contains("aihub").contains("train, test"));
		http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("dataset", "nothing-like-it", "kind", "ngram"))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("nothing-like-it"));
	}

	@Test
	void theLocationOfANewRunIsTheGatewayUrlItWasCalledBy() {
		http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "emotion.example.org")
			.header("X-Forwarded-Port", "443")
			.header("X-Forwarded-Prefix", "/api/classifier")
			.bodyValue(Map.of("corpus_file", "tiny.json", "kind", "ngram", "hyper_parameters",
					Map.of("epochs", 1, "ngram_dimension", 8)))
			.exchange()
			.expectStatus().isAccepted()
			.expectHeader().value("Location", location -> assertThat(location)
				.matches("https://emotion\\.example\\.org/api/classifier/training-runs/[0-9a-f-]{36}"));
	}

	@Test
	void withoutASplitTrainsOnTheWholeDatasetAsTheReadmeShows() {
		int before = exportRequests.size();
		Map<String, Object> run = http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("dataset", "aihub", "kind", "ngram", "hyper_parameters",
					Map.of("epochs", 2, "ngram_dimension", 8)))
			.exchange().expectStatus().isAccepted().expectBody(MAP).returnResult().getResponseBody();
		Map<String, Object> finished = awaitFinished((String) run.get("id"));
		assertThat(finished.get("status")).as("run %s", finished).isEqualTo("succeeded");
		assertThat(exportRequests.subList(before, exportRequests.size()))
			.anySatisfy(request -> assertThat(request).contains("dataset=aihub").doesNotContain("split"));
	}

	@Test
	void cancelsARunningRunAndRegistersNothing() {
		Map<String, Object> run = http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("corpus_file", "tiny.json", "kind", "transformer", "hyper_parameters",
					Map.of("epochs", 200, "patience", 200)))
			.exchange().expectStatus().isAccepted().expectBody(MAP).returnResult().getResponseBody();
		String id = (String) run.get("id");
		http.post().uri("/training-runs/{id}/cancel", id).exchange().expectStatus().isOk();
		Map<String, Object> finished = awaitFinished(id);
		assertThat(finished.get("status")).isEqualTo("cancelled");
		assertThat(finished.get("model_version")).isNull();
		http.post().uri("/training-runs/{id}/cancel", id).exchange().expectStatus().isEqualTo(409);
	}

	@Test
	void refusesBadRequests() {
		expectBadRequest(Map.of("kind", "ngram"), "exactly one corpus source");
		expectBadRequest(Map.of("corpus_file", "tiny.json", "kind", "forest"), "kind must be");
		expectBadRequest(Map.of("corpus_file", "../etc/passwd"), "inside the corpus directory");
		expectBadRequest(Map.of("corpus_file", "missing.json"), "does not exist");
		expectBadRequest(Map.of("corpus_file", "tiny.json", "hyper_parameters", Map.of("epochs", -1)), "positive");
		expectBadRequest(Map.of("corpus_file", "tiny.json", "fields", List.of("HS09")), "unknown text field");
		http.post().uri("/training-runs").header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.member("m-1", "민지"), "classifier"))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("corpus_file", "tiny.json"))
			.exchange().expectStatus().isForbidden();
		http.get().uri("/training-runs/{id}", "nope").exchange().expectStatus().isNotFound();
	}

	private void expectBadRequest(Map<String, Object> body, String detailPart) {
		http.post().uri("/training-runs").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(detailPart));
	}

	private Map<String, Object> awaitFinished(String id) {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (true) {
			Map<String, Object> run = http.get().uri("/training-runs/{id}", id).exchange().expectBody(MAP)
				.returnResult().getResponseBody();
			if (List.of("succeeded", "failed", "cancelled").contains(run.get("status"))
					|| System.nanoTime() > deadline) {
				return run;
			}
			Mono.delay(Duration.ofMillis(100)).block();
		}
	}

	private String servedVersion() {
		return (String) http.post().uri("/classifications").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "오늘 정말 즐거웠어요")).exchange().expectStatus().isOk()
			.expectBody(MAP).returnResult().getResponseBody().get("model_version");
	}

	private void awaitServed(String version) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<String> seen = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			String served = servedVersion();
			seen.add(served);
			if (served.equals(version)) {
				return;
			}
			Mono.delay(Duration.ofMillis(100)).block();
		}
		throw new AssertionError("model " + version + " not served within 10 s; served " + seen);
	}
}
