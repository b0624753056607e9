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
			channels.computeIfAbsent(observation.channelId(), id -> new Seen()).see(observation);
		}
		ReactiveBulkOperations memberOps = this.mongo.bulkOps(BulkMode.UNORDERED, MEMBERS);
		members.forEach((id, seen) -> memberOps.upsert(Query.query(Criteria.where("_id").is(id)),
				new Update().set("name", seen.lastName)
					.addToSet("channels").each(seen.channels.toArray())
					.min("firstAt", seen.first)
					.max("lastAt", seen.last)));
		ReactiveBulkOperations channelOps = this.mongo.bulkOps(BulkMode.UNORDERED, CHANNELS);
		channels.forEach((id, seen) -> {
			Update update = new Update().set("name", seen.lastChannel).min("firstAt", seen.first).max("lastAt", seen.last);
			if (seen.lastGuild != null) {
				update.set("guild", seen.lastGuild);
			}
			if (seen.lastParentId != null) {
				update.set("parentId", seen.lastParentId).set("parentName", seen.lastParentName);
			}
			channelOps.upsert(Query.query(Criteria.where("_id").is(id)), update);
		});
		return memberOps.execute().then(channelOps.execute()).then();
	}

	/**
	 * Makes the entries of these members and channels say exactly what {@code observations} (every stored observation
	 * of those members or in those channels) say: one with none left is forgotten, the others get their names,
	 * channels and first/last times from what remains. After a withdrawal, whose observations may have been the only
	 * ones, the latest ones, or the only ones in a channel.
	 */
	public Mono<Void> refresh(Collection<String> memberIds, Collection<String> channelIds,
			Collection<ObservationFacts> observations) {
		if (memberIds.isEmpty() && channelIds.isEmpty()) {
			return Mono.empty();
		}
		Map<String, Seen> members = new LinkedHashMap<>();
		Map<String, Seen> channels = new LinkedHashMap<>();
		for (ObservationFacts observation : observations) {
			if (memberIds.contains(observation.memberId())) {
				members.computeIfAbsent(observation.memberId(), id -> new Seen()).see(observation);
			}
			if (channelIds.contains(observation.channelId())) {
				channels.computeIfAbsent(observation.channelId(), id -> new Seen()).see(observation);
			}
		}
		ReactiveBulkOperations memberOps = this.mongo.bulkOps(BulkMode.UNORDERED, MEMBERS);
		for (String id : memberIds) {
			Seen seen = members.get(id);
			Query byId = Query.query(Criteria.where("_id").is(id));
			if (seen == null) {
				memberOps.remove(byId);
			}
			else {
				memberOps.upsert(byId, new Update().set("name", seen.lastName)
					.set("channels", List.copyOf(seen.channels))
					.set("firstAt", seen.first)
					.set("lastAt", seen.last));
			}
		}
		ReactiveBulkOperations channelOps = this.mongo.bulkOps(BulkMode.UNORDERED, CHANNELS);
		for (String id : channelIds) {
			Seen seen = channels.get(id);
			Query byId = Query.query(Criteria.where("_id").is(id));
			if (seen == null) {
				channelOps.remove(byId);
				continue;
			}
			channelOps.upsert(byId, latestOfChannel(new Update().set("firstAt", seen.first).set("lastAt", seen.last),
					seen.lastChannel, seen.lastGuild, seen.lastParentId, seen.lastParentName));
		}
		return (memberIds.isEmpty() ? Mono.empty() : memberOps.execute())
			.then(channelIds.isEmpty() ? Mono.empty() : channelOps.execute())
			.then();
	}

	/** A channel entry's name, guild and parent as its latest observation has them (a missing one unset). */
	static Update latestOfChannel(Update update, String name, String guild, String parentId, String parentName) {
		update.set("name", name);
		if (guild != null) {
			update.set("guild", guild);
		}
		else {
			update.unset("guild");
		}
		if (parentId != null) {
			update.set("parentId", parentId).set("parentName", parentName);
		}
		else {
			update.unset("parentId").unset("parentName");
		}
		return update;
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

	/** Channels by id; one stored before channels had ids has its name as id and no stored name. */
	public Flux<Channel> channels() {
		return this.mongo.find(new Query().with(Sort.by("_id")), Document.class, CHANNELS)
			.map(document -> new Channel(document.getString("_id"),
					document.getString("name") != null ? document.getString("name") : document.getString("_id"),
					document.getString("guild"), document.getString("parentId"), document.getString("parentName")));
	}

	public Flux<String> channelIds() {
		return channels().map(Channel::id);
	}

	/**
	 * A channel: its stable id, its latest display name, its guild (null when the source has none) and, for a thread
	 * or forum post, the id and name of the channel it belongs under (both null for an ordinary channel).
	 */
	public record Channel(String id, String name, String guild, String parentId, String parentName) {

		public Channel(String id, String name, String guild) {
			this(id, name, guild, null, null);
		}

		public boolean thread() {
			return this.parentId != null;
		}

		/** "guild / #name", or "#name" without a guild; a thread "guild / #parent › name". */
		public String label() {
			String where = this.guild == null ? "" : this.guild + " / ";
			return thread() ? where + "#" + this.parentName + " › " + this.name : where + "#" + this.name;
		}
	}

	public record Member(String id, String name, Set<String> channels, Instant firstAt, Instant lastAt) {
	}

	private static final class Seen {

		private Instant first;

		private Instant last;

		private String lastName;

		private String lastChannel;

		private String lastGuild;

		private String lastParentId;

		private String lastParentName;

		private final Set<String> channels = new LinkedHashSet<>();

		void see(ObservationFacts observation) {
			if (this.first == null || observation.at().isBefore(this.first)) {
				this.first = observation.at();
			}
			if (this.last == null || !observation.at().isBefore(this.last)) {
				this.last = observation.at();
				this.lastName = observation.memberName();
				this.lastChannel = observation.channel();
				this.lastGuild = observation.guild();
				this.lastParentId = observation.parentChannelId();
				this.lastParentName = observation.parentChannel();
			}
			this.channels.add(observation.channelId());
		}
	}
}
