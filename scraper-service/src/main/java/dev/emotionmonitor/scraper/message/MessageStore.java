package dev.emotionmonitor.scraper.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.emotionmonitor.scraper.metrics.ScraperMetrics;
import dev.emotionmonitor.scraper.reflection.ReflectionParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * updated in place under a new revision and queued again. A message is its own outbox entry ({@link ChatMessage#outbox()}):
 * storing it queues it in the same write, so there is nothing to keep in step.
 * Storing a batch is two steps, {@link #known} then {@link #write}, so that parsing runs between them on the caller's
 * thread rather than inside the reactive chain.
 */
@Component
public class MessageStore {

	private static final Logger log = LoggerFactory.getLogger(MessageStore.class);

	private final ReactiveMongoTemplate mongo;

	private final ReflectionParser parser;

	private final ScraperMetrics metrics;

	MessageStore(ReactiveMongoTemplate mongo, ReflectionParser parser, ScraperMetrics metrics) {
		this.mongo = mongo;
		this.parser = parser;
		this.metrics = metrics;
	}

	/** The first step of storing a batch: which of its messages are already stored, by key. */
	public Mono<Map<String, ChatMessage>> known(Origin origin, List<ScrapedMessage> batch) {
		if (batch.isEmpty()) {
			return Mono.just(Map.of());
		}
		Query known = new Query(where("_id").in(keyed(origin, batch).keySet()));
		return mongo.find(known, ChatMessage.class).collectMap(ChatMessage::id);
	}

	/**
	 * The second step: writes the batch given what {@link #known} found. New and edited messages are parsed into
	 * sections here, on the caller's thread, before the returned Mono exists: inside a Reactor operator a
	 * StackOverflowError counts as JVM-fatal and is dropped, and the Mono would never complete. A message the parser
	 * fails on is stored whole (no sections) and counted in {@link StoreResult#parseFailures()}.
	 */
	public Mono<StoreResult> write(Origin origin, String runId, List<ScrapedMessage> batch,
			Map<String, ChatMessage> existing) {
		Instant now = Instant.now();
		List<ChatMessage> added = new ArrayList<>();
		List<ChatMessage> edited = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		Map<String, Instant> editTimeOnly = new LinkedHashMap<>();
		int parseFailures = 0;
		for (Map.Entry<String, ScrapedMessage> entry : keyed(origin, batch).entrySet()) {
			String key = entry.getKey();
			ScrapedMessage scraped = entry.getValue();
			ChatMessage before = existing.get(key);
			// a deleted message is never classified again, whatever a later source brings of it
			if (before != null && (before.deletedAt() != null || Objects.equals(before.content(), scraped.content()))) {
				unchanged.add(key);
				if (scraped.editedAt() != null && !scraped.editedAt().equals(before.editedAt())) {
					editTimeOnly.put(key, scraped.editedAt());
				}
				continue;
			}
			ReflectionParser.Parsed parsed = parse(key, scraped, origin, runId);
			if (parsed == null) {
				parseFailures++;
				parsed = ReflectionParser.Parsed.NONE;
			}
			int revision = before == null ? 1 : before.revision() + 1;
			ChatMessage message = toMessage(origin, runId, key, scraped, parsed, revision,
					before == null ? runId : null, now, before != null && mayHaveObservations(before));
			(before == null ? added : edited).add(message);
		}
		int failed = parseFailures;
		return insertIgnoringDuplicates(added, ChatMessage.class)
			// a message another run inserted in between is still one this run saw
			.flatMap(addedCount -> (addedCount < added.size() ? touch(added.stream().map(ChatMessage::id).toList(), runId)
					: Mono.<Void>empty()).thenReturn(addedCount))
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
						unchanged.size() + (added.size() - addedCount), failed))
				.doOnNext(result -> this.metrics.collected(origin.sourceId(), origin.site(), result.added())));
	}

	private static Map<String, ScrapedMessage> keyed(Origin origin, List<ScrapedMessage> batch) {
		Map<String, ScrapedMessage> byKey = new LinkedHashMap<>();
		batch.forEach(message -> byKey.put(ChatMessage.key(origin.site(), message.messageId()), message));
		return byKey;
	}

	/** The sections, or null when the parser failed: one odd message never fails its run. */
	private ReflectionParser.Parsed parse(String key, ScrapedMessage scraped, Origin origin, String runId) {
		try {
			return parser.parse(scraped.text(), origin.template());
		}
		catch (RuntimeException | StackOverflowError ex) {
			log.warn("Run {}: message {} ({} characters) could not be split into sections and is stored whole: {}",
					runId, key, scraped.text() == null ? 0 : scraped.text().length(), ex.toString());
			return null;
		}
	}

	/** Whether an earlier revision may have observations on the dashboard, which an edit must withdraw first. */
	private static boolean mayHaveObservations(ChatMessage before) {
		return !ChatMessage.SKIPPED.equals(before.delivery()) && !ChatMessage.WITHDRAWN.equals(before.delivery())
				|| before.outbox() != null && before.outbox().withdraw();
	}

	private static ChatMessage toMessage(Origin origin, String runId, String key, ScrapedMessage scraped,
			ReflectionParser.Parsed parsed, int revision, String firstSeenRun, Instant now, boolean withdraw) {
		List<ChatMessage.Section> sections = parsed.sections()
			.stream()
			.map(section -> new ChatMessage.Section(section.key(), section.title(), section.text(), null, null))
			.toList();
		return new ChatMessage(key, origin.site(), origin.sourceId(), scraped.guildId(), scraped.guildName(),
				scraped.channelId(), scraped.channelName(), scraped.parentChannelId(), scraped.parentChannelName(),
				scraped.messageId(), scraped.authorId(), scraped.authorName(), scraped.authorDisplayName(),
				scraped.authorBot(), scraped.timestamp(), scraped.editedAt(), scraped.content(), scraped.text(),
				scraped.kind(), scraped.replyTo(), revision, parsed.template(),
				sections, null, delivery(scraped.classifiable(), withdraw), firstSeenRun, runId, now,
				scraped.classifiable() || withdraw ? ChatMessage.Outbox.queue(runId, now, withdraw) : null, null);
	}

	/** A new revision is classified, or it only withdraws what an earlier one sent, or it is kept as it is. */
	private static String delivery(boolean classifiable, boolean withdraw) {
		return classifiable ? ChatMessage.PENDING : withdraw ? ChatMessage.WITHDRAWING : ChatMessage.SKIPPED;
	}

	/**
	 * Marks deleted the stored messages of a channel, sent between {@code from} and {@code to} (both inclusive), that
	 * run {@code runId} did not see although it read that whole range: they are kept, never classified again, and
	 * queued to withdraw their observations. Answers how many.
	 */
	public Mono<Long> markMissing(Origin origin, String runId, String channelId, Instant from, Instant to) {
		Instant now = Instant.now();
		Query missing = new Query(where("site").is(origin.site())
			.and("channelId").is(channelId)
			.and("timestamp").gte(from).lte(to)
			.and("lastSeenRun").ne(runId)
			.and("deletedAt").exists(false));
		return mongo
			.updateMulti(missing, new Update().set("deletedAt", now)
				.set("delivery", ChatMessage.WITHDRAWING)
				.set("outbox", ChatMessage.Outbox.queue(runId, now, true))
				.set("updatedAt", now), ChatMessage.class)
			.map(result -> result.getModifiedCount())
			.doOnNext(count -> {
				if (count > 0) {
					log.info("Run {}: {} messages of channel {} are gone from it and are marked deleted", runId, count,
							channelId);
				}
			});
	}

	private static Update editUpdate(ChatMessage message) {
		return new Update().set("content", message.content())
			.set("text", message.text())
			.set("editedAt", message.editedAt())
			.set("revision", message.revision())
			.set("template", message.template())
			.set("sections", message.sections())
			.unset("classification")
			.set("delivery", message.delivery())
			.set("outbox", message.outbox())
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
