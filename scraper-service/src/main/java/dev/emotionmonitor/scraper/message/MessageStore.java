package dev.emotionmonitor.scraper.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.emotionmonitor.scraper.pipeline.OutboxItem;
import dev.emotionmonitor.scraper.reflection.ReflectionParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Stores messages exactly once: a known message with the same content is a duplicate, one whose content changed is
 * updated in place under a new revision and queued again. Outbox items are written before the messages they belong
 * to, so a crash in between leaves at most an orphan item (which the pipeline drops), never an unqueued message.
 */
@Component
public class MessageStore {

	private final ReactiveMongoTemplate mongo;

	private final ReflectionParser parser;

	MessageStore(ReactiveMongoTemplate mongo, ReflectionParser parser) {
		this.mongo = mongo;
		this.parser = parser;
	}

	public Mono<StoreResult> store(Origin origin, String runId, List<ScrapedMessage> batch) {
		if (batch.isEmpty()) {
			return Mono.just(StoreResult.EMPTY);
		}
		Map<String, ScrapedMessage> byKey = new LinkedHashMap<>();
		batch.forEach(message -> byKey.put(ChatMessage.key(origin.site(), message.messageId()), message));
		Query known = new Query(where("_id").in(byKey.keySet()));
		return mongo.find(known, ChatMessage.class)
			.collectMap(ChatMessage::id)
			.flatMap(existing -> write(origin, runId, byKey, existing));
	}

	private Mono<StoreResult> write(Origin origin, String runId, Map<String, ScrapedMessage> byKey,
			Map<String, ChatMessage> existing) {
		Instant now = Instant.now();
		List<ChatMessage> added = new ArrayList<>();
		List<ChatMessage> edited = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		List<OutboxItem> queue = new ArrayList<>();
		Map<String, Instant> editTimeOnly = new LinkedHashMap<>();
		byKey.forEach((key, scraped) -> {
			ChatMessage before = existing.get(key);
			if (before == null) {
				ChatMessage message = toMessage(origin, runId, key, scraped, 1, runId, now);
				added.add(message);
				if (ChatMessage.PENDING.equals(message.delivery())) {
					queue.add(OutboxItem.queue(key, 1, origin.sourceId(), runId, now));
				}
			}
			else if (!Objects.equals(before.content(), scraped.content())) {
				ChatMessage message = toMessage(origin, runId, key, scraped, before.revision() + 1, null, now);
				edited.add(message);
				if (ChatMessage.PENDING.equals(message.delivery())) {
					queue.add(OutboxItem.queue(key, message.revision(), origin.sourceId(), runId, now));
				}
			}
			else {
				unchanged.add(key);
				if (scraped.editedAt() != null && !scraped.editedAt().equals(before.editedAt())) {
					editTimeOnly.put(key, scraped.editedAt());
				}
			}
		});
		return insertIgnoringDuplicates(queue, OutboxItem.class)
			.then(insertIgnoringDuplicates(added, ChatMessage.class))
			.flatMap(addedCount -> Flux.fromIterable(edited)
				.concatMap(message -> mongo.updateFirst(
						new Query(where("_id").is(message.id()).and("revision").is(message.revision() - 1)),
						editUpdate(message), ChatMessage.class))
				.then(touch(unchanged, runId))
				.then(Flux.fromIterable(editTimeOnly.entrySet())
					.concatMap(entry -> mongo.updateFirst(new Query(where("_id").is(entry.getKey())),
							new Update().set("editedAt", entry.getValue()), ChatMessage.class))
					.then())
				.thenReturn(new StoreResult(addedCount, edited.size(),
						unchanged.size() + (added.size() - addedCount))));
	}

	private ChatMessage toMessage(Origin origin, String runId, String key, ScrapedMessage scraped, int revision,
			String firstSeenRun, Instant now) {
		ReflectionParser.Parsed parsed = parser.parse(scraped.content(), origin.template());
		List<ChatMessage.Section> sections = parsed.sections()
			.stream()
			.map(section -> new ChatMessage.Section(section.key(), section.title(), section.text(), null, null))
			.toList();
		return new ChatMessage(key, origin.site(), origin.sourceId(), scraped.guildId(), scraped.guildName(),
				scraped.channelId(), scraped.channelName(), scraped.messageId(), scraped.authorId(),
				scraped.authorName(), scraped.authorDisplayName(), scraped.authorBot(), scraped.timestamp(),
				scraped.editedAt(), scraped.content(), scraped.kind(), scraped.replyTo(), revision, parsed.template(),
				sections, null, scraped.classifiable() ? ChatMessage.PENDING : ChatMessage.SKIPPED, firstSeenRun, runId,
				now);
	}

	private static Update editUpdate(ChatMessage message) {
		return new Update().set("content", message.content())
			.set("editedAt", message.editedAt())
			.set("revision", message.revision())
			.set("template", message.template())
			.set("sections", message.sections())
			.unset("classification")
			.set("delivery", message.delivery())
			.set("lastSeenRun", message.lastSeenRun())
			.set("updatedAt", message.updatedAt());
	}

	private Mono<Void> touch(List<String> keys, String runId) {
		if (keys.isEmpty()) {
			return Mono.empty();
		}
		return mongo.updateMulti(new Query(where("_id").in(keys)), new Update().set("lastSeenRun", runId),
				ChatMessage.class).then();
	}

	/** Inserts all it can and answers how many went in; ids already present were written by an earlier attempt. */
	private <T> Mono<Integer> insertIgnoringDuplicates(List<T> documents, Class<T> type) {
		if (documents.isEmpty()) {
			return Mono.just(0);
		}
		return mongo.bulkOps(BulkMode.UNORDERED, type)
			.insert(documents)
			.execute()
			.map(result -> result.getInsertedCount())
			.onErrorResume(MessageStore::isDuplicateKey, error -> Mono.just(insertedDespite(error, documents.size())));
	}

	private static boolean isDuplicateKey(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof DuplicateKeyException
					|| (cause.getMessage() != null && cause.getMessage().contains("E11000"))) {
				return true;
			}
		}
		return false;
	}

	private static int insertedDespite(Throwable error, int attempted) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof com.mongodb.MongoBulkWriteException bulk) {
				return bulk.getWriteResult().getInsertedCount();
			}
			if (cause instanceof org.springframework.data.mongodb.BulkOperationException bulk) {
				return bulk.getResult().getInsertedCount();
			}
		}
		return attempted - 1;
	}
}
