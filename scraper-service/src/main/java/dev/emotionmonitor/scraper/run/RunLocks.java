package dev.emotionmonitor.scraper.run;

import dev.emotionmonitor.common.job.JobClaims;
import dev.emotionmonitor.common.problem.Problems;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/** One run per source at a time, across replicas (the kernel frees the claim when the run ends). */
@Component
class RunLocks extends JobClaims {

	static final String COLLECTION = "scrape_run_locks";

	RunLocks(ReactiveMongoTemplate mongo) {
		super(mongo, COLLECTION, "runId", "scrape_runs", ScrapeRun.RUNNING);
	}

	/** Completes when the source is claimed for {@code runId}; 409 problem while another run of it is going on. */
	Mono<Void> acquire(String sourceId, String runId) {
		return acquire(sourceId, runId, holder -> Problems.conflict("Source " + sourceId
				+ " already has a run going on; wait for it to finish (GET /runs?source_id=" + sourceId + ")"));
	}
}
