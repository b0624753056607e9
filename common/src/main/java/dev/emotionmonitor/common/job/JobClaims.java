package dev.emotionmonitor.common.job;

import java.time.Instant;
import java.util.Date;
import java.util.function.Function;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * One active job per key (a dataset, a source) across replicas: a claim is a document whose {@code _id} is the key,
 * so a second insert fails atomically on the unique {@code _id}. The job's definition frees it when the job ends; a
 * claim whose job is gone or no longer active (a replica died between the two writes) is taken over.
 */
public class JobClaims {

	private final ReactiveMongoTemplate mongo;

	private final String collection;

	private final String holderField;

	private final String jobCollection;

	private final String activeStatus;

	/**
	 * @param holderField the claim's field naming the job that holds it
	 * @param jobCollection where the jobs are, with {@code activeStatus} in their {@code status} while they run
	 */
	public JobClaims(ReactiveMongoTemplate mongo, String collection, String holderField, String jobCollection,
			String activeStatus) {
		this.mongo = mongo;
		this.collection = collection;
		this.holderField = holderField;
		this.jobCollection = jobCollection;
		this.activeStatus = activeStatus;
	}

	/**
	 * Completes when {@code key} is claimed for {@code jobId}; fails with {@code busy} (given the holder's id) while
	 * another job holds it.
	 */
	protected Mono<Void> acquire(String key, String jobId, Function<String, ? extends Throwable> busy) {
		return insert(key, jobId).onErrorResume(DuplicateKeyException.class, ex -> holder(key)
			.flatMap(holder -> active(holder).flatMap(active -> active ? Mono.<Void>error(busy.apply(holder))
					: this.mongo.remove(Query.query(where("_id").is(key).and(this.holderField).is(holder)), this.collection)
						.then(insert(key, jobId))
						.onErrorResume(DuplicateKeyException.class, again -> Mono.error(busy.apply(holder))))
				// a value, so that only a claim freed meanwhile (no holder) falls through to the insert below
				.thenReturn(true))
			.switchIfEmpty(Mono.defer(() -> insert(key, jobId).thenReturn(true)))
			.then());
	}

	/** Whether a job holding {@code key} is going on (on any replica). */
	public Mono<Boolean> isHeld(String key) {
		return holder(key).flatMap(this::active).defaultIfEmpty(false);
	}

	/** Frees the key the job holds, if it still holds one. */
	public Mono<Void> release(String jobId) {
		return this.mongo.remove(Query.query(where(this.holderField).is(jobId)), this.collection).then();
	}

	private Mono<Void> insert(String key, String jobId) {
		Document claim = new Document("_id", key).append(this.holderField, jobId).append("since", Date.from(Instant.now()));
		return this.mongo.insert(claim, this.collection).then();
	}

	private Mono<String> holder(String key) {
		return this.mongo.findById(key, Document.class, this.collection)
			.mapNotNull(claim -> claim.getString(this.holderField));
	}

	private Mono<Boolean> active(String jobId) {
		return this.mongo.exists(Query.query(where("_id").is(jobId).and(JobRunner.STATUS).is(this.activeStatus)),
				this.jobCollection);
	}
}
