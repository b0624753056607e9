package dev.emotionmonitor.scraper.run;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.scraper.message.StoreResult;
import dev.emotionmonitor.scraper.pipeline.OutboxCounts;
import dev.emotionmonitor.scraper.source.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Reads and writes scrape runs. */
@Component
public class Runs {

	private static final Logger log = LoggerFactory.getLogger(Runs.class);

	private final ReactiveMongoTemplate mongo;

	private final OutboxCounts counts;

	Runs(ReactiveMongoTemplate mongo, OutboxCounts counts) {
		this.mongo = mongo;
		this.counts = counts;
	}

	Mono<ScrapeRun> create(Source source, String trigger) {
		Instant now = Instant.now();
		return mongo.insert(new ScrapeRun(UUID.randomUUID().toString(), source.id(), source.name(), source.kind(),
				source.site(), source.channelLabel(), trigger, ScrapeRun.RUNNING, now, null, 0, 0, 0, 0, 0, null, null,
				0L, now, 0L));
	}

	/** Saves the counts; each save is also a heartbeat. */
	Mono<Void> progress(String runId, long seen, StoreResult stored, long errors, Long total, long deleted) {
		Update update = new Update().set("seen", seen)
			.set("deleted", deleted)
			.set("added", stored.added())
			.set("updated", stored.updated())
			.set("duplicates", stored.duplicates())
			.set("parseFailures", stored.parseFailures())
			.set("errors", errors)
			.set("heartbeatAt", Instant.now());
		if (total != null) {
			update.set("total", total);
		}
		return mongo.updateFirst(new Query(where("_id").is(runId)), update, ScrapeRun.class).then();
	}

	Mono<Void> finish(String runId, String status, String error) {
		Update update = new Update().set("status", status).set("endedAt", Instant.now());
		if (error != null) {
			update.set("error", error);
		}
		return mongo.updateFirst(new Query(where("_id").is(runId)), update, ScrapeRun.class).then();
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
		return mongo.find(filter(sourceId).with(Sort.by(Sort.Direction.DESC, "startedAt"))
			.skip((long) page * size)
			.limit(size), ScrapeRun.class);
	}

	Mono<Long> count(String sourceId) {
		return mongo.count(filter(sourceId), ScrapeRun.class);
	}

	private static Query filter(String sourceId) {
		return sourceId == null ? new Query() : new Query(Criteria.where("sourceId").is(sourceId));
	}

	/** A heartbeat for runs that are going on but have nothing to save (a rate-limit wait, a slow page). */
	Mono<Void> beat(Collection<String> runIds) {
		if (runIds.isEmpty()) {
			return Mono.empty();
		}
		return mongo.updateMulti(new Query(where("_id").in(runIds).and("status").is(ScrapeRun.RUNNING)),
				new Update().set("heartbeatAt", Instant.now()), ScrapeRun.class).then();
	}

	/**
	 * Marks interrupted the runs still running whose last heartbeat is before {@code cutoff} (runs from before
	 * heartbeats by their start) and that are not among {@code executing}; answers how many.
	 */
	Mono<Long> reclaim(Instant cutoff, Collection<String> executing, String error) {
		Criteria silent = new Criteria().orOperator(where("heartbeatAt").lt(cutoff),
				new Criteria().andOperator(where("heartbeatAt").exists(false), where("startedAt").lt(cutoff)));
		Query stale = new Query(where("status").is(ScrapeRun.RUNNING).and("_id").nin(executing)).addCriteria(silent);
		return mongo
			.updateMulti(stale, new Update().set("status", ScrapeRun.INTERRUPTED)
				.set("endedAt", Instant.now())
				.set("error", error), ScrapeRun.class)
			.map(result -> result.getModifiedCount());
	}

	/** A run still marked running when the service starts was cut off by a stop or crash. */
	@EventListener(ApplicationReadyEvent.class)
	void markInterrupted() {
		mongo
			.updateMulti(new Query(where("status").is(ScrapeRun.RUNNING)),
					new Update().set("status", ScrapeRun.INTERRUPTED)
						.set("endedAt", Instant.now())
						.set("error", "The service stopped while this run was going on; start the source again "
								+ "(messages already stored are kept and not duplicated)."),
					ScrapeRun.class)
			.doOnNext(result -> {
				if (result.getModifiedCount() > 0) {
					log.warn("Marked {} unfinished runs as interrupted", result.getModifiedCount());
				}
			})
			.subscribe();
	}
}
