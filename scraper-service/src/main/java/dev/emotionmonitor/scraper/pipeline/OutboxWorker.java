package dev.emotionmonitor.scraper.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.ChatMessage;
import dev.emotionmonitor.scraper.message.Emotions;
import dev.emotionmonitor.scraper.metrics.ScraperMetrics;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Observation;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Prediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Drains the outbox: classifies due items in batches (whole message and each section), stores the scores on the
 * message, then sends the observations to the dashboard. Each step records its result before the next begins, so
 * after a restart an item resumes where it stopped: a message already classified for its revision is not sent to the
 * classifier again, and the dashboard ignores an observation it already has. A failing service makes the items wait
 * with exponential backoff; an input it refuses (4xx) fails the item after {@code max-attempts}.
 */
@Component
class OutboxWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	/** An item whose message has not appeared after this long was left by a write that never completed. */
	private static final Duration ORPHAN_GRACE = Duration.ofMinutes(2);

	private final ReactiveMongoTemplate mongo;

	private final GatewayClient gateway;

	private final ScraperProperties.Pipeline settings;

	private final ScraperMetrics metrics;

	private final AtomicBoolean draining = new AtomicBoolean();

	/** While a service is down, the whole outbox waits (not just the items tried), so it is not hammered. */
	private volatile Instant pausedUntil = Instant.MIN;

	private int consecutiveFailures;

	OutboxWorker(ReactiveMongoTemplate mongo, GatewayClient gateway, ScraperProperties properties,
			ScraperMetrics metrics) {
		this.mongo = mongo;
		this.gateway = gateway;
		this.settings = properties.pipeline();
		this.metrics = metrics;
	}

	@Scheduled(initialDelayString = "${emotion.scraper.pipeline.poll-interval:1s}",
			fixedDelayString = "${emotion.scraper.pipeline.poll-interval:1s}")
	void tick() {
		if (!settings.enabled() || Instant.now().isBefore(pausedUntil) || !draining.compareAndSet(false, true)) {
			return;
		}
		try {
			while (drainOnce() && !Instant.now().isBefore(pausedUntil)) {
				// keep going while due items remain and the services answer
			}
		}
		catch (RuntimeException ex) {
			log.warn("Outbox round failed, retrying next tick: {}", ex.toString());
		}
		finally {
			draining.set(false);
		}
	}

	/** One round over at most {@code batch-size} due items; false when none was due. */
	boolean drainOnce() {
		Instant now = Instant.now();
		List<OutboxItem> due = mongo
			.find(new Query(where("state").in(OutboxItem.PENDING, OutboxItem.CLASSIFIED).and("nextAttemptAt").lte(now))
				.with(Sort.by("nextAttemptAt"))
				.limit(settings.batchSize()), OutboxItem.class)
			.collectList()
			.block();
		if (due == null || due.isEmpty()) {
			return false;
		}
		Map<String, ChatMessage> messages = mongo
			.find(new Query(where("_id").in(due.stream().map(OutboxItem::messageKey).toList())), ChatMessage.class)
			.collectMap(ChatMessage::id)
			.block();
		List<Work> toClassify = new ArrayList<>();
		List<Work> toDeliver = new ArrayList<>();
		for (OutboxItem item : due) {
			ChatMessage message = messages.get(item.messageKey());
			if (message == null || message.revision() < item.revision()) {
				if (item.createdAt().isBefore(now.minus(ORPHAN_GRACE))) {
					setState(item, OutboxItem.SUPERSEDED, "its message was never stored");
				}
				else {
					postpone(item, settings.initialBackoff(), "waiting for its message to be stored", false);
				}
			}
			else if (message.revision() > item.revision()) {
				setState(item, OutboxItem.SUPERSEDED, "an edit replaced this revision");
			}
			else if (message.classification() != null && message.classification().revision() == item.revision()) {
				toDeliver.add(new Work(item, message));
			}
			else {
				toClassify.add(new Work(item, message));
			}
		}
		for (List<Work> group : groups(toClassify)) {
			if (Instant.now().isBefore(pausedUntil)) {
				break;
			}
			toDeliver.addAll(classify(group));
		}
		if (!toDeliver.isEmpty()) {
			deliver(toDeliver);
		}
		return true;
	}

	/** Groups whose texts (whole message plus sections) fit one classifier call. */
	private List<List<Work>> groups(List<Work> work) {
		List<List<Work>> groups = new ArrayList<>();
		List<Work> current = new ArrayList<>();
		int texts = 0;
		for (Work item : work) {
			int size = texts(item.message()).size();
			if (!current.isEmpty() && texts + size > settings.classifyBatch()) {
				groups.add(current);
				current = new ArrayList<>();
				texts = 0;
			}
			current.add(item);
			texts += size;
		}
		if (!current.isEmpty()) {
			groups.add(current);
		}
		return groups;
	}

	/** The whole message first, then each section. */
	private static List<String> texts(ChatMessage message) {
		List<String> texts = new ArrayList<>();
		texts.add(message.content());
		if (message.sections() != null) {
			message.sections().forEach(section -> texts.add(section.text()));
		}
		return texts;
	}

	private List<Work> classify(List<Work> group) {
		List<String> texts = new ArrayList<>();
		group.forEach(work -> texts.addAll(texts(work.message())));
		List<Prediction> predictions;
		try {
			predictions = gateway.classify(texts);
			consecutiveFailures = 0;
		}
		catch (RuntimeException ex) {
			fail(group, ex);
			return List.of();
		}
		List<Work> classified = new ArrayList<>();
		Instant now = Instant.now();
		int next = 0;
		for (Work work : group) {
			ChatMessage message = work.message();
			Prediction whole = predictions.get(next++);
			List<ChatMessage.Section> sections = new ArrayList<>();
			if (message.sections() != null) {
				for (ChatMessage.Section section : message.sections()) {
					Prediction prediction = predictions.get(next++);
					sections.add(new ChatMessage.Section(section.key(), section.title(), section.text(),
							prediction.label(), prediction.scores()));
				}
			}
			ChatMessage.Classification classification = new ChatMessage.Classification(work.item().revision(),
					whole.label(), whole.scores(), whole.modelVersion(), now);
			// only the revision that was classified gets the scores; an edit in between leaves them off
			long updated = mongo
				.updateFirst(new Query(where("_id").is(message.id()).and("revision").is(work.item().revision())),
						new Update().set("classification", classification)
							.set("sections", sections)
							.set("delivery", ChatMessage.CLASSIFIED),
						ChatMessage.class)
				.block()
				.getModifiedCount();
			if (updated == 0) {
				setState(work.item(), OutboxItem.SUPERSEDED, "an edit replaced this revision");
				continue;
			}
			setState(work.item(), OutboxItem.CLASSIFIED, null);
			ChatMessage stored = new ChatMessage(message.id(), message.site(), message.sourceId(), message.guildId(),
					message.guildName(), message.channelId(), message.channelName(), message.messageId(),
					message.authorId(), message.authorName(), message.authorDisplayName(), message.authorBot(),
					message.timestamp(), message.editedAt(), message.content(), message.kind(), message.replyTo(),
					message.revision(), message.template(), sections, classification, ChatMessage.CLASSIFIED,
					message.firstSeenRun(), message.lastSeenRun(), message.updatedAt());
			classified.add(new Work(work.item(), stored));
		}
		return classified;
	}

	private void deliver(List<Work> work) {
		List<Observation> observations = new ArrayList<>();
		work.forEach(w -> observations.addAll(observations(w.message())));
		try {
			gateway.observe(observations);
			consecutiveFailures = 0;
		}
		catch (RuntimeException ex) {
			fail(work, ex);
			return;
		}
		for (Work w : work) {
			setState(w.item(), OutboxItem.DONE, null);
			mongo
				.updateFirst(new Query(where("_id").is(w.message().id()).and("revision").is(w.item().revision())),
						new Update().set("delivery", ChatMessage.DELIVERED), ChatMessage.class)
				.block();
		}
		metrics.delivered(work.size());
	}

	static List<Observation> observations(ChatMessage message) {
		ChatMessage.Classification whole = message.classification();
		String member = message.site() + ":" + (message.authorId() != null ? message.authorId() : message.authorName());
		String name = message.authorDisplayName() != null ? message.authorDisplayName() : message.authorName();
		String channel = message.channelName() != null ? message.channelName() : message.channelId();
		// the dashboard keys channels by this id, so a rename keeps the history and equal names in two guilds stay apart
		String channelId = message.site() + ":" + (message.channelId() != null ? message.channelId() : channel);
		String guild = message.guildName() != null ? message.guildName() : message.guildId();
		List<Observation> observations = new ArrayList<>();
		observations.add(new Observation(message.site(), message.messageId(), "whole", member, name, channelId, channel,
				guild, message.timestamp(), ordered(whole.scores()), whole.label(), whole.modelVersion()));
		for (ChatMessage.Section section : message.sections()) {
			observations.add(new Observation(message.site(), message.messageId(), section.key(), member, name,
					channelId, channel, guild, message.timestamp(), ordered(section.scores()), section.label(),
					whole.modelVersion()));
		}
		return observations;
	}

	private static Map<String, Double> ordered(Map<String, Double> scores) {
		return scores == null ? null : new LinkedHashMap<>(Emotions.ordered(scores));
	}

	private void fail(List<Work> work, RuntimeException error) {
		boolean retryable = GatewayClient.transientFailure(error);
		String detail = GatewayClient.describe(error);
		log.info("Outbox: {} items wait ({}): {}", work.size(), retryable ? "will retry" : "refused", detail);
		Duration asked = GatewayClient.retryAfter(error);
		if (retryable) {
			Duration pause = backoff(++consecutiveFailures);
			pausedUntil = Instant.now().plus(asked.compareTo(pause) > 0 ? asked : pause);
		}
		for (Work w : work) {
			OutboxItem item = w.item();
			int attempts = item.attempts() + 1;
			if (!retryable && attempts >= settings.maxAttempts()) {
				setState(item, OutboxItem.FAILED, detail);
				metrics.failed();
				mongo
					.updateFirst(new Query(where("_id").is(item.messageKey()).and("revision").is(item.revision())),
							new Update().set("delivery", ChatMessage.FAILED), ChatMessage.class)
					.block();
			}
			else {
				Duration backoff = backoff(attempts);
				postpone(item, asked.compareTo(backoff) > 0 ? asked : backoff, detail, true);
			}
		}
	}

	/** initial × 2^(attempts−1), capped, with up to 20% jitter so waiting items do not return all at once. */
	private Duration backoff(int attempts) {
		long initial = settings.initialBackoff().toMillis();
		long capped = Math.min(settings.maxBackoff().toMillis(), initial << Math.min(20, Math.max(0, attempts - 1)));
		return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
	}

	private void postpone(OutboxItem item, Duration delay, String reason, boolean countAttempt) {
		Instant now = Instant.now();
		mongo
			.updateFirst(new Query(where("_id").is(item.id())),
					new Update().set("nextAttemptAt", now.plus(delay))
						.set("attempts", item.attempts() + (countAttempt ? 1 : 0))
						.set("lastError", reason)
						.set("updatedAt", now),
					OutboxItem.class)
			.block();
	}

	private void setState(OutboxItem item, String state, String reason) {
		Update update = new Update().set("state", state).set("updatedAt", Instant.now());
		if (reason != null) {
			update.set("lastError", reason);
		}
		mongo.updateFirst(new Query(where("_id").is(item.id())), update, OutboxItem.class).block();
	}

	private record Work(OutboxItem item, ChatMessage message) {
	}
}
