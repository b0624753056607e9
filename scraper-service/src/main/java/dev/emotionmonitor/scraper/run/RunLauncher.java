package dev.emotionmonitor.scraper.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.scraper.config.ScraperProperties;
import dev.emotionmonitor.scraper.message.MessageStore;
import dev.emotionmonitor.scraper.source.Source;
import dev.emotionmonitor.scraper.source.Sources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Starts runs as jobs on the bounded worker scheduler: one run per source at a time; the caller gets the run at once
 * and follows it through {@code GET /runs/{id}} or its event stream.
 */
@Component
public class RunLauncher {

	private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

	private final Runs runs;

	private final Sources sources;

	private final MessageStore messages;

	private final Scheduler blocking;

	private final Map<String, ChannelCollector> collectors;

	private final Duration storeTimeout;

	/** Sources with a run going on in this process. */
	private final Set<String> running = ConcurrentHashMap.newKeySet();

	/** Runs this process has handed to a worker and not finished: the reclaimer leaves them alone. */
	private final Set<String> executing = ConcurrentHashMap.newKeySet();

	RunLauncher(Runs runs, Sources sources, MessageStore messages, Scheduler blockingScheduler,
			List<ChannelCollector> collectors, ScraperProperties properties) {
		this.runs = runs;
		this.sources = sources;
		this.messages = messages;
		this.blocking = blockingScheduler;
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

	/** Starts a run doing {@code work}; answers the run as soon as it is recorded. */
	public Mono<ScrapeRun> launch(Source source, String trigger, Work work) {
		if (!running.add(source.id())) {
			return Mono.error(Problems.conflict("Source " + source.id() + " already has a run going on; wait for it "
					+ "to finish (GET /runs?source_id=" + source.id() + ")"));
		}
		return runs.create(source, trigger)
			.flatMap(run -> sources.recordRun(source.id(), run.id()).thenReturn(run))
			.flatMap(run -> {
				executing.add(run.id());
				try {
					blocking.schedule(() -> execute(run, source, work));
					return Mono.just(run);
				}
				catch (RejectedExecutionException ex) {
					executing.remove(run.id());
					String busy = "Every worker is busy and their queue is full; start the run again later";
					return runs.finish(run.id(), ScrapeRun.FAILED, busy)
						.then(Mono.error(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, busy)));
				}
			})
			.doOnError(error -> running.remove(source.id()));
	}

	public boolean isRunning(String sourceId) {
		return running.contains(sourceId);
	}

	/** The runs this process is executing (or has queued for a worker). */
	Set<String> executing() {
		return Set.copyOf(executing);
	}

	private void execute(ScrapeRun run, Source source, Work work) {
		RunProgress progress = new RunProgress(run.id(), source, messages, runs, storeTimeout);
		String status = ScrapeRun.SUCCEEDED;
		String error = null;
		try {
			work.run(progress);
			// what the run read whole and did not see any more was deleted from the channel
			progress.markMissingDeleted();
		}
		catch (Exception | Error ex) {
			status = ScrapeRun.FAILED;
			error = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
			log.warn("Run {} of source {} failed: {}", run.id(), source.id(), error, ex);
		}
		finally {
			running.remove(source.id());
			try {
				progress.save();
			}
			catch (RuntimeException ex) {
				log.warn("Could not save the last counts of run {}: {}", run.id(), ex.getMessage());
			}
			try {
				progress.await(runs.finish(run.id(), status, error), "Recording the end of the run");
			}
			catch (RuntimeException ex) {
				// left running: the stale-run reclaimer marks it interrupted once its heartbeat is old
				log.error("Could not record the end of run {}", run.id(), ex);
			}
			finally {
				executing.remove(run.id());
			}
		}
		log.info("Run {} of {} {}: seen {}, new {}, updated {}, duplicates {}, stored whole after a parse failure {}, "
				+ "deleted {}", run.id(), source.name(), status, progress.seen(), progress.stored().added(),
				progress.stored().updated(), progress.stored().duplicates(), progress.stored().parseFailures(),
				progress.deleted());
	}

	/** The body of a run. */
	@FunctionalInterface
	public interface Work {

		void run(RunProgress progress) throws Exception;
	}
}
