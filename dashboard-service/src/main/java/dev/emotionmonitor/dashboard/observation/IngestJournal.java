package dev.emotionmonitor.dashboard.observation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Write-ahead marks of the changes under way: an entry is written before a batch touches observations or buckets and
 * removed when every derived figure is written. An entry found at start names the time range whose buckets a crash
 * may have left half-counted; {@link BucketRepair} recomputes them from the observations.
 */
@Component
class IngestJournal {

	private final ReactiveMongoTemplate mongo;

	IngestJournal(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	Mono<Entry> open(Instant first, Instant last) {
		return this.mongo.insert(new Entry(UUID.randomUUID().toString(), first, last, Instant.now(), null, null));
	}

	/**
	 * An entry for a withdrawal: besides the time range, the members and channels whose directory entries it may
	 * empty or change, so that a crash in its middle refreshes them too.
	 */
	Mono<Entry> openWithdrawal(Instant first, Instant last, Collection<String> members, Collection<String> channels) {
		return this.mongo.insert(new Entry(UUID.randomUUID().toString(), first, last, Instant.now(), List.copyOf(members),
				List.copyOf(channels)));
	}

	/** An entry for a change of everything (a rebuild): redone whole if cut short. */
	Mono<Entry> openAll() {
		return open(null, null);
	}

	Mono<Void> close(Entry entry) {
		return this.mongo.remove(Query.query(Criteria.where("_id").is(entry.id())), Entry.class).then();
	}

	Flux<Entry> pending() {
		return this.mongo.findAll(Entry.class);
	}

	/**
	 * {@code first} and {@code last} bound the observation times touched; both null for all of them. A withdrawal
	 * names the {@code members} and {@code channels} whose directory entries must be refreshed (null otherwise).
	 */
	@Document("ingest_journal")
	record Entry(@Id String id, Instant first, Instant last, Instant openedAt, List<String> members,
			List<String> channels) {

		boolean withdrawal() {
			return this.members != null || this.channels != null;
		}

		boolean all() {
			return this.first == null || this.last == null;
		}
	}
}
