package dev.emotionmonitor.scraper.run;

import java.time.Instant;

import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.source.Sources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Starts the runs of sources whose cron schedule has come due, and moves each to its next time. */
@Component
class ScheduledRuns {

	private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

	private final Sources sources;

	private final RunLauncher launcher;

	private final boolean enabled;

	ScheduledRuns(Sources sources, RunLauncher launcher, ScraperProperties properties) {
		this.sources = sources;
		this.launcher = launcher;
		this.enabled = properties.schedule().enabled();
	}

	@Scheduled(initialDelayString = "${emotion.scraper.schedule.tick:30s}",
			fixedDelayString = "${emotion.scraper.schedule.tick:30s}")
	void tick() {
		if (!enabled) {
			return;
		}
		Instant now = Instant.now();
		sources.due(now)
			.concatMap(source -> sources.reschedule(source, now)
				.then(launcher.isRunning(source.id()))
				.flatMap(running -> running ? Mono.<Void>empty()
						: launcher.start(source, "schedule")
							.doOnNext(run -> log.info("Scheduled run {} of source {}", run.id(), source.name()))
							.then())
				.onErrorResume(error -> {
					log.warn("Scheduled run of source {} did not start: {}", source.id(), error.getMessage());
					return Mono.empty();
				}))
			.blockLast();
	}
}
