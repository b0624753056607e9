package dev.emotionmonitor.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.emotionmonitor.common.test.LoadRun;
import dev.emotionmonitor.gateway.GatewayApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Gateway overhead on a backend that does no work: the same classification call (a small JSON POST to a stub
 * backend) made directly, through a bare Reactor Netty proxy (the floor any proxy pays here), and through the gateway
 * with authentication (a member's API key), the API usage log and rate limiting all on, at 1 and 32 concurrent
 * clients. Prints p50/p99 of each, their difference, the ratio of throughputs and the JVM's CPU per request. The load
 * generator runs in the same JVM on loopback, so on a 2-core machine it competes with the gateway for CPU (as it does
 * with the backend in the direct run). The same measurement on the real classifier, each service in its own process:
 * {@code GatewayOverheadSystemBench} in e2e-tests.
 *
 * <p>
 * {@code ./mvnw -o -Pbench -pl gateway -am test -Dtest=GatewayOverheadBench}
 */
@Tag("bench")
class GatewayOverheadBench {

	private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 30));

	private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 10));

	@Test
	void directVersusThroughTheGateway() throws Exception {
		Path dataDir = Files.createTempDirectory("gateway-bench");
		DisposableServer backend = StubClassifier.start();
		String backendUrl = "http://127.0.0.1:" + backend.port();
		DisposableServer bareProxy = bareProxy(backendUrl);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--emotion.store.embedded.in-memory=true", "--logging.level.root=WARN",
				"--emotion.gateway.data-dir=" + dataDir, "--emotion.gateway.service-key=" + StubClassifier.SERVICE_KEY,
				"--emotion.gateway.services.classifier=" + backendUrl,
				// limits on, but high enough that the benchmark measures their cost, not their refusals
				"--emotion.gateway.rate-limits.roles.member.capacity=100000000",
				"--emotion.gateway.rate-limits.roles.member.refill-per-second=100000000"));
		// extra gateway arguments, to see what a feature costs: -Dbench.gatewayArgs="--emotion.gateway.api-log.enabled=false"
		String extra = System.getProperty("bench.gatewayArgs", "").strip();
		if (!extra.isEmpty()) {
			args.addAll(List.of(extra.split("\\s+")));
		}
		try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
			.run(args.toArray(String[]::new))) {
			String gatewayUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
			String key = StubClassifier.newMemberKey(gatewayUrl);

			System.out.printf("%nGateway overhead on a stub (warm-up %d s, %d s measured per run, loopback, in-JVM client)%n",
					WARM_UP.toSeconds(), MEASURE.toSeconds());
			System.out.printf("%-11s %-8s %10s %9s %9s %12s %9s%n", "clients", "path", "req/s", "p50 ms", "p99 ms",
					"cpu µs/req", "errors");
			for (String concurrency : System.getProperty("bench.clients", "1,32").split(",")) {
				int clients = Integer.parseInt(concurrency.strip());
				Result direct = run(backendUrl + "/classifications", null, clients);
				Result bare = run("http://127.0.0.1:" + bareProxy.port() + "/classifications", null, clients);
				jdk.jfr.Recording recording = null;
				if (Boolean.getBoolean("bench.jfr")) {
					recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
					recording.start();
				}
				Result through = run(gatewayUrl + "/api/classifier/classifications", key, clients);
				if (recording != null) {
					recording.dump(Path.of("target", "gateway-bench-" + clients + ".jfr"));
					recording.close();
				}
				print(clients, "direct", direct);
				print(clients, "bare", bare);
				print(clients, "gateway", through);
				System.out.printf(
						"%-11s p50 overhead %.2f ms, p99 overhead %.2f ms, throughput ratio %.0f%%, CPU per request +%.0f µs%n%n",
						clients, through.p50() - direct.p50(), through.p99() - direct.p99(),
						100.0 * through.perSecond() / direct.perSecond(), through.cpuMicros() - direct.cpuMicros());
			}
			Thread.sleep(3000);
			long logged = gateway.getBean(ReactiveMongoTemplate.class).getCollection("api_log")
				.flatMap(collection -> Mono.from(collection.countDocuments()))
				.block();
			long gaps = gateway.getBean(ReactiveMongoTemplate.class).getCollection("api_log_gaps")
				.flatMap(collection -> Mono.from(collection.countDocuments()))
				.block();
			System.out.printf("API log: %d entries written to the embedded store, %d gap records%n", logged, gaps);
		}
		finally {
			bareProxy.disposeNow();
			backend.disposeNow();
		}
	}

	/**
	 * The floor: a plain Reactor Netty proxy (no routing table, no filters, no security), forwarding each request on
	 * a pooled connection. What any proxy in front of the stub costs on this machine.
	 */
	private static DisposableServer bareProxy(String backendUrl) {
		HttpClient client = HttpClient.create(ConnectionProvider.builder("bare-proxy").maxConnections(500).build());
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> client.headers(headers -> headers.add(request.requestHeaders()))
				.request(request.method())
				.uri(backendUrl + request.uri())
				.send(request.receive().retain())
				.response((answer, body) -> response.status(answer.status())
					.headers(answer.responseHeaders())
					.send(body.retain())))
			.bindNow();
	}

	private static Result run(String url, String key, int clients) {
		ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(clients).build();
		try {
			HttpClient client = HttpClient.create(pool).headers(headers -> {
				if (key != null) {
					headers.set("Authorization", "Bearer " + key);
				}
			});
			load(client, url, clients, WARM_UP);
			return load(client, url, clients, MEASURE);
		}
		finally {
			pool.disposeLater().block();
		}
	}

	private static Result load(HttpClient client, String url, int clients, Duration duration) {
		long cpuStart = processCpuNanos();
		LoadRun run = LoadRun.post(client, url, request -> StubClassifier.TEXT, answer -> true, clients, duration);
		long cpu = processCpuNanos() - cpuStart;
		return new Result(run.perSecond(), run.percentileMillis(0.50), run.percentileMillis(0.99),
				run.requests() == 0 ? Double.NaN : cpu / 1e3 / run.requests(), run.errors());
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static void print(int clients, String path, Result result) {
		System.out.printf("%-11s %-8s %10.0f %9.2f %9.2f %12.0f %9d%n", clients, path, result.perSecond(),
				result.p50(), result.p99(), result.cpuMicros(), result.errors());
	}

	/**
	 * @param cpuMicros this JVM's CPU time (client, gateway and stub together) per request: unlike latency it hardly
	 *                  depends on what else the machine is running
	 */
	record Result(double perSecond, double p50, double p99, double cpuMicros, long errors) {
	}
}
