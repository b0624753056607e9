package dev.emotionmonitor.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.test.LoadRun;
import dev.emotionmonitor.common.test.ProcessCpu;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's overhead on a real backend call: the system started by {@code ./emotion up}, one Korean sentence per
 * {@code POST /classifications} to the classifier directly, then the same call through the gateway as a member
 * (bearer key checked, API log written, rate limit applied; the member limit is raised so that it is counted, not
 * refused), at 1 and 32 concurrent clients. Prints req/s, p50/p99, each process's CPU per request (from
 * {@code /proc}), the p50/p99 differences and the ratio of throughputs. Everything shares this machine's cores: the
 * load generator, the gateway, the classifier and three idle services.
 *
 * <pre>./mvnw -Pbench -pl e2e-tests -am test -Dtest=GatewayOverheadSystemBench [-Dbench.clients=1,32 -Dbench.steady=90 -Dbench.warmup=15 -Dbench.seconds=20]</pre>
 */
@Tag("bench")
class GatewayOverheadSystemBench {

	/** Load through the gateway before anything is measured: both JVMs are still compiling for a minute or more. */
	private static final Duration STEADY_STATE = Duration.ofSeconds(Long.getLong("bench.steady", 90));

	private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 15));

	private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

	private static final List<String> TEXTS = List.of("오늘 회고에서 칭찬을 받아서 정말 기뻤어요",
			"배포가 또 밀려서 팀장님께 너무 화가 났다", "다음 주 발표가 잘 될지 걱정돼서 잠이 안 와요",
			"내 의견을 아무도 들어주지 않아서 서운하고 상처받았어", "회의 중에 갑자기 질문을 받아서 당황했어요",
			"같이 일하던 동료가 떠나서 마음이 허전하고 슬프다", "테스트가 전부 통과해서 다들 신났어요",
			"마감이 코앞인데 아직 절반도 못 해서 불안해");

	@TempDir
	static Path dataDirectory;

	@Test
	void classifierCallDirectAndThroughTheGateway() {
		EmotionSystem system = new EmotionSystem(dataDirectory).with("RATE_LIMIT_MEMBER_BURST", "1000000000")
			.with("RATE_LIMIT_MEMBER_PER_SECOND", "1000000000");
		EmotionSystem.Result up = system.emotion("up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		try {
			EmotionSystem.Result added = system.emotion("member", "add", "bench member", "--role", "member");
			assertThat(added.exitCode()).as(added.output()).isZero();
			List<String> lines = added.output().strip().lines().toList();
			String key = lines.get(lines.size() - 1).strip();
			long gateway = system.pidOf("gateway");
			long classifier = system.pidOf("classifier-service");
			String direct = system.directUrl("classifier") + "/classifications";
			String through = system.gatewayUrl() + "/api/classifier/classifications";

			System.out.printf("%nWarming both services up: %d s of 32 clients through the gateway...%n",
					STEADY_STATE.toSeconds());
			measure(through, key, 32, STEADY_STATE, gateway, classifier);
			System.out.printf("%nGateway overhead on the classifier (then %d s warm-up and %d s measured per run, loopback)%n",
					WARM_UP.toSeconds(), MEASURE.toSeconds());
			System.out.printf("%-8s %-8s %8s %8s %8s %14s %14s %9s%n", "clients", "path", "req/s", "p50 ms", "p99 ms",
					"gateway µs/req", "classif µs/req", "errors");
			for (String concurrency : System.getProperty("bench.clients", "1,32").split(",")) {
				int clients = Integer.parseInt(concurrency.strip());
				// the classifier alone still needs a caller token; minted once here, as the gateway caches its own
				String token = system.callerToken(Caller.SERVICE, "classifier", Instant.now(), Duration.ofMinutes(5));
				measure(direct, token, clients, WARM_UP, gateway, classifier);
				Result alone = measure(direct, token, clients, MEASURE, gateway, classifier);
				measure(through, key, clients, WARM_UP, gateway, classifier);
				Result proxied = measure(through, key, clients, MEASURE, gateway, classifier);
				print(clients, "direct", alone);
				print(clients, "gateway", proxied);
				System.out.printf(
						"%-8s p50 overhead %.2f ms, p99 overhead %.2f ms, throughput through the gateway %.0f%% of direct%n%n",
						clients, proxied.p50() - alone.p50(), proxied.p99() - alone.p99(),
						100.0 * proxied.perSecond() / alone.perSecond());
			}
		}
		finally {
			system.emotion("down");
		}
	}

	private static Result measure(String url, String key, int clients, Duration duration, long gatewayPid,
			long classifierPid) {
		ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(clients).build();
		try {
			HttpClient client = HttpClient.create(pool).headers(headers -> {
				if (key != null) {
					headers.set("Authorization", "Bearer " + key);
				}
			});
			return load(client, url, clients, duration, gatewayPid, classifierPid);
		}
		finally {
			pool.disposeLater().block();
		}
	}

	private static Result load(HttpClient client, String url, int clients, Duration duration, long gatewayPid,
			long classifierPid) {
		long gatewayTicks = ProcessCpu.ticks(gatewayPid);
		long classifierTicks = ProcessCpu.ticks(classifierPid);
		LoadRun run = LoadRun.post(client, url,
				request -> "{\"text\":\"" + TEXTS.get((int) (request % TEXTS.size())) + "\"}",
				answer -> answer.contains("\"label\""), clients, duration);
		double perTick = ProcessCpu.MICROS_PER_TICK / Math.max(1, run.requests());
		return new Result(run.perSecond(), run.percentileMillis(0.50), run.percentileMillis(0.99),
				(ProcessCpu.ticks(gatewayPid) - gatewayTicks) * perTick, (ProcessCpu.ticks(classifierPid) - classifierTicks) * perTick,
				run.errors());
	}

	private static void print(int clients, String path, Result result) {
		System.out.printf("%-8s %-8s %8.0f %8.2f %8.2f %14.0f %14.0f %9d%n", clients, path, result.perSecond(),
				result.p50(), result.p99(), result.gatewayCpuMicros(), result.classifierCpuMicros(), result.errors());
	}

	record Result(double perSecond, double p50, double p99, double gatewayCpuMicros, double classifierCpuMicros,
			long errors) {
	}
}
