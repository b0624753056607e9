package dev.emotionmonitor.common.test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * HTTP load for benchmarks on one Reactor Netty client, for a fixed time: closed-loop ({@link #post}: {@code clients}
 * concurrent callers, each sending its next POST as soon as the previous answer is in) or open-loop
 * ({@link #postAtRate}: a POST every 1/rate seconds, whatever the answers do, so two systems compared do the same
 * work per second).
 *
 * @param sortedNanos the latency of every answered request, ascending
 * @param seconds     how long the run took
 * @param errors      answers that were not 200 or that {@code answered} refused
 */
public record LoadRun(long[] sortedNanos, double seconds, long errors) {

	/**
	 * @param body     the JSON body of a client's n-th request
	 * @param answered whether a 200 answer's body is the expected kind of answer
	 */
	public static LoadRun post(HttpClient client, String url, LongFunction<String> body, Predicate<String> answered,
			int clients, Duration duration) {
		ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
		AtomicLong errors = new AtomicLong();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		Flux.range(0, clients).flatMap(worker -> {
			AtomicLong sent = new AtomicLong(worker);
			return Mono.defer(() -> {
				long begin = System.nanoTime();
				return client.headers(headers -> headers.set("Content-Type", "application/json"))
					.post()
					.uri(url)
					.send(ByteBufFlux.fromString(Mono.just(body.apply(sent.getAndIncrement()))))
					.responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(answer -> {
						if (response.status().code() != 200 || !answered.test(answer)) {
							errors.incrementAndGet();
						}
						return System.nanoTime() - begin;
					}));
			}).repeat(() -> System.nanoTime() < end).collectList().doOnNext(latencies -> samples
				.add(latencies.stream().mapToLong(Long::longValue).toArray()));
		}, clients).blockLast(duration.plusSeconds(120));
		long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		return new LoadRun(all, (System.nanoTime() - start) / 1e9, errors.get());
	}

	/** {@code perSecond} POSTs a second, at most {@code maxInFlight} unanswered (more are counted as errors). */
	public static LoadRun postAtRate(HttpClient client, String url, LongFunction<String> body,
			Predicate<String> answered, int perSecond, int maxInFlight, Duration duration) {
		ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
		AtomicLong errors = new AtomicLong();
		AtomicLong inFlight = new AtomicLong();
		long start = System.nanoTime();
		Flux.interval(Duration.ofNanos(1_000_000_000L / perSecond))
			.take(duration.toMillis() * perSecond / 1000)
			.onBackpressureDrop(tick -> errors.incrementAndGet())
			.flatMap(n -> {
				if (inFlight.incrementAndGet() > maxInFlight) {
					inFlight.decrementAndGet();
					errors.incrementAndGet();
					return Mono.empty();
				}
				long begin = System.nanoTime();
				return client.headers(headers -> headers.set("Content-Type", "application/json"))
					.post()
					.uri(url)
					.send(ByteBufFlux.fromString(Mono.just(body.apply(n))))
					.responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(answer -> {
						if (response.status().code() != 200 || !answered.test(answer)) {
							errors.incrementAndGet();
						}
						return System.nanoTime() - begin;
					}))
					.doOnNext(samples::add)
					.onErrorResume(failed -> {
						errors.incrementAndGet();
						return Mono.empty();
					})
					.doFinally(signal -> inFlight.decrementAndGet());
			}, Integer.MAX_VALUE)
			.blockLast(duration.plusSeconds(120));
		long[] all = samples.stream().mapToLong(Long::longValue).sorted().toArray();
		return new LoadRun(all, (System.nanoTime() - start) / 1e9, errors.get());
	}

	public int requests() {
		return sortedNanos.length;
	}

	public double perSecond() {
		return sortedNanos.length / seconds;
	}

	public double percentileMillis(double p) {
		if (sortedNanos.length == 0) {
			return Double.NaN;
		}
		return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
	}
}
