package dev.emotionmonitor.scraper.run;

import java.time.Duration;
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
		seen += batch.size();
		stored = stored.plus(result);
		save();
		return result;
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
		await(runs.progress(runId, seen, stored, errors, total), "Saving the run's progress");
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
