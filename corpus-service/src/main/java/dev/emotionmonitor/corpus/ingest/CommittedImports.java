package dev.emotionmonitor.corpus.ingest;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.emotionmonitor.common.problem.Problems;

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

	/**
	 * The completed imports a reader's {@code dataset} and {@code split} select; blank means any (the classifier
	 * sends {@code split=}). A dataset with no completed import is a 404 naming the known ones; a split the dataset
	 * (or, without a dataset, the corpus) does not have is a 400 naming those it has: an empty answer would pass for
	 * an empty corpus.
	 */
	public Mono<List<Committed>> select(String dataset, String split) {
		String wantedDataset = dataset == null || dataset.isBlank() ? null : dataset;
		String wantedSplit = split == null || split.isBlank() ? null : split;
		return find(wantedDataset, null).collectList().flatMap(imports -> {
			if (wantedDataset != null && imports.isEmpty()) {
				return datasets().flatMap(known -> Mono.error(Problems.of(HttpStatus.NOT_FOUND,
						"No dataset \"" + wantedDataset + "\" in the corpus; " + (known.isEmpty()
								? "nothing has been imported yet" : "the datasets are " + String.join(", ", known)),
						Map.of("datasets", known))));
			}
			if (wantedSplit == null) {
				return Mono.just(imports);
			}
			List<Committed> selected = imports.stream().filter(one -> one.split().equals(wantedSplit)).toList();
			if (!selected.isEmpty()) {
				return Mono.just(selected);
			}
			List<String> splits = SPLITS.stream()
				.filter(name -> imports.stream().anyMatch(one -> one.split().equals(name)))
				.toList();
			String holder = wantedDataset == null ? "The corpus" : "Dataset \"" + wantedDataset + "\"";
			return Mono.error(Problems.of(HttpStatus.BAD_REQUEST, holder + " has no split \"" + wantedSplit + "\"; "
					+ (splits.isEmpty() ? "nothing has been imported yet"
							: "its splits are " + String.join(", ", splits) + " (or leave split empty for all)"),
					Map.of("splits", splits)));
		});
	}

	public Mono<List<String>> ids(String dataset, String split) {
		return select(dataset, split).map(imports -> imports.stream().map(Committed::id).toList());
	}

	/** Names of the datasets that hold a completed import, sorted. */
	public Mono<List<String>> datasets() {
		return this.mongo.findDistinct(Query.query(where("status").is(ImportJob.COMPLETED)), "dataset", ImportJob.class,
				String.class)
			.sort()
			.collectList();
	}

	private static final List<String> SPLITS = List.of("train", "validation", "test");

	/** A committed import's pre-aggregated figures (its dialogues are deduplicated, so figures add up). */
	public record Committed(String id, String dataset, String split, Map<String, Long> acceptedByCode,
			LengthStats personLength) {
	}
}
