package dev.emotionmonitor.scraper.run;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.scraper.pipeline.OutboxCounts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads scrape runs (the job kernel writes them: {@link ScrapeRunJobs}). */
@Component
public class Runs {

	private final ReactiveMongoTemplate mongo;

	private final OutboxCounts counts;

	Runs(ReactiveMongoTemplate mongo, OutboxCounts counts) {
		this.mongo = mongo;
		this.counts = counts;
	}

	public Mono<ScrapeRun> get(String id) {
		return mongo.findById(id, ScrapeRun.class)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No run with id " + id)));
	}

	public Mono<RunView> view(ScrapeRun run) {
		return counts.forRun(run.id()).map(c -> RunView.of(run, c.pending(), c.failed()));
	}

	public Mono<RunView> view(String id) {
		return get(id).flatMap(this::view);
	}

	Flux<ScrapeRun> page(String sourceId, int page, int size) {
		return mongo.find(filter(sourceId).with(Sort.by(Sort.Direction.DESC, "startedAt", "_id"))
			.skip((long) page * size)
			.limit(size), ScrapeRun.class);
	}

	Mono<Long> count(String sourceId) {
		return mongo.count(filter(sourceId), ScrapeRun.class);
	}

	private static Query filter(String sourceId) {
		return sourceId == null ? new Query() : new Query(Criteria.where("sourceId").is(sourceId));
	}
}
