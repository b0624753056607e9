package dev.emotionmonitor.scraper.run;

import java.time.Instant;
import java.util.Date;

import dev.emotionmonitor.common.problem.Problems;
import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * One run per source at a time, across replicas: a claim is a document whose {@code _id} is the source, so a second
 * insert fails atomically on the unique {@code _id}. The kernel frees it when the run reaches a final state, on
 * whichever replica writes that state; a claim whose run is gone or final (a replica died between the two writes) is
 * taken over.
 */
@Component
class RunLocks {

	static final String COLLECTION = "scrape_run_locks";

	private final ReactiveMongoTemplate mongo;

	RunLocks(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Completes when the source is claimed for {@code runId}; 409 problem while another run of it is going on. */
	Mono<Void> acquire(String sourceId, String runId) {
		return insert(sourceId, runId).onErrorResume(DuplicateKeyException.class,
				ex -> holder(sourceId).flatMap(holder -> running(holder).flatMap(running -> running ? busy(sourceId)
						: this.mongo.remove(Query.query(where("_id").is(sourceId).and("runId").is(holder)), COLLECTION)
							.then(insert(sourceId, runId))
							.onErrorResume(DuplicateKeyException.class, again -> busy(sourceId))))
					.switchIfEmpty(Mono.defer(() -> insert(sourceId, runId))));
	}

	/** Whether a run of the source is going on (on any replica). */
	Mono<Boolean> isBusy(String sourceId) {
		return holder(sourceId).flatMap(this::running).defaultIfEmpty(false);
	}

	/** Frees the source the run holds, if it still holds one. */
	Mono<Void> release(String runId) {
		return this.mongo.remove(Query.query(where("runId").is(runId)), COLLECTION).then();
	}

	private Mono<Void> insert(String sourceId, String runId) {
		Document lock = new Document("_id", sourceId).append("runId", runId).append("since", Date.from(Instant.now()));
		return this.mongo.insert(lock, COLLECTION).then();
	}

	private Mono<String> holder(String sourceId) {
		return this.mongo.findById(sourceId, Document.class, COLLECTION).mapNotNull(lock -> lock.getString("runId"));
	}

	private Mono<Boolean> running(String runId) {
		return this.mongo.exists(Query.query(where("_id").is(runId).and("status").is(ScrapeRun.RUNNING)),
				ScrapeRun.class);
	}

	private static <T> Mono<T> busy(String sourceId) {
		return Mono.error(Problems.conflict("Source " + sourceId + " already has a run going on; wait for it "
				+ "to finish (GET /runs?source_id=" + sourceId + ")"));
	}
}
