package dev.emotionmonitor.scraper.pipeline;

import java.time.Instant;
import java.util.Map;

import dev.emotionmonitor.scraper.message.ChatMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Moves a store written by an earlier version onto the message-as-outbox: the state of each item of the old
 * {@code outbox} collection (for the message's current revision) moves onto its message, then the collection is
 * dropped; a waiting message without an outbox entry gets one. Runs at start, before the worker's first round, and
 * is idempotent: after a crash half-way it simply runs again.
 */
@Component
class LegacyOutboxMigration {

	private static final Logger log = LoggerFactory.getLogger(LegacyOutboxMigration.class);

	static final String LEGACY = "outbox";

	/** The old item states and the message delivery each one means. */
	private static final Map<String, String> DELIVERY = Map.of("pending", ChatMessage.PENDING, "classified",
			ChatMessage.CLASSIFIED, "done", ChatMessage.DELIVERED, "failed", ChatMessage.FAILED);

	private static final int BATCH = 1000;

	private final ReactiveMongoTemplate mongo;

	LegacyOutboxMigration(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
		migrate();
	}

	/** Answers how many items moved onto their messages. */
	long migrate() {
		long moved = 0;
		if (Boolean.TRUE.equals(mongo.collectionExists(LEGACY).block())) {
			var items = mongo.find(new Query(where("state").in(DELIVERY.keySet())), Document.class, LEGACY)
				.buffer(BATCH)
				.concatMap(batch -> {
					var bulk = mongo.bulkOps(BulkMode.UNORDERED, ChatMessage.class);
					batch.forEach(item -> bulk.updateOne(
							new Query(where("_id").is(item.getString("messageKey")).and("revision")
								.is(item.getInteger("revision", 0))),
							new Update().set("delivery", DELIVERY.get(item.getString("state")))
								.set("outbox", new ChatMessage.Outbox(item.getString("runId"),
										item.getInteger("attempts", 0), instant(item, "nextAttemptAt"),
										item.getString("lastError"), instant(item, "createdAt"), false, null))));
					return bulk.execute().thenReturn(batch.size());
				})
				.reduce(0L, Long::sum)
				.block();
			moved = items == null ? 0 : items;
			mongo.dropCollection(LEGACY).block();
			log.info("Moved {} outbox items onto their messages and dropped the outbox collection", moved);
		}
		// a message left waiting without an entry (a write cut short by an older version) is due now
		Instant now = Instant.now();
		mongo.updateMulti(new Query(where("delivery").in(ChatMessage.WAITING).and("outbox.nextAttemptAt").exists(false)),
				new Update().set("outbox", ChatMessage.Outbox.queue(null, now, false)), ChatMessage.class)
			.onErrorResume(error -> Mono.empty())
			.block();
		return moved;
	}

	private static Instant instant(Document item, String field) {
		java.util.Date date = item.getDate(field);
		return date == null ? Instant.now() : date.toInstant();
	}
}
