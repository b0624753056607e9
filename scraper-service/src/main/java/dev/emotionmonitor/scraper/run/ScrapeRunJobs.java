package dev.emotionmonitor.scraper.run;

import dev.emotionmonitor.common.job.JobDefinition;
import dev.emotionmonitor.common.job.JobOwner;
import dev.emotionmonitor.common.job.JobProperties;
import dev.emotionmonitor.common.job.JobRunner;
import dev.emotionmonitor.common.job.JobStatus;
import dev.emotionmonitor.scraper.config.ScraperProperties;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Scrape runs as jobs of the common kernel: {@code workers} runs at a time, 100 more may wait (then 503); the
 * {@code scrape_runs} collection with the words the API has always shown ({@code running} while waiting or running,
 * {@code succeeded}, {@code failed}, {@code interrupted} when its replica died or someone cancelled it), its end in
 * {@code endedAt}, and the source's claim freed whenever a run ends.
 */
@Configuration(proxyBeanMethods = false)
class ScrapeRunJobs {

	@Bean
	ThreadPoolTaskExecutor scrapeRunExecutor(ScraperProperties properties) {
		return JobRunner.executor("scrape-run-", Math.max(1, properties.workers()), 100);
	}

	@Bean
	JobRunner scrapeRunRunner(ReactiveMongoTemplate mongo, RunLocks locks,
			@Qualifier("scrapeRunExecutor") ThreadPoolTaskExecutor scrapeRunExecutor, JobOwner owner,
			JobProperties properties) {
		return new JobRunner(new Definition(locks, properties), mongo, scrapeRunExecutor, owner, properties);
	}

	private record Definition(RunLocks locks, JobProperties properties) implements JobDefinition {

		@Override
		public String name() {
			return "run";
		}

		@Override
		public String collection() {
			return "scrape_runs";
		}

		@Override
		public String statusName(JobStatus status) {
			return switch (status) {
				case QUEUED, RUNNING -> ScrapeRun.RUNNING;
				case SUCCEEDED -> ScrapeRun.SUCCEEDED;
				case FAILED -> ScrapeRun.FAILED;
				case CANCELLED, INTERRUPTED -> ScrapeRun.INTERRUPTED;
			};
		}

		@Override
		public String finishedField() {
			return "endedAt";
		}

		@Override
		public Update interrupted(String id) {
			return Update.update("error", "No worker reported on this run for more than "
					+ RunProgress.describe(this.properties.staleAfter())
					+ " (its service stopped or lost it), so it was marked interrupted; start the source again "
					+ "(messages already stored are kept and not duplicated).");
		}

		@Override
		public String queueFull() {
			return "Every worker is busy and their queue is full; start the run again later";
		}

		/** Frees the source for its next run. */
		@Override
		public Mono<Void> afterFinish(String id, JobStatus status) {
			return this.locks.release(id);
		}
	}
}
