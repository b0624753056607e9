package dev.emotionmonitor.corpus.ingest;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.emotionmonitor.common.problem.Problems;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * One running import per dataset, across replicas: a lock is a document whose {@code _id} is the dataset, so the
 * second insert fails atomically on the unique {@code _id}.
 */
@Component
class ImportLocks {

	static final String COLLECTION = "import_locks";

	private final ReactiveMongoTemplate mongo;

	ImportLocks(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Completes when the lock is taken; 409 problem when another import holds the dataset. */
	Mono<Void> acquire(String dataset, String importId) {
		Document lock = new Document("_id", dataset).append("importId", importId).append("since", Date.from(Instant.now()));
		return this.mongo.insert(lock, COLLECTION)
			.then()
			.onErrorResume(DuplicateKeyException.class, ex -> this.mongo.findById(dataset, Document.class, COLLECTION)
				.map(held -> held.getString("importId"))
				.defaultIfEmpty("?")
				.flatMap(holder -> Mono.error(Problems.conflict("Dataset \"" + dataset
						+ "\" already has an import running (" + holder + "); wait until it completes or fails"))));
	}

	/** Frees the dataset the import holds, if it still holds one. */
	Mono<Void> release(String importId) {
		return this.mongo.remove(Query.query(where("importId").is(importId)), COLLECTION).then();
	}
}
