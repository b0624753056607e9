package dev.emotionmonitor.scraper.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.emotionmonitor.scraper.message.ChatMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The outbox as an operator watches it: backlog and the age of its oldest waiting item (refreshed from the store every
 * few seconds, so a scrape never waits on MongoDB), items delivered to the dashboard and failed for good, and messages
 * collected per source.
 */
@Component
public class ScraperMetrics {

	/** The outbox's waiting states (a message is its own outbox entry): to classify, to deliver or to withdraw. */
	private static final List<String> WAITING = ChatMessage.WAITING;

	private final MeterRegistry registry;

	private final ReactiveMongoTemplate mongo;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong oldestAgeSeconds = new AtomicLong();

	private final Counter delivered;

	private final Counter failed;

	ScraperMetrics(MeterRegistry registry, ReactiveMongoTemplate mongo) {
		this.registry = registry;
		this.mongo = mongo;
		Gauge.builder("emotion.scraper.outbox.pending", this.pending, AtomicLong::get)
			.description("Outbox items waiting to be classified or delivered")
			.register(registry);
		Gauge.builder("emotion.scraper.outbox.oldest.age", this.oldestAgeSeconds, AtomicLong::get)
			.description("Age of the oldest waiting outbox item (0 when none waits)")
			.baseUnit("seconds")
			.register(registry);
		this.delivered = Counter.builder("emotion.scraper.outbox.delivered")
			.description("Messages whose observations reached the dashboard")
			.register(registry);
		this.failed = Counter.builder("emotion.scraper.outbox.failed")
			.description("Messages a service refused after every attempt")
			.register(registry);
	}

	/** Scheduled (Spring subscribes to the returned Mono); a failed refresh keeps the last figures. */
	@Scheduled(initialDelay = 0, fixedDelayString = "${emotion.scraper.metrics-refresh:5s}")
	public Mono<Void> refresh() {
		Query waiting = new Query(where("delivery").in(WAITING));
		Mono<Long> count = this.mongo.count(waiting, ChatMessage.class);
		Mono<Long> age = this.mongo
			.findOne(Query.of(waiting).with(Sort.by("outbox.queuedAt")).limit(1), ChatMessage.class)
			.filter(oldest -> oldest.outbox() != null && oldest.outbox().queuedAt() != null)
			.map(oldest -> Duration.between(oldest.outbox().queuedAt(), Instant.now()).toSeconds())
			.defaultIfEmpty(0L);
		return Mono.zip(count, age).timeout(Duration.ofSeconds(5)).doOnNext(figures -> {
			this.pending.set(figures.getT1());
			this.oldestAgeSeconds.set(Math.max(0, figures.getT2()));
		}).onErrorResume(error -> Mono.empty()).then();
	}

	public void delivered(int messages) {
		this.delivered.increment(messages);
	}

	public void failed() {
		this.failed.increment();
	}

	/** New messages stored from a source by a run or an import. */
	public void collected(String sourceId, String site, int messages) {
		Counter.builder("emotion.scraper.messages.collected")
			.description("New messages stored, per source")
			.tag("source", String.valueOf(sourceId))
			.tag("site", String.valueOf(site))
			.register(this.registry)
			.increment(messages);
	}
}
