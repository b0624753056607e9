package dev.emotionmonitor.classifier.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.emotionmonitor.classifier.support.TinyCorpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load through the gateway: {@code bench.clients} (32) concurrent clients on loopback, each sending one text per
 * {@code POST /api/classifier/classifications} back to back for {@code bench.seconds} (20). Prints texts/s, p50,
 * p99 and non-200 answers. Skipped unless {@code -Dgateway.url=http://localhost:8080} is given; {@code
 * -Dgateway.key=...} is sent as the bearer key when the gateway requires one.
 *
 * <pre>./mvnw -o -Pbench -pl classifier-service -am test -Dtest=GatewayLoadBench -Dgateway.url=http://localhost:8080</pre>
 */
@Tag("bench")
class GatewayLoadBench {

	@Test
	void thirtyTwoClientsThroughTheGateway() throws Exception {
		String gateway = System.getProperty("gateway.url");
		Assumptions.assumeTrue(gateway != null && !gateway.isBlank(), "set -Dgateway.url to run the load test");
		String key = System.getProperty("gateway.key", "");
		int clients = Integer.getInteger("bench.clients", 32);
		int seconds = Integer.getInteger("bench.seconds", 20);
		List<String> texts = TinyCorpus.PHRASES.values().stream().flatMap(List::stream).toList();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI uri = URI.create(gateway.replaceAll("/$", "") + "/api/classifier/classifications");
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger failures = new AtomicInteger();
		long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
		CountDownLatch done = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			int client = c;
			new Thread(() -> {
				int i = client;
				try {
					while (System.nanoTime() < end) {
						String text = texts.get(i++ % texts.size()).replace("\"", "");
						HttpRequest.Builder request = HttpRequest.newBuilder(uri)
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}",
									StandardCharsets.UTF_8));
						if (!key.isBlank()) {
							request.header("Authorization", "Bearer " + key);
						}
						long start = System.nanoTime();
						HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
						long elapsed = System.nanoTime() - start;
						if (start < warmupEnd) {
							continue;
						}
						if (response.statusCode() == 200) {
							latencies.add(elapsed);
						}
						else {
							failures.incrementAndGet();
						}
					}
				}
				catch (Exception ex) {
					failures.incrementAndGet();
				}
				finally {
					done.countDown();
				}
			}).start();
		}
		done.await();
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		Assumptions.assumeTrue(!sorted.isEmpty(), "no successful request: " + failures.get() + " failures");
		System.out.printf("%n== through the gateway %s: %d clients, %d s ==%n", gateway, clients, seconds);
		System.out.printf("%.0f texts/s, p50 %.1f ms, p99 %.1f ms, %d non-200 answers%n", sorted.size() / (double) seconds,
				sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, failures.get());
	}
}
