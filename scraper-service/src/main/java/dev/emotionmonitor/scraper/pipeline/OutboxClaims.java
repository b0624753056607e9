package dev.emotionmonitor.scraper.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.ChatMessage;
import dev.emotionmonitor.scraper.pipeline.ObservationMapper.Scored;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The outbox's side of the store: claims due messages for one round (a lease, so two workers never take the same
 * message) and records what became of each. Writes per round, not per message: one update claims the round's
 * messages, one bulk write stores the scores of each classified group, one bulk write settles the round.
 */
@Component
class OutboxClaims {

	private final ReactiveMongoTemplate mongo;

	/** A claimed message is not due again before this, should its worker die in the middle of the round. */
	private final Duration lease;

	OutboxClaims(ReactiveMongoTemplate mongo, ScraperProperties properties) {
		this.mongo = mongo;
		this.lease = properties.pipeline().timeout().multipliedBy(3);
	}

	/** Claims at most {@code limit} due messages, longest waiting first. */
	List<ChatMessage> claim(int limit) {
		Instant now = Instant.now();
		Query due = new Query(where("delivery").in(ChatMessage.WAITING).and("outbox.nextAttemptAt").lte(now));
		Query oldest = Query.of(due).with(Sort.by("outbox.nextAttemptAt")).limit(limit);
		oldest.fields().include("_id");
		List<Object> ids = mongo.find(oldest, org.bson.Document.class, "messages").map(doc -> doc.get("_id"))
			.collectList()
			.block();
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		String claim = UUID.randomUUID().toString();
		mongo.updateMulti(Query.of(due).addCriteria(where("_id").in(ids)),
				new Update().set("outbox.claim", claim).set("outbox.nextAttemptAt", now.plus(lease)), ChatMessage.class)
			.block();
		List<ChatMessage> claimed = mongo.find(new Query(where("outbox.claim").is(claim)), ChatMessage.class)
			.collectList()
			.block();
		return claimed == null ? List.of() : claimed;
	}

	/** Stores the scores of a classified group, each only on the revision that was classified. */
	void scored(List<Scored> group) {
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, ChatMessage.class);
		for (Scored scored : group) {
			bulk.updateOne(
					new Query(where("_id").is(scored.message().id()).and("revision").is(scored.message().revision())),
					new Update().set("classification", scored.classification())
						.set("sections", scored.sections())
						.set("delivery", ChatMessage.CLASSIFIED));
		}
		bulk.execute().block();
	}

	/**
	 * Settles a round in one write: each outcome applies only while the message still holds this round's claim (an
	 * edit or a deletion in between queued it afresh, and the fresh entry wins).
	 */
	void settle(List<Outcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, ChatMessage.class);
		for (Outcome outcome : outcomes) {
			ChatMessage.Outbox outbox = outcome.message().outbox();
			Update update = new Update().set("outbox.attempts", outcome.attempts())
				.set("outbox.nextAttemptAt", outcome.nextAttemptAt())
				.set("outbox.lastError", outcome.lastError())
				.set("outbox.claim", null);
			if (outcome.delivery() != null) {
				update.set("delivery", outcome.delivery());
			}
			if (outcome.withdrawn()) {
				update.set("outbox.withdraw", false);
			}
			bulk.updateOne(new Query(where("_id").is(outcome.message().id()).and("outbox.claim").is(outbox.claim())),
					update);
		}
		bulk.execute().block();
	}

	/**
	 * What became of one claimed message in a round.
	 *
	 * @param delivery      its new delivery state, or null to leave it
	 * @param withdrawn     its earlier observations were withdrawn
	 * @param attempts      failed attempts so far
	 * @param nextAttemptAt when it is due again (only matters while it still waits)
	 * @param lastError     why the last attempt failed, or null
	 */
	record Outcome(ChatMessage message, String delivery, boolean withdrawn, int attempts, Instant nextAttemptAt,
			String lastError) {
	}
}
