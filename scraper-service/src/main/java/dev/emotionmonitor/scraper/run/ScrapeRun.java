package dev.emotionmonitor.scraper.run;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One collection run of a source: the seed of a scrape report.
 *
 * @param trigger  {@code manual}, {@code schedule} or {@code import}
 * @param status   {@code running}, {@code succeeded}, {@code failed} or {@code interrupted} (the service stopped)
 * @param seen     messages read from the source
 * @param added    messages stored for the first time
 * @param updated  known messages whose content changed (edits), updated in place
 * @param duplicates known messages unchanged
 * @param total    messages expected, when the source says (an export); null otherwise
 * @param parseFailures messages stored whole because the reflection parser failed on them (null on older runs)
 * @param heartbeatAt   when the worker last reported on the run; a running run whose heartbeat is old has lost it
 * @param deleted       stored messages the run found gone from the range it read, marked deleted (null on older runs)
 * @param deletionsSkipped why the run did not look for deleted messages at all (an import not known to be complete);
 *                      null when it did
 */
@Document("scrape_runs")
public record ScrapeRun(@Id String id, String sourceId, String sourceName, String kind, String site, String channel,
		String trigger, String status, Instant startedAt, Instant endedAt, long seen, long added, long updated,
		long duplicates, long errors, Long total, String error, Long parseFailures, Instant heartbeatAt,
		Long deleted, String deletionsSkipped) {

	public static final String RUNNING = "running";

	public static final String SUCCEEDED = "succeeded";

	public static final String FAILED = "failed";

	public static final String INTERRUPTED = "interrupted";

	boolean finished() {
		return !RUNNING.equals(status);
	}
}
