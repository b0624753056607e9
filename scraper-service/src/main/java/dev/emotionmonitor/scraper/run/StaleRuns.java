package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives up runs that no worker reports on any more (a replica that died, a worker lost without a trace): a run still
 * {@code running} whose heartbeat is older than {@code emotion.scraper.runs.stale-after} and that this process is not
 * executing is marked {@code interrupted}, so its status stops lying and the source can run again. Each round first
 * beats for the runs this process executes, so a long quiet stretch in one of them is not taken for a dead run by
 * another replica.
 */
@Component
class StaleRuns {

	private static final Logger log = LoggerFactory.getLogger(StaleRuns.class);

	private final Runs runs;

	private final RunLauncher launcher;

	private final Duration staleAfter;

	StaleRuns(Runs runs, RunLauncher launcher, ScraperProperties properties) {
		this.runs = runs;
		this.launcher = launcher;
		this.staleAfter = properties.runs().staleAfter();
	}

	@Scheduled(initialDelayString = "${emotion.scraper.runs.reclaim-interval:1m}",
			fixedDelayString = "${emotion.scraper.runs.reclaim-interval:1m}")
	void reclaim() {
		Set<String> executing = launcher.executing();
		runs.beat(executing).block(staleAfter);
		String error = "No worker reported on this run for more than " + RunProgress.describe(staleAfter)
				+ " (its service stopped or lost it), so it was marked interrupted; start the source again "
				+ "(messages already stored are kept and not duplicated).";
		Long reclaimed = runs.reclaim(Instant.now().minus(staleAfter), executing, error).block(staleAfter);
		if (reclaimed != null && reclaimed > 0) {
			log.warn("Marked {} runs interrupted: no heartbeat for more than {}", reclaimed,
					RunProgress.describe(staleAfter));
		}
	}
}
