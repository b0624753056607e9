package dev.emotionmonitor.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.emotionmonitor.common.test.LoadRun;
import dev.emotionmonitor.gateway.GatewayApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway's metrics cost its CPU: the gateway runs in its own process (so the load generator and the stub
 * backend in this JVM are not counted), and its CPU time per proxied request is read from {@code /proc} with metrics
 * on (as shipped: HTTP server observations, the gateway's own meters, the Prometheus registry) and off
 * ({@code management.metrics.enable.all=false} and {@code management.observations.enable.all=false}: every meter is a
 * no-op and no observation is made). The variants alternate over several rounds, each a fresh process warmed up
 * first, so drift on the shared 2-core machine lands on both; the medians and the spread are printed. The issue's
 * budget: metrics within 5 % of the proxy's CPU.
 *
 * <p>
 * {@code ./mvnw -o -Pbench -pl gateway test -Dtest=GatewayMetricsCostBench [-Dbench.rounds=3 -Dbench.clients=16
 * -Dbench.warmup=20 -Dbench.seconds=15 -Dbench.jfr=target/jfr]}; with {@code bench.jfr} each gateway process writes a
 * profiling flight recording there ({@code jfr view hot-methods target/jfr/metrics-on-1.jfr} shows where the CPU went).
 */
@Tag("bench")
class GatewayMetricsCostBench {

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final int CLIENTS = Integer.getInteger("bench.clients", 16);

	private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 20));

	private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));

	private static final String SERVICE_KEY = "bench-service-key-0123456789abcdef";

	private static final String TEXT = "{\"text\":\"오늘은 정말 기분이 좋아요\"}";

	private static final String ANSWER = "{\"label\":\"joy\",\"label_ko\":\"기쁨\",\"scores\":{\"anger\":0.01,"
			+ "\"sadness\":0.01,\"anxiety\":0.01,\"hurt\":0.01,\"embarrassment\":0.01,\"joy\":0.95},"
			+ "\"model_version\":\"bench\"}";

	private static int recordings;

	private static final List<String> METRICS_OFF = List.of("--management.metrics.enable.all=false",
			"--management.observations.enable.all=false");

	@Test
	void gatewayCpuPerRequestWithAndWithoutMetrics() throws Exception {
		DisposableServer backend = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route(routes -> routes.post("/classifications", (request, response) -> request.receive()
				.then(response.header("Content-Type", "application/json").sendString(Mono.just(ANSWER)).then())))
			.bindNow();
		List<Double> on = new ArrayList<>();
		List<Double> off = new ArrayList<>();
		System.out.printf("%nGateway CPU per proxied request, metrics on vs off (%d clients, %d s warm-up, %d s measured,"
				+ " fresh gateway process per round)%n", CLIENTS, WARM_UP.toSeconds(), MEASURE.toSeconds());
		System.out.printf("%-6s %-8s %9s %9s %16s %7s%n", "round", "metrics", "req/s", "p50 ms", "gateway µs/req",
				"errors");
		try {
			for (int round = 1; round <= ROUNDS; round++) {
				// alternate which variant goes first, so a trend over the run does not favour one
				boolean onFirst = round % 2 == 1;
				for (boolean metrics : onFirst ? List.of(true, false) : List.of(false, true)) {
					Result result = measure(backend.port(), metrics);
					(metrics ? on : off).add(result.cpuMicros());
					System.out.printf("%-6d %-8s %9.0f %9.2f %16.1f %7d%n", round, metrics ? "on" : "off",
							result.perSecond(), result.p50(), result.cpuMicros(), result.errors());
				}
			}
		}
		finally {
			backend.disposeNow();
		}
		double medianOn = median(on);
		double medianOff = median(off);
		System.out.printf("median gateway CPU per request: metrics on %.1f µs (%.1f–%.1f), off %.1f µs (%.1f–%.1f);"
				+ " metrics cost %+.1f µs = %+.1f %% of the proxy's CPU (budget 5 %%)%n%n", medianOn, min(on), max(on),
				medianOff, min(off), max(off), medianOn - medianOff, 100 * (medianOn - medianOff) / medianOff);
	}

	private static Result measure(int backendPort, boolean metrics) throws Exception {
		int port = freePort();
		Path dataDir = Files.createTempDirectory("gateway-metrics-bench");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-cp", System.getProperty("java.class.path"), GatewayApplication.class.getName(),
				"--server.port=" + port, "--management.server.port=" + freePort(),
				"--emotion.store.embedded.in-memory=true", "--logging.level.root=WARN",
				"--emotion.gateway.data-dir=" + dataDir, "--emotion.gateway.service-key=" + SERVICE_KEY,
				"--emotion.gateway.services.classifier=http://127.0.0.1:" + backendPort,
				"--emotion.gateway.rate-limits.roles.member.capacity=100000000",
				"--emotion.gateway.rate-limits.roles.member.refill-per-second=100000000"));
		if (!metrics) {
			command.addAll(METRICS_OFF);
		}
		String jfr = System.getProperty("bench.jfr");
		if (jfr != null) {
			Files.createDirectories(Path.of(jfr));
			command.add(1, "-XX:StartFlightRecording:settings=profile,filename=" + Path.of(jfr, "metrics-"
					+ (metrics ? "on" : "off") + "-" + (++recordings) + ".jfr").toAbsolutePath());
		}
		Process gateway = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dataDir.resolve("gateway.log").toFile())
			.start();
		try {
			String gatewayUrl = "http://127.0.0.1:" + port;
			awaitHealthy(gatewayUrl, gateway);
			String key = newMemberKey(gatewayUrl);
			ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(CLIENTS).build();
			try {
				HttpClient client = HttpClient.create(pool).headers(h -> h.set("Authorization", "Bearer " + key));
				String url = gatewayUrl + "/api/classifier/classifications";
				LoadRun.post(client, url, request -> TEXT, answer -> answer.contains("\"label\""), CLIENTS, WARM_UP);
				long ticks = cpuTicks(gateway.pid());
				LoadRun run = LoadRun.post(client, url, request -> TEXT, answer -> answer.contains("\"label\""),
						CLIENTS, MEASURE);
				double micros = (cpuTicks(gateway.pid()) - ticks) * 1e4 / Math.max(1, run.requests());
				return new Result(run.perSecond(), run.percentileMillis(0.5), micros, run.errors());
			}
			finally {
				pool.disposeLater().block();
			}
		}
		finally {
			gateway.destroy();
			if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
				gateway.destroyForcibly();
			}
		}
	}

	private static void awaitHealthy(String gatewayUrl, Process gateway) throws Exception {
		java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().followRedirects(Redirect.NEVER).build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			if (!gateway.isAlive()) {
				throw new IllegalStateException("the gateway exited with " + gateway.exitValue());
			}
			try {
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(URI.create(gatewayUrl + "/actuator/health/liveness")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the gateway did not become healthy in 90 s");
	}

	private static String newMemberKey(String gatewayUrl) throws Exception {
		HttpResponse<String> created = java.net.http.HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/admin/members"))
				.header("Authorization", "Bearer " + SERVICE_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"display_name\":\"bench member\",\"role\":\"member\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		Map<?, ?> body = JsonMapper.builder().build().readValue(created.body(), Map.class);
		return (String) ((Map<?, ?>) body.get("api_key")).get("key");
	}

	/** User plus system CPU time of a process in clock ticks of 10 ms (fields 14 and 15 of /proc/PID/stat). */
	private static long cpuTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	private record Result(double perSecond, double p50, double cpuMicros, long errors) {
	}
}
