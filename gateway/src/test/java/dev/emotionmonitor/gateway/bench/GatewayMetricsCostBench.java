package dev.emotionmonitor.gateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.emotionmonitor.common.test.LoadRun;
import dev.emotionmonitor.common.test.ProcessCpu;
import dev.emotionmonitor.gateway.GatewayApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * What the gateway's metrics cost its CPU: the gateway runs in its own process (so the load generator and the stub
 * backend in this JVM are not counted) and its CPU time per proxied request is read from {@code /proc}, with metrics
 * on (as shipped: HTTP server observations, the gateway's own meters, the Prometheus registry) and off
 * ({@code management.metrics.enable.all=false} and {@code management.observations.enable.all=false}: every meter is a
 * no-op and no observation is made).
 * <p>
 * The two variants run side by side, each in a fresh process, warmed up at full speed (8 clients each) and then
 * measured under the same open-loop load at the same time ({@code bench.rate} requests a second each, below what
 * either can serve): whatever else the shared 2-core machine
 * does lands on both, and both do the same work per second (a closed loop would let the faster variant serve more
 * requests and spread its fixed per-second costs thinner). The CPU counted leaves out the JIT compiler threads, whose
 * warm-up work lands at random in a measured window (both figures are printed). Several rounds, medians and spread.
 * The budget: metrics within 5 % of the proxy's CPU.
 * <p>
 * {@code ./mvnw -o -Pbench -pl gateway test -Dtest=GatewayMetricsCostBench [-Dbench.rounds=3 -Dbench.rate=200
 * -Dbench.warmup=45 -Dbench.seconds=20 -Dbench.jfr=target/jfr -Dbench.onArgs="--management.…=…"]}; with
 * {@code bench.jfr} each gateway process writes a profiling flight recording there ({@code jfr view hot-methods …});
 * the share of sampled Java stacks in the measured window that run metrics code is printed too (a second, independent
 * estimate of what the metrics cost); {@code bench.onArgs} adds arguments to the metrics-on gateway, to see what one meter or observation costs.
 */
@Tag("bench")
class GatewayMetricsCostBench {

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final int RATE = Integer.getInteger("bench.rate", 200);

	private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 45));

	private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

	private static final List<String> METRICS_OFF = List.of("--management.metrics.enable.all=false",
			"--management.observations.enable.all=false");

	private static int recordings;

	@Test
	void gatewayCpuPerRequestWithAndWithoutMetrics() throws Exception {
		DisposableServer backend = StubClassifier.start();
		List<Double> on = new ArrayList<>();
		List<Double> off = new ArrayList<>();
		List<Double> paired = new ArrayList<>();
		System.out.printf("%nGateway CPU per proxied request, metrics on vs off (%d req/s each, side by side, %d s warm-up,"
				+ " %d s measured, fresh processes per round)%n", RATE, WARM_UP.toSeconds(), MEASURE.toSeconds());
		System.out.printf("%-6s %-8s %9s %9s %9s %18s %16s %7s%n", "round", "metrics", "req/s", "p50 ms", "p99 ms",
				"µs/req (no JIT)", "µs/req (all)", "errors");
		try {
			for (int round = 1; round <= ROUNDS; round++) {
				Result resultOn;
				Result resultOff;
				Path recordingOn;
				Path recordingOff;
				try (Gateway withMetrics = Gateway.start(backend.port(), true);
						Gateway without = Gateway.start(backend.port(), false)) {
					recordingOn = withMetrics.recording();
					recordingOff = without.recording();
					var measuringOn = CompletableFuture.supplyAsync(withMetrics::measure);
					resultOff = without.measure();
					resultOn = measuringOn.join();
				}
				print(round, "on", resultOn);
				print(round, "off", resultOff);
				if (recordingOn != null) {
					// the processes have exited: their recordings are written
					System.out.printf("round %d, sampled Java stacks in the measured window that run metrics code:"
							+ " metrics on %s, off %s%n", round, MetricsSamples.share(recordingOn, resultOn),
							MetricsSamples.share(recordingOff, resultOff));
				}
				if (resultOn.errors() + resultOff.errors() > 0) {
					// the machine could not keep the rate: the two did not do the same work
					System.out.printf("round %d not counted: the rate was not kept (errors)%n", round);
					continue;
				}
				on.add(resultOn.steadyMicros());
				off.add(resultOff.steadyMicros());
				paired.add(100 * (resultOn.steadyMicros() - resultOff.steadyMicros()) / resultOff.steadyMicros());
			}
		}
		finally {
			backend.disposeNow();
		}
		double medianOn = median(on);
		double medianOff = median(off);
		System.out.printf("median gateway CPU per request (no JIT): metrics on %.1f µs (%.1f–%.1f), off %.1f µs"
				+ " (%.1f–%.1f); metrics cost %+.1f µs = %+.1f %% of the proxy's CPU (budget 5 %%)%n", medianOn,
				min(on), max(on), medianOff, min(off), max(off), medianOn - medianOff,
				100 * (medianOn - medianOff) / medianOff);
		System.out.printf("paired rounds (on − off, same window): median %+.1f %% (%+.1f … %+.1f %%)%n%n", median(paired),
				min(paired), max(paired));
	}

	private static void print(int round, String metrics, Result result) {
		System.out.printf("%-6d %-8s %9.0f %9.2f %9.2f %18.1f %16.1f %7d%n", round, metrics, result.perSecond(),
				result.p50(), result.p99(), result.steadyMicros(), result.allMicros(), result.errors());
	}

	/** A gateway process with metrics on or off, in front of the stub, and a member key to call it with. */
	private record Gateway(Process process, String url, String key, Path recording) implements AutoCloseable {

		static Gateway start(int backendPort, boolean metrics) throws Exception {
			int port = freePort();
			Path dataDir = Files.createTempDirectory("gateway-metrics-bench");
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx512m", "-XX:-UseDynamicNumberOfCompilerThreads", "-cp", System.getProperty("java.class.path"),
					GatewayApplication.class.getName(), "--server.port=" + port, "--management.server.port=" + freePort(),
					"--emotion.store.embedded.in-memory=true", "--logging.level.root=WARN",
					"--emotion.gateway.data-dir=" + dataDir, "--emotion.gateway.service-key=" + StubClassifier.SERVICE_KEY,
					"--emotion.gateway.services.classifier=http://127.0.0.1:" + backendPort,
					"--emotion.gateway.rate-limits.roles.member.capacity=100000000",
					"--emotion.gateway.rate-limits.roles.member.refill-per-second=100000000"));
			if (!metrics) {
				command.addAll(METRICS_OFF);
			}
			String onArgs = System.getProperty("bench.onArgs", "").strip();
			if (metrics && !onArgs.isEmpty()) {
				command.addAll(List.of(onArgs.split("\\s+")));
			}
			String jfr = System.getProperty("bench.jfr");
			Path recording = null;
			if (jfr != null) {
				Files.createDirectories(Path.of(jfr));
				recording = Path.of(jfr, "metrics-" + (metrics ? "on" : "off") + "-" + (++recordings) + ".jfr")
					.toAbsolutePath();
				command.addAll(1, List.of("-XX:FlightRecorderOptions:stackdepth=128",
						"-XX:StartFlightRecording:settings=profile,jdk.ExecutionSample#period=1ms,filename=" + recording));
			}
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dataDir.resolve("gateway.log").toFile())
				.start();
			String url = "http://127.0.0.1:" + port;
			try {
				awaitHealthy(url, process);
				return new Gateway(process, url, StubClassifier.newMemberKey(url), recording);
			}
			catch (Exception ex) {
				process.destroyForcibly();
				throw ex;
			}
		}

		/** Warm-up, then the measured window: CPU of this process per request. */
		Result measure() {
			ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(256).build();
			try {
				HttpClient client = HttpClient.create(pool).headers(h -> h.set("Authorization", "Bearer " + key));
				String classify = url + "/api/classifier/classifications";
				// warm-up as fast as it goes, so the JIT has compiled the hot paths of both before the measured window
				LoadRun.post(client, classify, request -> StubClassifier.TEXT, answer -> true, 8, WARM_UP);
				long all = ProcessCpu.ticks(process.pid());
				long steady = ProcessCpu.steadyTicks(process.pid());
				Instant from = Instant.now();
				LoadRun run = load(client, classify, MEASURE);
				double perRequest = ProcessCpu.MICROS_PER_TICK / Math.max(1, run.requests());
				return new Result(run.perSecond(), run.percentileMillis(0.5), run.percentileMillis(0.99),
						(ProcessCpu.steadyTicks(process.pid()) - steady) * perRequest,
						(ProcessCpu.ticks(process.pid()) - all) * perRequest, run.errors(), from, Instant.now());
			}
			finally {
				pool.disposeLater().block();
			}
		}

		@Override
		public void close() throws InterruptedException {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static LoadRun load(HttpClient client, String url, Duration duration) {
		return LoadRun.postAtRate(client, url, request -> StubClassifier.TEXT, answer -> answer.contains("\"label\""),
				RATE, 256, duration);
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

	/** CPU per request of all gateway threads but the JIT compilers ({@code steadyMicros}) and of all of them. */
	record Result(double perSecond, double p50, double p99, double steadyMicros, double allMicros, long errors,
			Instant from, Instant to) {
	}
}
