package dev.emotionmonitor.gateway.member;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A key's last-used time, kept in memory on each request and written every few seconds: one store write per key and
 * interval instead of one per request.
 */
@Component
class LastUsedRecorder implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LastUsedRecorder.class);

	private final ReactiveMongoTemplate mongo;

	private final Map<String, Instant> pending = new ConcurrentHashMap<>();

	private final Disposable flushing;

	LastUsedRecorder(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
		this.flushing = Flux.interval(Duration.ofSeconds(5)).concatMap(tick -> flush().onErrorResume(ex -> {
			log.warn("Could not record keys' last-used times ({}); will retry", ex.toString());
			return Mono.empty();
		})).subscribe();
	}

	void record(String keyId) {
		pending.put(keyId, Instant.now());
	}

	/** The key as stored, with a last use that is not written yet. */
	ApiKey withPending(ApiKey key) {
		Instant recent = pending.get(key.id());
		if (recent == null || (key.lastUsedAt() != null && key.lastUsedAt().isAfter(recent))) {
			return key;
		}
		return new ApiKey(key.id(), key.memberId(), key.kind(), key.name(), key.hash(), key.prefix(), key.createdAt(),
				recent, key.revokedAt(), key.scope());
	}

	Mono<Void> flush() {
		return Flux.fromIterable(Map.copyOf(pending).entrySet())
			.concatMap(entry -> mongo
				.updateFirst(Query.query(Criteria.where("id").is(entry.getKey())),
						Update.update("lastUsedAt", entry.getValue()), ApiKey.class)
				.doOnSuccess(done -> pending.remove(entry.getKey(), entry.getValue())))
			.then();
	}

	@Override
	public void destroy() {
		flushing.dispose();
		try {
			flush().block(Duration.ofSeconds(2));
		}
		catch (RuntimeException ex) {
			log.warn("Last-used times not written at shutdown: {}", ex.toString());
		}
	}
}
