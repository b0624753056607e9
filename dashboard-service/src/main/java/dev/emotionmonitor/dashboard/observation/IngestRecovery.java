package dev.emotionmonitor.dashboard.observation;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * At start, before the web server takes a request: first on the ingest queue, so every batch waits for it, the
 * journal's unfinished changes are redone from the observations, and observations stored under the old id (without
 * the member) get their new one.
 */
@Component
class IngestRecovery implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(IngestRecovery.class);

	private final IngestJournal journal;

	private final BucketRepair repair;

	private final SerialQueue queue;

	private final ReactiveMongoTemplate mongo;

	IngestRecovery(IngestJournal journal, BucketRepair repair, SerialQueue queue, ReactiveMongoTemplate mongo) {
		this.journal = journal;
		this.repair = repair;
		this.queue = queue;
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.queue.submit(() -> migrateIds().then(migrateChannelIds()).then(redoUnfinished()).thenReturn(true))
			.subscribe(done -> {
			}, error -> log.error("Recovering unfinished ingests failed; POST /admin/rebuild recomputes every figure",
					error));
	}

	private Mono<Void> redoUnfinished() {
		return this.journal.pending().concatMap(entry -> {
			log.warn("{} of observations from {} to {} was cut short; recomputing its figures",
					entry.withdrawal() ? "A withdrawal" : "An ingest", entry.first(), entry.last());
			Mono<?> redo = entry.all() ? this.repair.rebuild() : this.repair.recompute(entry.first(), entry.last());
			if (entry.withdrawal()) {
				redo = redo.then(this.repair.refreshDirectory(
						entry.members() == null ? List.of() : entry.members(),
						entry.channels() == null ? List.of() : entry.channels()))
					.then(entry.all() ? Mono.empty() : this.repair.reevaluateAlerts(entry.first(), entry.last()));
			}
			return redo.then(this.journal.close(entry));
		}).then();
	}

	/**
	 * Observations stored before channels had ids take their name as id. Buckets, the channel list and alerts already
	 * use that name as key, so they stay right as they are.
	 */
	private Mono<Void> migrateChannelIds() {
		return this.mongo.find(Query.query(Criteria.where("channelId").exists(false)), Observation.class)
			.concatMap(observation -> this.mongo.save(observation.withChannelId()))
			.count()
			.doOnNext(count -> {
				if (count > 0) {
					log.info("Gave {} observations their channel's name as channel id", count);
				}
			})
			.then();
	}

	/** Earlier ids were source|message|section: a member could replace another's row by naming its message id. */
	private Mono<Void> migrateIds() {
		return this.mongo.find(Query.query(Criteria.where("_id").not().regex("^[^|]*\\|[^|]*\\|[^|]*\\|")),
				Observation.class)
			.filter(observation -> !observation.id().equals(observation.withCurrentId().id()))
			.concatMap(observation -> this.mongo.save(observation.withCurrentId())
				.then(this.mongo.remove(Query.query(Criteria.where("_id").is(observation.id())), Observation.class)))
			.count()
			.doOnNext(count -> {
				if (count > 0) {
					log.info("Gave {} observations their member-scoped id", count);
				}
			})
			.then();
	}
}
