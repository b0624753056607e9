package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.scraper.message.ChatMessage;
import dev.emotionmonitor.scraper.message.MessageStore;
import dev.emotionmonitor.scraper.message.Origin;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.message.StoreResult;
import dev.emotionmonitor.scraper.source.Source;
import reactor.core.publisher.Mono;

/**
 * What a collector hands its messages to while a run goes on: it stores them and keeps the run's counts (and its
 * heartbeat) current in the store, so {@code GET /runs/{id}} and the event stream show progress. Used from one worker
 * thread. Every wait on the store is bounded by {@code emotion.scraper.runs.store-timeout}: a store that never answers
 * fails the run instead of holding the worker and the source forever.
 * <p>
 * It also keeps, per channel, the range of time the run has read whole: from the oldest to the newest message it
 * stored, widened by what a collector declares it read ({@link #covered}). When the run succeeds, stored messages of
 * that range the run did not see are gone from the channel: {@link #markMissingDeleted} marks them deleted.
 */
public final class RunProgress {

	private final String runId;

	private final Source source;

	private final MessageStore messages;

	private final Runs runs;

	private final Duration storeTimeout;

	private long seen;

	private long errors;

	private StoreResult stored = StoreResult.EMPTY;

	private Long total;

	private long deleted;

	/** Per channel, the time range this run read whole. */
	private final Map<String, Instant[]> covered = new LinkedHashMap<>();

	RunProgress(String runId, Source source, MessageStore messages, Runs runs, Duration storeTimeout) {
		this.runId = runId;
		this.source = source;
		this.messages = messages;
		this.runs = runs;
		this.storeTimeout = storeTimeout;
	}

	public String runId() {
		return runId;
	}

	public Source source() {
		return source;
	}

	/** Stores a batch (blocking: call it from a worker thread) and records the counts. */
	public StoreResult store(List<ScrapedMessage> batch) {
		Origin origin = new Origin(source.id(), source.site(), source.template());
		String what = "Storing " + batch.size() + " messages";
		Map<String, ChatMessage> known = await(messages.known(origin, batch), what);
		// write() parses the new messages here, on this worker thread, before its Mono is subscribed
		StoreResult result = await(messages.write(origin, runId, batch, known), what);
		for (ScrapedMessage message : batch) {
			if (message.channelId() != null && message.timestamp() != null) {
				covered(message.channelId(), message.timestamp(), message.timestamp());
			}
		}
		seen += batch.size();
		stored = stored.plus(result);
		save();
		return result;
	}

	/**
	 * Declares that this run read every message of the channel sent from {@code from} to {@code to} (inclusive), also
	 * where it stored none: a stored message of that range the run does not see was deleted.
	 */
	public void covered(String channelId, Instant from, Instant to) {
		covered.merge(channelId, new Instant[] { from, to }, (a, b) -> new Instant[] {
				a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1] });
	}

	/** Marks deleted what the run's ranges held and the run did not see; answers how many. Call once it succeeded. */
	long markMissingDeleted() {
		Origin origin = new Origin(source.id(), source.site(), source.template());
		covered.forEach((channelId, range) -> deleted += await(
				messages.markMissing(origin, runId, channelId, range[0], range[1]), "Marking deleted messages"));
		return deleted;
	}

	public long deleted() {
		return deleted;
	}

	public void error(int count) {
		errors += count;
	}

	public void total(long total) {
		this.total = total;
	}

	public StoreResult stored() {
		return stored;
	}

	public long seen() {
		return seen;
	}

	void save() {
		await(runs.progress(runId, seen, stored, errors, total, deleted), "Saving the run's progress");
	}

	long errors() {
		return errors;
	}

	/** Blocks for {@code step}, at most the store timeout. */
	<T> T await(Mono<T> step, String what) {
		return step.timeout(storeTimeout, Mono.error(() -> new IllegalStateException(what + " did not finish within "
				+ describe(storeTimeout) + " (emotion.scraper.runs.store-timeout), so the run was stopped; messages "
				+ "already stored are kept and are not duplicated when the source runs again."))).block();
	}

	/** "2 min", "30 s", "200 ms": durations as the run's error shows them. */
	static String describe(Duration duration) {
		if (duration.toMinutes() > 0 && duration.toSecondsPart() == 0 && duration.toMillisPart() == 0) {
			return duration.toMinutes() + " min";
		}
		if (duration.toSeconds() > 0 && duration.toMillisPart() == 0) {
			return duration.toSeconds() + " s";
		}
		return duration.toMillis() + " ms";
	}
}
