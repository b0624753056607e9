package dev.emotionmonitor.corpus.ingest;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The imports whose dialogues readers may see. Every read (stats, listing, sample, export) goes through here, so a
 * running or failed import is never half-visible.
 */
@Component
public class CommittedImports {

	private final ReactiveMongoTemplate mongo;

	CommittedImports(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Completed imports, optionally of one dataset and one split (null = all). */
	public Flux<Committed> find(String dataset, String split) {
		Criteria criteria = where("status").is(ImportJob.COMPLETED);
		if (dataset != null) {
			criteria = criteria.and("dataset").is(dataset);
		}
		if (split != null) {
			criteria = criteria.and("split").is(split);
		}
		return this.mongo.find(Query.query(criteria), ImportJob.class)
			.map(job -> new Committed(job.id(), job.dataset(), job.split(),
					job.report() == null || job.report().acceptedByCode() == null ? Map.of()
							: job.report().acceptedByCode(),
					job.report() == null || job.report().personLength() == null ? LengthStats.empty()
							: job.report().personLength()));
	}

	public Mono<List<String>> ids(String dataset, String split) {
		return find(dataset, split).map(Committed::id).collectList();
	}

	/** A committed import's pre-aggregated figures (its dialogues are deduplicated, so figures add up). */
	public record Committed(String id, String dataset, String split, Map<String, Long> acceptedByCode,
			LengthStats personLength) {
	}
}
