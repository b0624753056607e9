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

	private final ReactiveMongoTemplate mongo;

	OutboxCounts(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<Counts> forSource(String sourceId) {
		return Mono.zip(mongo.count(new Query(where("sourceId").is(sourceId)), ChatMessage.class),
				count("sourceId", sourceId, ChatMessage.WAITING), count("sourceId", sourceId, List.of(ChatMessage.FAILED)))
			.map(t -> new Counts(t.getT1(), t.getT2(), t.getT3()));
	}

	/** The messages whose current revision (or deletion) this run queued. */
	public Mono<Counts> forRun(String runId) {
		return Mono.zip(count("outbox.run", runId, ChatMessage.WAITING),
				count("outbox.run", runId, List.of(ChatMessage.FAILED)))
			.map(t -> new Counts(0, t.getT1(), t.getT2()));
	}

	private Mono<Long> count(String field, String value, List<String> states) {
		return mongo.count(new Query(where(field).is(value).and("delivery").in(states)), ChatMessage.class);
	}

	/** Messages stored, messages waiting (to classify, to deliver or to withdraw), messages failed. */
	public record Counts(long messages, long pending, long failed) {
	}
}
