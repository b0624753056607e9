package dev.emotionmonitor.e2e;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** All five services started by {@code ./emotion up}, reached only through the gateway, stopped by {@code down}. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemEndToEndIT {

	@TempDir
	static Path dataDirectory;

	static EmotionSystem system;

	static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void up() {
		system = new EmotionSystem(dataDirectory);
		EmotionSystem.Result up = system.emotion("up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		assertThat(up.output()).contains("emotion-monitor is up").contains(system.gatewayUrl().replace("127.0.0.1", "localhost"));
	}

	@AfterAll
	static void down() {
		if (system == null) {
			return;
		}
		List<Long> pids = system.recordedPids();
		EmotionSystem.Result down = system.emotion("down");
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
			assertThat(dataDirectory.resolve(store).resolve("mongo.mv")).as(store).exists();
		}
	}
}
