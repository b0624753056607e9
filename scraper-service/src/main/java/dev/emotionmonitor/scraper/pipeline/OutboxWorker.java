package dev.emotionmonitor.scraper.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.ChatMessage;
import dev.emotionmonitor.scraper.metrics.ScraperMetrics;
import dev.emotionmonitor.scraper.pipeline.GatewayClient.Observation;
import dev.emotionmonitor.scraper.pipeline.ObservationMapper.Scored;
import dev.emotionmonitor.scraper.pipeline.OutboxClaims.Outcome;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox round by round: claims due messages, classifies those whose revision has no scores yet (whole
 * message and each section, in calls of at most {@code classify-batch} texts) and stores the scores, withdraws from the
 * dashboard what an earlier revision or a deleted message left there, then sends the observations. The scores are
 * stored before anything is sent, so after a restart a message already classified for its revision is not sent to
 * the classifier again; the dashboard is idempotent on source + message_id + section and on withdrawals. A failing
 * service makes the messages tried wait with exponential backoff (honouring {@code Retry-After}) and opens the
 * {@link OutboxSender}'s breaker; an input a service refuses (4xx) fails the message after {@code max-attempts}.
 */
@Component
class OutboxWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private final OutboxClaims claims;

	private final OutboxSender sender;

	private final ScraperProperties.Pipeline settings;

	private final ScraperMetrics metrics;

	private final AtomicBoolean draining = new AtomicBoolean();

	OutboxWorker(OutboxClaims claims, OutboxSender sender, ScraperProperties properties, ScraperMetrics metrics) {
		this.claims = claims;
		this.sender = sender;
		this.settings = properties.pipeline();
		this.metrics = metrics;
	}

	@Scheduled(initialDelayString = "${emotion.scraper.pipeline.poll-interval:1s}",
			fixedDelayString = "${emotion.scraper.pipeline.poll-interval:1s}")
	void tick() {
		if (!settings.enabled() || !sender.available() || !draining.compareAndSet(false, true)) {
			return;
		}
		try {
			while (drainOnce() && sender.available()) {
				// keep going while due messages remain and the services answer
			}
		}
		catch (RuntimeException ex) {
			log.warn("Outbox round failed, retrying next tick: {}", ex.toString());
		}
		finally {
			draining.set(false);
		}
	}

	/** One round over at most {@code batch-size} due messages; false when none was due. */
	boolean drainOnce() {
		List<ChatMessage> claimed = claims.claim(settings.batchSize());
		if (claimed.isEmpty()) {
			return false;
		}
		Map<String, Entry> round = new LinkedHashMap<>();
		claimed.forEach(message -> round.put(message.id(), new Entry(message)));

		List<ChatMessage> toClassify = select(round, entry -> ChatMessage.PENDING.equals(entry.message.delivery())
				&& entry.message.deletedAt() == null && !ObservationMapper.classified(entry.message));
		for (List<ChatMessage> group : ObservationMapper.groups(toClassify, settings.classifyBatch())) {
			send(round, group, () -> {
				List<Scored> scored = ObservationMapper.scored(group,
						sender.classify(group.stream().flatMap(m -> ObservationMapper.texts(m).stream()).toList()),
						Instant.now());
				claims.scored(scored);
				scored.forEach(s -> round.get(s.message().id()).message = s.withScores());
			}, entry -> {
			});
		}

		List<ChatMessage> toWithdraw = select(round, entry -> entry.message.outbox().withdraw());
		send(round, toWithdraw,
				() -> sender.withdraw(toWithdraw.stream().map(ObservationMapper::withdrawal).toList()),
				entry -> entry.withdrawn = true);

		List<ChatMessage> toDeliver = select(round, entry -> entry.message.deletedAt() == null
				&& !ChatMessage.WITHDRAWING.equals(entry.message.delivery())
				&& ObservationMapper.classified(entry.message) && (!entry.message.outbox().withdraw() || entry.withdrawn));
		List<Observation> observations = new ArrayList<>();
		toDeliver.forEach(message -> observations.addAll(ObservationMapper.observations(message)));
		send(round, toDeliver, () -> sender.observe(observations), entry -> entry.delivered = true);
		long delivered = round.values().stream().filter(entry -> entry.delivered).count();
		if (delivered > 0) {
			metrics.delivered((int) delivered);
		}

		claims.settle(round.values().stream().map(this::outcome).toList());
		return true;
	}

	/** The messages of the round still going (neither failed nor put back) that {@code test} accepts. */
	private static List<ChatMessage> select(Map<String, Entry> round, Predicate<Entry> test) {
		return round.values().stream().filter(entry -> entry.going() && test.test(entry)).map(e -> e.message).toList();
	}

	/** Makes one call for {@code messages}; on success applies {@code done} to each, on failure records it. */
	private void send(Map<String, Entry> round, List<ChatMessage> messages, Runnable call, Consumer<Entry> done) {
		if (messages.isEmpty()) {
			return;
		}
		List<Entry> entries = messages.stream().map(m -> round.get(m.id())).toList();
		if (!sender.available()) {
			// the breaker opened earlier in this round: put them back untried
			entries.forEach(entry -> entry.putBack = true);
			return;
		}
		try {
			call.run();
			entries.forEach(done);
		}
		catch (CallNotPermittedException ex) {
			entries.forEach(entry -> entry.putBack = true);
		}
		catch (RuntimeException ex) {
			log.info("Outbox: {} messages wait ({}): {}", entries.size(),
					GatewayClient.transientFailure(ex) ? "will retry" : "refused", GatewayClient.describe(ex));
			entries.forEach(entry -> entry.failure = ex);
		}
	}

	private Outcome outcome(Entry entry) {
		ChatMessage message = entry.message;
		ChatMessage.Outbox outbox = message.outbox();
		Instant now = Instant.now();
		if (entry.failure != null) {
			int attempts = outbox.attempts() + 1;
			String detail = GatewayClient.describe(entry.failure);
			if (!GatewayClient.transientFailure(entry.failure) && attempts >= settings.maxAttempts()) {
				metrics.failed();
				return new Outcome(message, ChatMessage.FAILED, entry.withdrawn, attempts, now, detail);
			}
			Duration asked = GatewayClient.retryAfter(entry.failure);
			Duration backoff = backoff(attempts);
			return new Outcome(message, null, entry.withdrawn, attempts,
					now.plus(asked.compareTo(backoff) > 0 ? asked : backoff), detail);
		}
		if (entry.delivered) {
			return new Outcome(message, ChatMessage.DELIVERED, entry.withdrawn, outbox.attempts(), now, null);
		}
		if (entry.withdrawn && ChatMessage.WITHDRAWING.equals(message.delivery())) {
			// deleted, or edited into a message that is not classified: nothing more to send
			return new Outcome(message, message.deletedAt() != null ? ChatMessage.WITHDRAWN : ChatMessage.SKIPPED, true,
					outbox.attempts(), now, null);
		}
		// put back (the breaker is open) or part-way: due again as soon as the services answer
		return new Outcome(message, null, entry.withdrawn, outbox.attempts(), now, outbox.lastError());
	}

	/** initial × 2^(attempts−1), capped, with up to 20% jitter so waiting messages do not return all at once. */
	private Duration backoff(int attempts) {
		long initial = settings.initialBackoff().toMillis();
		long capped = Math.min(settings.maxBackoff().toMillis(), initial << Math.min(20, Math.max(0, attempts - 1)));
		return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
	}

	/** One claimed message during a round. */
	private static final class Entry {

		ChatMessage message;

		boolean withdrawn;

		boolean delivered;

		boolean putBack;

		RuntimeException failure;

		Entry(ChatMessage message) {
			this.message = message;
		}

		boolean going() {
			return failure == null && !putBack;
		}
	}
}
