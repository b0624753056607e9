package dev.emotionmonitor.dashboard.bucket;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The members and channels seen so far: small collections the dashboard lists to know which buckets to read. */
@Component
public class Directory {

	static final String MEMBERS = "members";

	static final String CHANNELS = "channels";

	private final ReactiveMongoTemplate mongo;

	Directory(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<Void> record(Collection<ObservationFacts> observations) {
		if (observations.isEmpty()) {
			return Mono.empty();
		}
		Map<String, Seen> members = new LinkedHashMap<>();
		Map<String, Seen> channels = new LinkedHashMap<>();
		for (ObservationFacts observation : observations) {
			members.computeIfAbsent(observation.memberId(), id -> new Seen()).see(observation);
			channels.computeIfAbsent(observation.channel(), id -> new Seen()).see(observation);
		}
		ReactiveBulkOperations memberOps = this.mongo.bulkOps(BulkMode.UNORDERED, MEMBERS);
		members.forEach((id, seen) -> memberOps.upsert(Query.query(Criteria.where("_id").is(id)),
				new Update().set("name", seen.lastName)
					.addToSet("channels").each(seen.channels.toArray())
					.min("firstAt", seen.first)
					.max("lastAt", seen.last)));
		ReactiveBulkOperations channelOps = this.mongo.bulkOps(BulkMode.UNORDERED, CHANNELS);
		channels.forEach((id, seen) -> channelOps.upsert(Query.query(Criteria.where("_id").is(id)),
				new Update().min("firstAt", seen.first).max("lastAt", seen.last)));
		return memberOps.execute().then(channelOps.execute()).then();
	}

	/** Forgets every member and channel and records these observations (all that are stored) instead. */
	public Mono<Void> rebuild(Collection<ObservationFacts> observations) {
		return this.mongo.remove(new Query(), MEMBERS)
			.then(this.mongo.remove(new Query(), CHANNELS))
			.then(record(observations));
	}

	public Flux<Member> members() {
		return this.mongo.find(new Query().with(Sort.by("_id")), Document.class, MEMBERS)
			.map(document -> new Member(document.getString("_id"), document.getString("name"),
					Set.copyOf(document.getList("channels", String.class, List.of())),
					document.getDate("firstAt").toInstant(), document.getDate("lastAt").toInstant()));
	}

	public Flux<String> channels() {
		return this.mongo.find(new Query().with(Sort.by("_id")), Document.class, CHANNELS)
			.map(document -> document.getString("_id"));
	}

	public record Member(String id, String name, Set<String> channels, Instant firstAt, Instant lastAt) {
	}

	private static final class Seen {

		private Instant first;

		private Instant last;

		private String lastName;

		private final Set<String> channels = new LinkedHashSet<>();

		void see(ObservationFacts observation) {
			if (this.first == null || observation.at().isBefore(this.first)) {
				this.first = observation.at();
			}
			if (this.last == null || !observation.at().isBefore(this.last)) {
				this.last = observation.at();
				this.lastName = observation.memberName();
			}
			this.channels.add(observation.channel());
		}
	}
}
