package dev.emotionmonitor.scraper.run;

import java.util.List;

import dev.emotionmonitor.scraper.message.MessageStore;
import dev.emotionmonitor.scraper.message.Origin;
import dev.emotionmonitor.scraper.message.ScrapedMessage;
import dev.emotionmonitor.scraper.message.StoreResult;
import dev.emotionmonitor.scraper.source.Source;

/**
 * What a collector hands its messages to while a run goes on: it stores them and keeps the run's counts current in
 * the store, so {@code GET /runs/{id}} and the event stream show progress. Used from one worker thread.
 */
public final class RunProgress {

	private final String runId;

	private final Source source;

	private final MessageStore messages;

	private final Runs runs;

	private long seen;

	private long errors;

	private StoreResult stored = StoreResult.EMPTY;

	private Long total;

	RunProgress(String runId, Source source, MessageStore messages, Runs runs) {
		this.runId = runId;
		this.source = source;
		this.messages = messages;
		this.runs = runs;
	}

	public String runId() {
		return runId;
	}

	public Source source() {
		return source;
	}

	/** Stores a batch (blocking: call it from a worker thread) and records the counts. */
	public StoreResult store(List<ScrapedMessage> batch) {
		StoreResult result = messages.store(new Origin(source.id(), source.site(), source.template()), runId, batch)
			.block();
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
		runs.progress(runId, seen, stored, errors, total).block();
	}

	long errors() {
		return errors;
	}
}
