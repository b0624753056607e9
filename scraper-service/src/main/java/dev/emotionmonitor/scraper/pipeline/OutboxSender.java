package dev.emotionmonitor.scraper.pipeline;

import java.util.List;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Observation;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Prediction;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Withdrawal;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;

import org.springframework.stereotype.Component;

/**
 * Sends the outbox's calls (classify, withdraw, observe) through one circuit breaker: a call that fails because a
 * service is down, busy or failing (5xx, 408, 429, no answer) opens it, and while it is open the whole outbox waits —
 * {@code initial-backoff}, doubling (with up to 20% jitter) up to {@code max-backoff} while the trial call after each
 * wait fails too — so the services are not hammered. A refused input (another 4xx) is the message's problem, not the
 * service's: it leaves the breaker as it is.
 */
@Component
class OutboxSender {

	private final GatewayClient gateway;

	private final CircuitBreaker breaker;

	OutboxSender(GatewayClient gateway, ScraperProperties properties) {
		this.gateway = gateway;
		ScraperProperties.Pipeline settings = properties.pipeline();
		this.breaker = CircuitBreaker.of("outbox", CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(1)
			.minimumNumberOfCalls(1)
			.failureRateThreshold(100)
			.permittedNumberOfCallsInHalfOpenState(1)
			.waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0,
					0.2, settings.maxBackoff()))
			.ignoreException(error -> !GatewayClient.transientFailure(error))
			.writableStackTraceEnabled(false)
			.build());
	}

	/** False while the breaker is open: nothing should be sent now. Takes no permission away from the next call. */
	boolean available() {
		if (breaker.tryAcquirePermission()) {
			breaker.releasePermission();
			return true;
		}
		return false;
	}

	List<Prediction> classify(List<String> texts) {
		return breaker.executeSupplier(() -> gateway.classify(texts));
	}

	void withdraw(List<Withdrawal> messages) {
		breaker.executeRunnable(() -> gateway.withdraw(messages));
	}

	void observe(List<Observation> observations) {
		breaker.executeRunnable(() -> gateway.observe(observations));
	}

	CircuitBreaker.State state() {
		return breaker.getState();
	}
}
