package dev.emotionmonitor.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All five services started by {@code ./emotion up}, reached only through the gateway, stopped by {@code down}. The
 * system is the {@link SharedEmotionSystem}: after {@link ReadmeCommandsIT} and {@link SecurityIT} when they run
 * (nothing here depends on an empty store: imports check their own dataset, the export its own channel).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedEmotionSystem.Stopper.class)
class SystemEndToEndIT {

	/** Files this test writes (the Discord export); the system's data directory is {@code system.dataDirectory()}. */
	@TempDir
	static Path dataDirectory;

	static EmotionSystem system;

	static final JsonMapper json = JsonMapper.builder().build();

	static final List<String> EMOTIONS = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	@BeforeAll
	static void up() {
		system = SharedEmotionSystem.get();
		EmotionSystem.Result up = SharedEmotionSystem.upResult();
		assertThat(up.exitCode()).as(up.output()).isZero();
		assertThat(up.output()).contains("emotion-monitor is up").contains(system.gatewayUrl().replace("127.0.0.1", "localhost"));
	}

	@AfterAll
	static void down() {
		if (system == null) {
			return;
		}
		SharedEmotionSystem.Stopped stopped = SharedEmotionSystem.stop();
		List<Long> pids = stopped.pids();
		EmotionSystem.Result down = stopped.down();
		assertThat(down.exitCode()).as(down.output()).isZero();
		assertThat(pids).hasSize(EmotionSystem.SERVICES.size());
		assertThat(pids).as("no service process left after ./emotion down")
			.noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "corpus", "classifier", "scraper", "dashboard" })
	@Order(1)
	void everyBackendAnswersThroughTheGateway(String backend) {
		var response = system.get("/api/" + backend + "/actuator/health");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode health = json.readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("mongo").path("details").path("embedded").asBoolean())
			.as("each service runs on its embedded store under the data directory")
			.isTrue();
	}

	@Test
	@Order(2)
	void gatewayHealthShowsEveryBackendUp() {
		var response = system.get("/actuator/health");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode backends = json.readTree(response.body()).path("components").path("backends").path("components");
		for (String backend : List.of("corpus", "classifier", "scraper", "dashboard")) {
			assertThat(backends.path(backend).path("status").asString()).as(backend).isEqualTo("UP");
		}
	}

	@Test
	@Order(3)
	void secondUpSaysItIsAlreadyRunning() {
		EmotionSystem.Result again = system.emotion("up");
		assertThat(again.exitCode()).isZero();
		assertThat(again.output()).contains("already running");
		EmotionSystem.Result status = system.emotion("status");
		assertThat(status.output().lines().filter(line -> line.contains(" up "))).hasSize(5);
	}

	@Test
	@Order(4)
	void everyServiceKeepsItsStoreUnderTheDataDirectory() {
		for (String store : List.of("corpus", "classifier", "scraper", "dashboard", "gateway")) {
			assertThat(system.dataDirectory().resolve(store).resolve("mongo.mv")).as(store).exists();
		}
	}

	@Test
	@Order(5)
	void classifiesKoreanTextThroughTheGateway() {
		var response = system.post("/api/classifier/classifications",
				"{\"text\": \"오늘 발표 망쳐서 너무 창피하고 속상해요.\", \"sentences\": true}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode result = json.readTree(response.body());
		assertThat(EMOTIONS).contains(result.path("label").asString());
		double sum = 0;
		for (String emotion : EMOTIONS) {
			sum += result.path("scores").path(emotion).asDouble();
		}
		assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
		assertThat(result.path("model_version").asString()).isNotBlank();

		var empty = system.post("/api/classifier/classifications", "{\"text\": \"   \"}");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	@Order(6)
	void importsTheStarterCorpusAndCountsEveryClass() throws Exception {
		Path corpus = importStarterCorpusAs("starter");

		// what the file holds, counted here by its AI Hub codes (E1x anger … E6x joy)
		Map<String, Integer> expected = new java.util.HashMap<>();
		for (JsonNode record : json.readTree(corpus.toFile())) {
			String code = record.path("profile").path("emotion").path("type").asString();
			expected.merge(EMOTIONS.get(code.charAt(1) - '1'), 1, Integer::sum);
		}
		JsonNode stats = json.readTree(system.get("/api/corpus/stats?dataset=starter").body());
		JsonNode counts = stats.path("counts");
		for (String emotion : EMOTIONS) {
			assertThat(counts.path(emotion).asInt()).as(emotion).isEqualTo(expected.get(emotion)).isGreaterThanOrEqualTo(300);
		}
	}

	@Test
	@Order(7)
	void aDiscordExportIsClassifiedAndReachesTheDashboard() throws Exception {
		Path file = dataDirectory.resolve("discord-export.json");
		Files.writeString(file, json.writeValueAsString(DiscordExportFixture.export()));
		var run = system.postFile("/api/scraper/imports/discord-export", file, Map.of());
		assertThat(run.statusCode()).as(run.body()).isIn(200, 201, 202);
		String location = run.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(system.gatewayUrl() + "/api/scraper/runs/");
		assertThat(system.get(java.net.URI.create(location).getPath()).statusCode()).isEqualTo(200);
		JsonNode openApi = json.readTree(system.get("/api/scraper/v3/api-docs").body());
		assertThat(openApi.path("servers").path(0).path("url").asString()).as("OpenAPI server URL")
			.isEqualTo(system.gatewayUrl() + "/api/scraper");

		String from = LocalDate.now(ZoneOffset.UTC).minusDays(7).toString();
		String to = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		// channels are known by their stable id (discord:<snowflake>); the name may change
		String query = "?from=" + from + "&to=" + to + "&channel=discord:" + DiscordExportFixture.CHANNEL_ID;
		JsonNode observations = waitFor(
				() -> json.readTree(system.get("/api/dashboard/exports/observations.json" + query).body()),
				node -> messageIds(node).containsAll(expectedMessageIds()), Duration.ofSeconds(90));
		for (JsonNode row : observations.path("data")) {
			assertThat(row.path("channel").asString()).isEqualTo(DiscordExportFixture.CHANNEL_NAME);
			assertThat(EMOTIONS).contains(row.path("label").asString());
			assertThat(row.path("member_id").asString()).startsWith("discord:");
		}
		assertThat(observations.path("data").findValuesAsString("section")).as("the 5F reflection is split")
			.contains("feeling");

		var weekly = system.get("/api/dashboard/exports/weekly.csv" + query);
		assertThat(weekly.statusCode()).as(weekly.body()).isEqualTo(200);
		assertThat(weekly.body().lines().findFirst()).hasValueSatisfying(
				header -> assertThat(header).startsWith("period_start,channel_id,channel,emotion,n,mean_score"));
	}

	private static Set<String> messageIds(JsonNode export) {
		Set<String> ids = new HashSet<>();
		export.path("data").forEach(row -> ids.add(row.path("message_id").asString()));
		return ids;
	}

	private static Set<String> expectedMessageIds() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < DiscordExportFixture.TEXTS.size(); i++) {
			ids.add(DiscordExportFixture.messageId(i));
		}
		return ids;
	}

	/** The root README's "Bring the real corpus and train", word for word, with the starter corpus as the AI Hub file. */
	@Test
	@Order(8)
	void theReadmesTrainingFlowTrainsAndActivatesAModelFromAnImportedDataset() throws Exception {
		importStarterCorpusAs("aihub");

		// the README's request with fewer epochs: this checks the flow; the model's quality is measured elsewhere
		var started = system.post("/api/classifier/training-runs",
				"{\"dataset\": \"aihub\", \"kind\": \"auto\", \"activate\": true, \"hyper_parameters\": {\"epochs\": 3}}");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String runId = json.readTree(started.body()).path("id").asString();
		JsonNode run = waitFor(() -> json.readTree(system.get("/api/classifier/training-runs/" + runId).body()),
				node -> Set.of("succeeded", "failed", "cancelled").contains(node.path("status").asString()),
				Duration.ofMinutes(8));
		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
		String version = run.path("model_version").asString();

		JsonNode active = waitFor(() -> json.readTree(system.get("/api/classifier/models/active").body()),
				node -> version.equals(node.path("served_version").asString()), Duration.ofSeconds(30));
		assertThat(active.path("active").asString()).isEqualTo(version);
		assertThat(active.path("model").path("demo").asBoolean()).as("trained on the imported dataset, not a demo")
			.isFalse();
		assertThat(active.path("model").path("examples").asInt()).as("refit on the whole dataset (no split given)")
			.isEqualTo(json.readTree(system.get("/api/corpus/stats?dataset=aihub").body()).path("total").asInt());
		var classified = system.post("/api/classifier/classifications", "{\"text\": \"정말 화가 나서 참을 수가 없어\"}");
		assertThat(json.readTree(classified.body()).path("model_version").asString()).isEqualTo(version);
	}

	/** Uploads the starter corpus as the README's import command does and waits until the import completed. */
	private static Path importStarterCorpusAs(String dataset) throws InterruptedException {
		Path corpus = Path.of(System.getProperty("emotion.root", "..")).resolve("corpus/starter/starter-corpus.json");
		var created = system.postFile("/api/corpus/imports", corpus, Map.of("dataset", dataset, "split", "train"));
		assertThat(created.statusCode()).as(created.body()).isIn(200, 201, 202);
		String id = json.readTree(created.body()).path("id").asString();
		// the Location names the gateway, not the backend, so a client can follow it
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).isEqualTo(system.gatewayUrl() + "/api/corpus/imports/" + id);
		JsonNode job = waitFor(() -> json.readTree(system.get(java.net.URI.create(location).getPath()).body()),
				node -> !"running".equals(node.path("status").asString()), Duration.ofSeconds(120));
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("completed");
		return corpus;
	}

	private static <T> T waitFor(Supplier<T> probe, Predicate<T> done, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		T last = probe.get();
		while (!done.test(last) && System.nanoTime() < deadline) {
			Thread.sleep(500);
			last = probe.get();
		}
		return last;
	}
}
