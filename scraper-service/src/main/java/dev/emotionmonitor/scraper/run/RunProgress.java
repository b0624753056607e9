package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.emotionmonitor.common.job.JobCancelledException;
import dev.emotionmonitor.common.job.JobContext;

import dev.emotionmonitor.scraper.message.ChatMessage;
import dev.emotionmonitor.scraper.message.MessageStore;
import dev.emotionmonitor.scraper.message.Origin;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.message.StoreResult;
import dev.emotionmonitor.scraper.source.Source;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.query.Update;

/**
 * What a collector hands its messages to while a run goes on: it stores them and keeps the run's counts current in
 * the store through the job kernel ({@link JobContext#progress}, at the kernel's cadence; each save is also a
 * heartbeat and reads the cancel flag), so {@code GET /runs/{id}} and the event stream show progress. A cancel
 * request stops the run at its next batch. Used from one worker thread. Every wait on the store is bounded by
 * {@code emotion.scraper.runs.store-timeout}: a store that never answers
 * fails the run instead of holding the worker and the source forever.
 * <p>
 * It also keeps, per channel, the ranges of time the run has read whole: from the oldest to the newest message it
 * stored, and what a collector declares it read ({@link #covered}). When the run succeeds, stored messages of those
 * ranges the run did not see are gone from the channel: {@link #markMissingDeleted} marks them deleted. A collector
 * whose messages do not show that it read the stretch between them (an import) declares its ranges itself
 * ({@link #onlyDeclaredRanges}) or none ({@link #skipDeletions}).
 */
public final class RunProgress {

	private final String runId;

	private final Source source;

	private final MessageStore messages;

	private final Saving saving;

	private final Duration storeTimeout;

	private long seen;

	private long errors;

	private StoreResult stored = StoreResult.EMPTY;

	private Long total;

	private long deleted;

	/** Per channel, the time ranges a collector declared this run read whole. */
	private final Map<String, List<Range>> covered = new LinkedHashMap<>();

	/** Per channel, the oldest to the newest message this run stored. */
	private final Map<String, Range> storedSpan = new LinkedHashMap<>();

	/** Whether what this run stored shows nothing about what it read whole: only declared ranges count. */
	private boolean onlyDeclared;

	private boolean deletionsSkipped;

	RunProgress(String runId, Source source, MessageStore messages, Saving saving, Duration storeTimeout) {
		this.runId = runId;
		this.source = source;
		this.messages = messages;
		this.saving = saving;
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
				Range at = new Range(message.timestamp(), message.timestamp());
				storedSpan.merge(message.channelId(), at, Range::span);
			}
		}
		seen += batch.size();
		stored = stored.plus(result);
		checkpoint();
		return result;
	}

	/**
	 * Declares that this run read every message of the channel sent from {@code from} to {@code to} (inclusive), also
	 * where it stored none: a stored message of that range the run does not see was deleted.
	 */
	public void covered(String channelId, Instant from, Instant to) {
		covered.computeIfAbsent(channelId, id -> new ArrayList<>()).add(new Range(from, to));
	}

	/**
	 * From now on only {@link #covered} says what this run read whole, not the oldest and newest message it stores: an
	 * export may leave messages out between them, and two exports of a channel in one run leave a gap.
	 */
	public void onlyDeclaredRanges() {
		onlyDeclared = true;
	}

	/** This run cannot tell what it read whole: it marks nothing deleted, and shows {@code why}. */
	public void skipDeletions(String why) {
		deletionsSkipped = true;
		saving.save(counts().set("deletionsSkipped", why));
	}

	/** Marks deleted what the run's ranges held and the run did not see; answers how many. Call once it succeeded. */
	long markMissingDeleted() {
		if (deletionsSkipped) {
			return 0;
		}
		// overlapping ranges are harmless: a message marked in one is no longer missing in the next
		covered.forEach((channelId, ranges) -> ranges.forEach(range -> markMissing(channelId, range)));
		if (!onlyDeclared) {
			storedSpan.forEach(this::markMissing);
		}
		return deleted;
	}

	private void markMissing(String channelId, Range range) {
		Origin origin = new Origin(source.id(), source.site(), source.template());
		deleted += await(messages.markMissing(origin, runId, channelId, range.from(), range.to()),
				"Marking deleted messages");
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

	/** Saves the counts when the kernel's cadence says so; stops the run when someone cancelled it. */
	void checkpoint() {
		saving.progress(this::counts);
		if (saving.cancelRequested()) {
			throw new JobCancelledException();
		}
	}

	/** Saves the counts of a cancelled run with why it ended (the kernel then marks it interrupted). */
	void cancelled() {
		saving.save(counts().set("error", "The run was cancelled; start the source again (messages already stored "
				+ "are kept and not duplicated)."));
	}

	/** The run's counts as fields of its document. */
	Update counts() {
		Update update = new Update().set("seen", seen)
			.set("deleted", deleted)
			.set("added", stored.added())
			.set("updated", stored.updated())
			.set("duplicates", stored.duplicates())
			.set("parseFailures", stored.parseFailures())
			.set("errors", errors);
		if (total != null) {
			update.set("total", total);
		}
		return update;
	}

	long errors() {
		return errors;
	}

	/** Blocks for {@code step}, at most the store timeout: how a collector waits for the store. */
	public <T> T await(Mono<T> step, String what) {
		return step.timeout(storeTimeout, Mono.error(() -> new IllegalStateException(what + " did not finish within "
				+ describe(storeTimeout) + " (emotion.scraper.runs.store-timeout), so the run was stopped; messages "
				+ "already stored are kept and are not duplicated when the source runs again."))).block();
	}

	/** Where the run's counts are saved: the job kernel's context of the run (a stand-in in unit tests). */
	interface Saving {

		/** Saves the fields (built only then) when the kernel's progress cadence has passed. */
		void progress(Supplier<Update> fields);

		/** Saves the fields now. */
		void save(Update fields);

		boolean cancelRequested();

		static Saving of(JobContext job) {
			return new Saving() {
				@Override
				public void progress(Supplier<Update> fields) {
					job.progress(fields);
				}

				@Override
				public void save(Update fields) {
					job.save(fields);
				}

				@Override
				public boolean cancelRequested() {
					return job.cancelRequested();
				}
			};
		}
	}

	/** From and to, both inclusive. */
	private record Range(Instant from, Instant to) {

		Range span(Range other) {
			return new Range(from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
		}
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
