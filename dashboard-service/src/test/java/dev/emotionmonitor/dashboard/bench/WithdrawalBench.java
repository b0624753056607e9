package dev.emotionmonitor.dashboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.reactive.function.client.WebClient;

import dev.emotionmonitor.dashboard.DashboardServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /observations/withdrawals} of one message at a time (an edit or a deletion as the scraper sends it) on
 * the embedded store on disk holding 50,000 observations (200 members, 10 channels, two years): each round withdraws a
 * random stored message and sends it again (not timed), so the store keeps its size. Prints p50/p95.
 * {@code ./mvnw -o -Pbench -pl dashboard-service test -Dtest=WithdrawalBench} ({@code -Dbench.observations=N},
 * {@code -Dbench.rounds=N}).
 */
@Tag("bench")
class WithdrawalBench {

	private static final int BATCH = 5000;

	@Test
	void withdrawOneMessageAtATime() throws Exception {
		int total = Integer.getInteger("bench.observations", 50_000);
		int rounds = Integer.getInteger("bench.rounds", 100);
		Path data = Files.createTempDirectory("withdrawal-bench");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DashboardServiceApplication.class).run(
				"--server.port=0", "--emotion.security.jwt-secret=" + TestCallers.SECRET,
				"--emotion.store.embedded.path=" + data, "--logging.level.root=WARN")) {
			WebClient client = WebClient.builder()
				.baseUrl("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"))
				.filter(TestCallers.asService("dashboard"))
				.build();
			// one JSON array per observation, so that any of them can be sent again on its own
			ObservationGenerator generator = new ObservationGenerator(total, 200, 10,
					Instant.parse("2026-11-23T00:00:00Z"), Duration.ofDays(730));
			List<String> observations = new ArrayList<>(total);
			while (generator.hasNext()) {
				observations.add(generator.nextBatch(1));
			}
			for (int from = 0; from < total; from += BATCH) {
				List<String> batch = observations.subList(from, Math.min(total, from + BATCH));
				post(client, "/observations", "[" + String.join(",", batch.stream()
					.map(one -> one.substring(1, one.length() - 1)).toList()) + "]");
			}

			Random random = new Random(11);
			List<Double> millis = new ArrayList<>();
			for (int round = -5; round < rounds; round++) {
				int n = random.nextInt(total);
				String body = "{\"items\":[{\"source\":\"discord\",\"message_id\":\"" + (1_200_000_000_000_000_000L + n)
						+ "\"}]}";
				long start = System.nanoTime();
				Map<?, ?> result = post(client, "/observations/withdrawals", body);
				double took = (System.nanoTime() - start) / 1e6;
				assertThat(((Number) result.get("withdrawn")).intValue()).isEqualTo(1);
				if (round >= 0) {
					millis.add(took);
				}
				post(client, "/observations", observations.get(n));
			}
			Collections.sort(millis);
			System.out.printf(Locale.ROOT,
					"%nPOST /observations/withdrawals, one message, %,d observations stored (embedded H2 file): "
							+ "p50 %.1f ms   p95 %.1f ms   max %.1f ms   (n=%d)%n",
					total, percentile(millis, 50), percentile(millis, 95), millis.get(millis.size() - 1), millis.size());
		}
		finally {
			FileSystemUtils.deleteRecursively(data);
		}
	}

	private static Map<?, ?> post(WebClient client, String uri, String body) {
		return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve()
			.bodyToMono(Map.class).block(Duration.ofMinutes(5));
	}

	private static double percentile(List<Double> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}
}
