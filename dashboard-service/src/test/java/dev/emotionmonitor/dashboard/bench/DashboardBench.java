package dev.emotionmonitor.dashboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

import dev.emotionmonitor.dashboard.DashboardServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000,000 observations (200 members, 10 channels, two years) ingested through {@code POST /observations} into the
 * embedded store on disk, then p50/p99 of the weekly timeline, the distribution, the members table and single-message
 * withdrawals.
 * {@code ./mvnw -o -Pbench -pl dashboard-service -am test -Dtest=DashboardBench} ({@code -Dbench.observations=N} for fewer).
 */
@Tag("bench")
class DashboardBench {

	private static final int BATCH = 5000;

	private static final int RUNS = 60;

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	@Test
	void ingestThenQuery() throws Exception {
		long total = Long.getLong("bench.observations", 1_000_000);
		boolean memory = Boolean.getBoolean("bench.memory");
		Path data = Files.createTempDirectory("dashboard-bench");
		Instant end = Instant.parse("2026-11-23T00:00:00Z");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DashboardServiceApplication.class).run(
				"--server.port=0", "--emotion.security.jwt-secret=" + TestCallers.SECRET,
				"--emotion.store.embedded.in-memory=" + memory,
				"--emotion.store.embedded.path=" + data, "--logging.level.root=WARN", "--logging.level.dev.emotionmonitor.dashboard.observation=" + System.getProperty("bench.log", "WARN"))) {
			String port = app.getEnvironment().getProperty("local.server.port");
			WebClient client = WebClient.builder()
				.baseUrl("http://127.0.0.1:" + port)
				.filter(TestCallers.asService("dashboard"))
				.exchangeStrategies(ExchangeStrategies.builder()
					.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
					.build())
				.build();

			ObservationGenerator generator = new ObservationGenerator(total, 200, 10, end, Duration.ofDays(730));
			long started = System.nanoTime();
			long[] stored = { 0 };
			Flux.<String>generate(sink -> {
				if (generator.hasNext()) {
					sink.next(generator.nextBatch(BATCH));
				}
				else {
					sink.complete();
				}
			}).flatMapSequential(batch -> client.post().uri("/observations").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(batch).retrieve().bodyToMono(Map.class), 2)
				.doOnNext(result -> {
					stored[0] += ((Number) result.get("created")).longValue();
					if (stored[0] % 100_000 == 0) {
						double seconds = (System.nanoTime() - started) / 1e9;
						System.out.printf(Locale.ROOT, "  ingested %,d observations in %.0f s (%.0f/s)%n", stored[0],
								seconds, stored[0] / seconds);
					}
				})
				.blockLast(Duration.ofHours(3));
			double ingestSeconds = (System.nanoTime() - started) / 1e9;
			assertThat(stored[0]).isEqualTo(total);

			LocalDate last = end.atZone(SEOUL).toLocalDate().minusDays(1);
			LocalDate first = last.minusDays(729);
			Random random = new Random(7);
			System.out.println();
			System.out.printf(Locale.ROOT, "dashboard-service benchmark: %,d observations, 200 members, 10 channels, %s..%s, store=%s%n",
					total, first, last, memory ? "embedded in memory" : "embedded H2 file");
			System.out.printf(Locale.ROOT, "ingest: %.0f s, %.0f observations/s (batches of %d through POST /observations, alerts evaluated on write)%n",
					ingestSeconds, total / ingestSeconds, BATCH);
			measure(client, "weekly timeline, team, two years (105 weeks)",
					i -> "/timeline?grain=week&from=" + first + "&to=" + last);
			measure(client, "weekly timeline, one channel, random 26 weeks", i -> {
				LocalDate to = last.minusDays(random.nextInt(500));
				return "/timeline?grain=week&from=" + to.minusWeeks(26) + "&to=" + to + "&channel=channel-" + random.nextInt(10);
			});
			measure(client, "distribution, team, two years", i -> "/distribution?from=" + first + "&to=" + last);
			measure(client, "distribution, one channel, random 12 weeks", i -> {
				LocalDate to = last.minusDays(random.nextInt(600));
				return "/distribution?from=" + to.minusDays(83) + "&to=" + to + "&channel=channel-" + random.nextInt(10);
			});
			measure(client, "members table, team, random week", i -> "/members?week=" + last.minusWeeks(random.nextInt(100)));
			measure(client, "members table, one channel, latest week", i -> "/members?week=" + last + "&channel=channel-" + random.nextInt(10));
			withdrawals(client, total, random);
		}
		finally {
			FileSystemUtils.deleteRecursively(data);
		}
	}

	/** Single-message withdrawals (an edit or a deletion as the scraper sends it), each a random stored message. */
	private static void withdrawals(WebClient client, long total, Random random) {
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String body = "{\"items\":[{\"source\":\"discord\",\"message_id\":\""
					+ (1_200_000_000_000_000_000L + (long) (random.nextDouble() * total)) + "\"}]}";
			long start = System.nanoTime();
			Map<?, ?> result = client.post().uri("/observations/withdrawals").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body).retrieve().bodyToMono(Map.class).block();
			millis.add((System.nanoTime() - start) / 1e6);
			assertThat(((Number) result.get("messages")).intValue()).isLessThanOrEqualTo(1);
		}
		Collections.sort(millis);
		System.out.printf(Locale.ROOT, "%-48s p50 %6.1f ms   p99 %6.1f ms   (n=%d)%n",
				"withdrawal of one message", percentile(millis, 50), percentile(millis, 99), millis.size());
	}

	private static void measure(WebClient client, String name, IntFunction<String> uris) {
		for (int i = 0; i < 5; i++) {
			client.get().uri(uris.apply(i)).retrieve().bodyToMono(String.class).block();
		}
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			String uri = uris.apply(i);
			long start = System.nanoTime();
			String body = client.get().uri(uri).retrieve().bodyToMono(String.class).block();
			millis.add((System.nanoTime() - start) / 1e6);
			assertThat(body).isNotEmpty();
		}
		Collections.sort(millis);
		System.out.printf(Locale.ROOT, "%-48s p50 %6.1f ms   p99 %6.1f ms   (n=%d)%n", name, percentile(millis, 50),
				percentile(millis, 99), RUNS);
	}

	private static double percentile(List<Double> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}
}
