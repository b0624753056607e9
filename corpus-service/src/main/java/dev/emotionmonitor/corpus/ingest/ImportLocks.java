package dev.emotionmonitor.corpus.ingest;

import dev.emotionmonitor.common.job.JobClaims;
import dev.emotionmonitor.common.problem.Problems;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/** One running import per dataset, across replicas (the kernel frees the claim when the import ends). */
@Component
class ImportLocks extends JobClaims {

	static final String COLLECTION = "import_locks";

	ImportLocks(ReactiveMongoTemplate mongo) {
		super(mongo, COLLECTION, "importId", "imports", ImportJob.RUNNING);
	}

	/** Completes when the lock is taken; 409 problem when another import holds the dataset. */
	Mono<Void> acquire(String dataset, String importId) {
		return acquire(dataset, importId, holder -> Problems.conflict("Dataset \"" + dataset
				+ "\" already has an import running (" + holder + "); wait until it completes or fails"));
	}
}
