package dev.emotionmonitor.scraper.pipeline;

import java.util.List;

import dev.emotionmonitor.scraper.message.ChatMessage;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** How many messages of a source or run still wait in the outbox, and how many failed there. */
@Component
public class OutboxCounts {

	private static final List<String> WAITING = List.of(OutboxItem.PENDING, OutboxItem.CLASSIFIED);

	private final ReactiveMongoTemplate mongo;

	OutboxCounts(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<Counts> forSource(String sourceId) {
		return Mono.zip(mongo.count(new Query(where("sourceId").is(sourceId)), ChatMessage.class),
				count("sourceId", sourceId, WAITING), count("sourceId", sourceId, List.of(OutboxItem.FAILED)))
			.map(t -> new Counts(t.getT1(), t.getT2(), t.getT3()));
	}

	public Mono<Counts> forRun(String runId) {
		return Mono.zip(count("runId", runId, WAITING), count("runId", runId, List.of(OutboxItem.FAILED)))
			.map(t -> new Counts(0, t.getT1(), t.getT2()));
	}

	private Mono<Long> count(String field, String value, List<String> states) {
		return mongo.count(new Query(where(field).is(value).and("state").in(states)), OutboxItem.class);
	}

	/** Messages stored, outbox items waiting (to classify or to deliver), outbox items failed. */
	public record Counts(long messages, long pending, long failed) {
	}
}
