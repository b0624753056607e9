package dev.emotionmonitor.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard-service as its own process, stopped dead in the middle of ingests: halted after steps of a batch
 * (journal written, observations written, alerts evaluated) and killed with SIGKILL during a 5,000-observation POST. After each restart the batch is sent again, as the scraper's outbox would; every figure must
 * then equal what the batches say, with no observation lost or counted twice.
 */
class DashboardCrashIT {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static final List<String> EMOTIONS = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	private static final LocalDate FIRST_DAY = LocalDate.parse("2026-08-03");

	private static final int DAYS = 84;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String admin = TestCallers.bearer(TestCallers.admin(), "dashboard");

	private final Random random = new Random(20261130);

	/** What the dashboard must hold: the latest version of every observation sent, by id. */
	private final Map<String, Map<String, Object>> expected = new LinkedHashMap<>();

	@TempDir
	Path data;

	private Process process;

	private int port;

	private int faults;

	@AfterEach
	void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void figuresAreExactAfterEveryCrashAndRetry() throws Exception {
		start();
		send(batch("seed", 300, 0));
		List<Map<String, Object>> pending = null;
		// before the store write, between observations and their buckets, after every figure (journal still open)
		for (String step : List.of("journal", "observations", "alerts")) {
			// the batch after the retry of the one cut short halts; it also re-labels 100 stored observations
			restart("--emotion.dashboard.faults.halt-after=" + step,
					"--emotion.dashboard.faults.halt-on-batch=" + (pending == null ? 1 : 2));
			if (pending != null) {
				send(pending);
				assertFigures();
			}
			pending = batch("halt-" + step, 1_000, 100);
			assertThat(dies(pending)).as("halted after step " + step).isTrue();
			this.faults++;
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		for (long killAfterMillis : List.of(700L)) {
			restart();
			send(pending);
			assertFigures();
			pending = batch("kill-" + killAfterMillis, 5_000, 200);
			List<Map<String, Object>> inFlight = pending;
			CompletableFuture<Integer> post = CompletableFuture.supplyAsync(() -> status(inFlight));
			Thread.sleep(killAfterMillis);
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			this.faults++;
			System.out.printf("kill -9 %d ms into a 5,000-observation POST: the POST %s%n", killAfterMillis,
					post.join() == 200 ? "had already answered 200" : "was cut off");
		}
		restart();
		send(pending);

		int[] lostAndDuplicated = assertFigures();
		System.out.printf("dashboard crash test: faults injected %d, observations sent %d, rows lost %d, rows duplicated %d%n",
				this.faults, this.expected.size(), lostAndDuplicated[0], lostAndDuplicated[1]);
	}

	/** Compares the team, channel and member figures and the message-level export with {@link #expected}. */
	private int[] assertFigures() throws IOException, InterruptedException {
		long started = System.nanoTime();
		String range = "from=" + FIRST_DAY + "&to=" + FIRST_DAY.plusDays(DAYS - 1);
		Counts team = new Counts();
		Map<String, Counts> byChannel = new TreeMap<>();
		Map<String, Counts> byMember = new TreeMap<>();
		Map<LocalDate, Counts> byWeek = new TreeMap<>();
		Map<LocalDate, Counts> byDay = new TreeMap<>();
		for (Map<String, Object> observation : this.expected.values()) {
			String label = (String) observation.get("label");
			LocalDate day = Instant.parse((String) observation.get("at")).atZone(SEOUL).toLocalDate();
			team.add(label);
			byChannel.computeIfAbsent((String) observation.get("channel"), key -> new Counts()).add(label);
			byMember.computeIfAbsent((String) observation.get("member_id"), key -> new Counts()).add(label);
			byWeek.computeIfAbsent(day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)),
					key -> new Counts()).add(label);
			byDay.computeIfAbsent(day, key -> new Counts()).add(label);
		}
		assertThat(counts(get("/distribution?" + range))).as("team").isEqualTo(team);
		for (var channel : byChannel.entrySet()) {
			assertThat(counts(get("/distribution?" + range + "&channel=" + channel.getKey())))
				.as("channel " + channel.getKey()).isEqualTo(channel.getValue());
		}
		for (var member : byMember.entrySet()) {
			assertThat(counts(get("/distribution?" + range + "&member=" + member.getKey())))
				.as("member " + member.getKey()).isEqualTo(member.getValue());
		}
		assertThat(series(get("/timeline?grain=week&" + range))).as("weeks").isEqualTo(byWeek);
		assertThat(series(get("/timeline?grain=day&" + range))).as("days").isEqualTo(byDay);

		Set<String> seen = new HashSet<>();
		int rows = 0;
		String after = null;
		do {
			JsonNode page = get("/exports/observations.json?limit=5000&" + range + (after == null ? "" : "&after=" + after));
			for (JsonNode row : page.get("data")) {
				rows++;
				seen.add(row.get("source").asString() + "|" + row.get("member_id").asString() + "|"
						+ row.get("message_id").asString() + "|" + row.get("section").asString());
			}
			JsonNode next = page.get("meta").get("next_cursor");
			after = next == null || next.isNull() ? null : next.asString();
		}
		while (after != null);
		int lost = this.expected.size() - seen.size();
		int duplicated = rows - seen.size();
		assertThat(lost).as("rows lost").isZero();
		assertThat(duplicated).as("rows duplicated").isZero();
		System.out.printf("figures exact for %,d observations (checked in %d ms)%n", this.expected.size(),
				(System.nanoTime() - started) / 1_000_000);
		return new int[] { lost, duplicated };
	}

	/** {@code size} new observations, plus {@code relabel} stored ones classified again with another label. */
	private List<Map<String, Object>> batch(String name, int size, int relabel) {
		List<Map<String, Object>> batch = new ArrayList<>();
		List<Map<String, Object>> stored = new ArrayList<>(this.expected.values());
		for (int i = 0; i < relabel && i < stored.size(); i++) {
			Map<String, Object> again = new LinkedHashMap<>(stored.get(this.random.nextInt(stored.size())));
			String label = EMOTIONS.get(this.random.nextInt(EMOTIONS.size()));
			again.put("label", label);
			again.put("scores", scores(label));
			batch.add(again);
		}
		for (int i = 0; i < size; i++) {
			int member = this.random.nextInt(12);
			String label = EMOTIONS.get(this.random.nextInt(EMOTIONS.size()));
			Instant at = FIRST_DAY.atStartOfDay(SEOUL).toInstant().plusSeconds(this.random.nextInt(DAYS * 86_400));
			Map<String, Object> observation = new LinkedHashMap<>();
			observation.put("source", "discord");
			observation.put("message_id", name + "-" + i);
			observation.put("section", i % 3 == 0 ? "feeling" : "");
			observation.put("member_id", "discord:" + (700 + member));
			observation.put("member_name", "멤버" + member);
			observation.put("channel", "crash-" + (member % 3));
			observation.put("at", at.toString());
			observation.put("scores", scores(label));
			observation.put("label", label);
			observation.put("model_version", "crash-test");
			batch.add(observation);
		}
		return batch;
	}

	private static Map<String, Double> scores(String label) {
		Map<String, Double> scores = new LinkedHashMap<>();
		EMOTIONS.forEach(emotion -> scores.put(emotion, emotion.equals(label) ? 0.5 : 0.1));
		return scores;
	}

	private void send(List<Map<String, Object>> batch) {
		long started = System.nanoTime();
		assertThat(status(batch)).isEqualTo(200);
		System.out.printf("sent %,d observations in %d ms%n", batch.size(), (System.nanoTime() - started) / 1_000_000);
		remember(batch);
	}

	/** True when the service died while taking the batch; what it may have stored of it is expected from now on. */
	private boolean dies(List<Map<String, Object>> batch) {
		int status = status(batch);
		remember(batch);
		return status == -1;
	}

	private void remember(List<Map<String, Object>> batch) {
		batch.forEach(observation -> this.expected.put(observation.get("source") + "|" + observation.get("member_id")
				+ "|" + observation.get("message_id") + "|" + observation.get("section"), observation));
	}

	private int status(List<Map<String, Object>> batch) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url("/observations")))
				.header("Authorization", this.admin)
				.header("Content-Type", "application/json")
				.timeout(Duration.ofMinutes(2))
				.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(batch)))
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Authorization", this.admin)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static Counts counts(JsonNode distribution) {
		Counts counts = new Counts();
		for (JsonNode emotion : distribution.get("emotions")) {
			counts.byLabel.put(emotion.get("emotion").asString(), emotion.get("n").asLong());
		}
		counts.byLabel.values().removeIf(n -> n == 0);
		return counts;
	}

	private static Map<LocalDate, Counts> series(JsonNode timeline) {
		Map<LocalDate, Counts> series = new TreeMap<>();
		for (JsonNode point : timeline.get("items")) {
			Counts counts = counts(point);
			if (!counts.byLabel.isEmpty()) {
				series.put(LocalDate.parse(point.get("period_start").asString()), counts);
			}
		}
		return series;
	}

	private void restart(String... arguments) throws Exception {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		start(arguments);
	}

	private void start(String... arguments) throws Exception {
		this.port = freePort();
		Path jar = Path.of(System.getProperty("emotion.root", "..")).resolve("dashboard-service/target/dashboard-service.jar");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(), "--server.port=" + this.port,
				"--server.address=127.0.0.1", "--emotion.store.embedded.path=" + this.data.resolve("store"),
				"--emotion.security.jwt-secret=" + TestCallers.SECRET, "--emotion.dashboard.min-members=1",
				"--emotion.dashboard.max-batch=6000"));
		command.addAll(List.of(arguments));
		Path log = this.data.resolve("dashboard.log");
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			assertThat(this.process.isAlive()).as("dashboard-service exited; see " + log + ":\n" + tail(log)).isTrue();
			try {
				HttpResponse<Void> health = this.http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					System.out.printf("dashboard-service up in %d ms%n",
							(System.nanoTime() - deadline + TimeUnit.SECONDS.toNanos(120)) / 1_000_000);
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("dashboard-service did not start within 120 s:\n" + tail(log));
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private static int freePort() {
		return EmotionSystem.freePort();
	}

	/** Observations per label (labels with none left out). */
	private static final class Counts {

		private final Map<String, Long> byLabel = new TreeMap<>();

		void add(String label) {
			this.byLabel.merge(label, 1L, Long::sum);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Counts counts && counts.byLabel.equals(this.byLabel);
		}

		@Override
		public int hashCode() {
			return this.byLabel.hashCode();
		}

		@Override
		public String toString() {
			return this.byLabel.toString();
		}
	}
}
