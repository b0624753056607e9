package dev.emotionmonitor.gateway.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

/**
 * The gateway's own figures: authentications by credential kind and outcome, rate-limit rejections by role and route,
 * and latency per route (route names come from the route table, so the tag sets stay small). Meters are looked up once
 * and kept, so the proxy path pays a map lookup and a histogram increment per request.
 */
@Component
public class GatewayMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	GatewayMetrics(MeterRegistry registry) {
		this.registry = registry;
		Counter.builder("emotion.gateway.rate.limited").description("Requests refused with 429").register(registry);
	}

	/** {@code kind} bearer, query_token or session; a failure is an unknown, revoked or expired credential. */
	public void authenticated(String kind, boolean success) {
		String outcome = success ? "success" : "failure";
		this.counters.computeIfAbsent("a|" + kind + "|" + outcome, key -> Counter.builder("emotion.gateway.authentications")
			.description("Credentials checked, by kind and outcome")
			.tag("kind", kind.toLowerCase(Locale.ROOT))
			.tag("outcome", outcome)
			.register(this.registry)).increment();
	}

	public void rateLimited(String role, String route) {
		this.counters.computeIfAbsent("r|" + role + "|" + route, key -> Counter.builder("emotion.gateway.rate.limited")
			.description("Requests refused with 429")
			.tag("role", role)
			.tag("route", route)
			.register(this.registry)).increment();
	}

	public void routed(String route, HttpStatusCode status, long nanos) {
		String series = status == null ? "unknown" : (status.value() / 100) + "xx";
		this.timers.computeIfAbsent(route + "|" + series, key -> Timer.builder("emotion.gateway.route.latency")
			.description("Time from the gateway's filters to the answer, per route and status class")
			.tag("route", route)
			.tag("status", series)
			.publishPercentileHistogram()
			.register(this.registry)).record(nanos, TimeUnit.NANOSECONDS);
	}
}
