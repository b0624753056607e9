package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A run as the API shows it: counts, rate, ETA (when the total is known), the last heartbeat of its worker and the
 * state of its messages in the outbox; {@code deleted} counts the stored messages it found gone from its channel, and
 * {@code deletionsSkipped} says why it did not look for any.
 */
public record RunView(String id, String sourceId, String sourceName, String kind, String site, String channel,
		String trigger, String status, Instant startedAt, Instant endedAt, long seen, @JsonProperty("new") long added,
		long updated, long duplicates, long errors, long parseFailures, Long total, Double ratePerSecond,
		Long etaSeconds, String error, Instant heartbeatAt, long pending, long failed, long deleted,
		String deletionsSkipped) {

	static RunView of(ScrapeRun run, long pending, long failed) {
		Instant end = run.endedAt() != null ? run.endedAt() : Instant.now();
		double seconds = Math.max(0.001, Duration.between(run.startedAt(), end).toMillis() / 1000.0);
		double rate = run.seen() / seconds;
		Long eta = null;
		if (run.total() != null && !run.finished()) {
			eta = rate > 0 ? Math.round((run.total() - run.seen()) / rate) : null;
		}
		else if (run.finished()) {
			eta = 0L;
		}
		return new RunView(run.id(), run.sourceId(), run.sourceName(), run.kind(), run.site(), run.channel(),
				run.trigger(), run.status(), run.startedAt(), run.endedAt(), run.seen(), run.added(), run.updated(),
				run.duplicates(), run.errors(), run.parseFailures() == null ? 0 : run.parseFailures(), run.total(),
				Math.round(rate * 10) / 10.0, eta, run.error(), run.heartbeatAt(), pending, failed,
				run.deleted() == null ? 0 : run.deleted(), run.deletionsSkipped());
	}
}
