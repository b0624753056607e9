package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.emotionmonitor.common.job.JobCancelledException;
import dev.emotionmonitor.common.job.JobOutcome;
import dev.emotionmonitor.common.job.JobRunner;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.MessageStore;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Starts runs as jobs of the common kernel ({@link ScrapeRunJobs}): one run per source at a time across replicas (a
 * claim in the store, {@link RunLocks}); the caller gets the run at once and follows it through {@code GET /runs/{id}}
 * or its event stream. The kernel owns the workers, the heartbeat, the recovery of runs whose replica died, the
 * stream and cancel; a run here is its body: the collector, then what it read whole and no longer saw marked deleted.
 */
@Component
public class RunLauncher {

	private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

	private final Sources sources;

	private final MessageStore messages;

	private final RunLocks locks;

	private final JobRunner runner;

	private final Map<String, ChannelCollector> collectors;

	private final Duration storeTimeout;

	RunLauncher(Sources sources, MessageStore messages, RunLocks locks,
			@Qualifier("scrapeRunRunner") JobRunner runner, List<ChannelCollector> collectors,
			ScraperProperties properties) {
		this.sources = sources;
		this.messages = messages;
		this.locks = locks;
		this.runner = runner;
		this.collectors = collectors.stream().collect(Collectors.toMap(ChannelCollector::kind, Function.identity()));
		this.storeTimeout = properties.runs().storeTimeout();
	}

	/** Starts a run of the source's own collector. */
	public Mono<ScrapeRun> start(Source source, String trigger) {
		ChannelCollector collector = collectors.get(source.kind());
		if (collector == null) {
			return Mono.error(Problems.conflict("A " + source.kind()
					+ " source is not run on demand: upload its export to POST /imports/discord-export"));
		}
		return launch(source, trigger, collector::collect);
	}

	/**
	 * Starts a run doing {@code work}; answers the run as soon as it is recorded. 409 while the source has a run going
	 * on (on any replica), 503 when every worker is busy and the queue is full (nothing is left behind).
	 */
	public Mono<ScrapeRun> launch(Source source, String trigger, Work work) {
		String id = UUID.randomUUID().toString();
		Instant now = Instant.now();
		ScrapeRun run = new ScrapeRun(id, source.id(), source.name(), source.kind(), source.site(),
				source.channelLabel(), trigger, ScrapeRun.RUNNING, now, null, 0, 0, 0, 0, 0, null, null, 0L, now, 0L,
				null);
		return locks.acquire(source.id(), id)
			.then(Mono.defer(() -> runner.submit(run, job -> execute(id, RunProgress.Saving.of(job), source, work))))
			.onErrorResume(error -> locks.release(id).then(Mono.error(error)))
			.flatMap(started -> sources.recordRun(source.id(), started.id()).thenReturn(started));
	}

	/** Whether the source has a run going on, on this replica or another. */
	public Mono<Boolean> isRunning(String sourceId) {
		return locks.isHeld(sourceId);
	}

	/** The run as stored, each change once, until it ends (from any replica). */
	public Flux<ScrapeRun> follow(String runId) {
		return runner.follow(runId, ScrapeRun.class);
	}

	/**
	 * Cancels a run from any replica: its worker stops at its next save and the run ends {@code interrupted}. True when
	 * cancelled, false when it had already ended, empty when there is no such run.
	 */
	public Mono<Boolean> cancel(String runId) {
		return runner.cancel(runId);
	}

	/** The body of a run on a kernel worker: counts saved as it goes, its end and final counts in the outcome. */
	JobOutcome execute(String runId, RunProgress.Saving saving, Source source, Work work) {
		RunProgress progress = new RunProgress(runId, source, messages, saving, storeTimeout);
		try {
			work.run(progress);
			// what the run read whole and did not see any more was deleted from the channel
			progress.markMissingDeleted();
		}
		catch (JobCancelledException ex) {
			progress.cancelled();
			log.info("Run {} of {} cancelled: seen {}", runId, source.name(), progress.seen());
			throw ex;
		}
		catch (Exception | Error ex) {
			String error = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
			log.warn("Run {} of source {} failed: {}", runId, source.id(), error, ex);
			summary(runId, source, ScrapeRun.FAILED, progress);
			return JobOutcome.failed(progress.counts().set("error", error));
		}
		summary(runId, source, ScrapeRun.SUCCEEDED, progress);
		return JobOutcome.succeeded(progress.counts());
	}

	private static void summary(String runId, Source source, String status, RunProgress progress) {
		log.info("Run {} of {} {}: seen {}, new {}, updated {}, duplicates {}, stored whole after a parse failure {}, "
				+ "deleted {}", runId, source.name(), status, progress.seen(), progress.stored().added(),
				progress.stored().updated(), progress.stored().duplicates(), progress.stored().parseFailures(),
				progress.deleted());
	}

	/** The body of a run. */
	@FunctionalInterface
	public interface Work {

		void run(RunProgress progress) throws Exception;
	}
}
