package dev.emotionmonitor.dashboard.bucket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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

import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * The {@link Directory} entries of the members and channels a withdrawal touched, made to say what their remaining
 * observations say (as {@link Directory#refresh} does) without reading those observations: whether a member has any
 * left, at all and in each of its channels, and whether a channel has any, comes from the month buckets (read by id);
 * only an entry whose first or last observation was withdrawn reads its new first or last one. Run it once the
 * withdrawn observations are gone and out of their buckets.
 */
@Component
public class WithdrawnEntries {

	private final ReactiveMongoTemplate mongo;

	private final BucketStore buckets;

	private final ZoneId zone;

	WithdrawnEntries(ReactiveMongoTemplate mongo, BucketStore buckets, DashboardProperties properties) {
		this.mongo = mongo;
		this.buckets = buckets;
		this.zone = properties.defaultZone();
	}

	public Mono<Void> refresh(Collection<ObservationFacts> withdrawn, Edges edges) {
		Map<String, List<ObservationFacts>> byMember = group(withdrawn, ObservationFacts::memberId);
		Map<String, List<ObservationFacts>> byChannel = group(withdrawn, ObservationFacts::channelId);
		return Mono.zip(entries(Directory.MEMBERS, byMember.keySet()), entries(Directory.CHANNELS, byChannel.keySet()))
			.flatMap(entries -> {
				List<BucketKey> keys = new ArrayList<>();
				for (Document member : entries.getT1()) {
					keys.addAll(months(member, BucketKey.ALL, id(member)));
					channelsOf(member, byMember.get(id(member)))
						.forEach(channel -> keys.addAll(months(member, channel, id(member))));
				}
				entries.getT2().forEach(channel -> keys.addAll(months(channel, id(channel), BucketKey.ALL)));
				return this.buckets.find(keys).flatMap(found -> {
					Flux<Write> members = Flux.fromIterable(entries.getT1())
						.concatMap(member -> member(member, byMember.get(id(member)), found, edges));
					Flux<Write> channels = Flux.fromIterable(entries.getT2())
						.concatMap(channel -> channel(channel, byChannel.get(id(channel)), found, edges));
					return members.concatWith(channels).collectList().flatMap(this::write);
				});
			});
	}

	/**
	 * The earliest ({@code ASC}) or latest ({@code DESC}) stored observation whose {@code field} ({@code memberId} or
	 * {@code channelId}) is {@code id}, ties broken by id as {@link Directory#refresh} breaks them.
	 */
	@FunctionalInterface
	public interface Edges {

		Mono<ObservationFacts> edge(String field, String id, Sort.Direction direction);
	}

	private Mono<Write> member(Document entry, List<ObservationFacts> gone, Map<String, Document> found, Edges edges) {
		String id = id(entry);
		if (!any(found, entry, BucketKey.ALL, id)) {
			return Mono.just(Write.remove(Directory.MEMBERS, id));
		}
		List<String> channels = channelsOf(entry, gone).stream()
			.filter(channel -> any(found, entry, channel, id))
			.toList();
		return ends(entry, gone, "memberId", edges).map(ends -> {
			Update update = new Update().set("channels", channels);
			ends.first().ifPresent(first -> update.set("firstAt", first.at()));
			ends.last().ifPresent(last -> update.set("lastAt", last.at()).set("name", last.memberName()));
			return Write.update(Directory.MEMBERS, id, update);
		});
	}

	private Mono<Write> channel(Document entry, List<ObservationFacts> gone, Map<String, Document> found, Edges edges) {
		String id = id(entry);
		if (!any(found, entry, id, BucketKey.ALL)) {
			return Mono.just(Write.remove(Directory.CHANNELS, id));
		}
		return ends(entry, gone, "channelId", edges)
			.filter(ends -> ends.first().isPresent() || ends.last().isPresent())
			.map(ends -> {
				Update update = new Update();
				ends.first().ifPresent(first -> update.set("firstAt", first.at()));
				ends.last().ifPresent(last -> Directory.latestOfChannel(update.set("lastAt", last.at()), last.channel(),
						last.guild(), last.parentChannelId(), last.parentChannel()));
				return Write.update(Directory.CHANNELS, id, update);
			});
	}

	/** The entry's new first and last observation, each read only if a withdrawn observation was its old one. */
	private Mono<Ends> ends(Document entry, List<ObservationFacts> gone, String field, Edges edges) {
		return Mono.zip(end(entry, gone, "firstAt", field, Sort.Direction.ASC, edges),
				end(entry, gone, "lastAt", field, Sort.Direction.DESC, edges))
			.map(both -> new Ends(both.getT1(), both.getT2()));
	}

	private static Mono<Optional<ObservationFacts>> end(Document entry, List<ObservationFacts> gone, String which,
			String field, Sort.Direction direction, Edges edges) {
		Instant at = entry.getDate(which).toInstant();
		if (gone.stream().noneMatch(facts -> facts.at().equals(at))) {
			return Mono.just(Optional.empty());
		}
		return edges.edge(field, id(entry), direction).map(Optional::of).defaultIfEmpty(Optional.empty());
	}

	/** Whether any month bucket of this channel (or all) and member (or the team) over the entry's time counts one. */
	private boolean any(Map<String, Document> found, Document entry, String channel, String member) {
		return months(entry, channel, member).stream()
			.map(key -> found.get(key.id()))
			.anyMatch(bucket -> bucket != null && ((Number) bucket.get("n")).longValue() > 0);
	}

	private List<BucketKey> months(Document entry, String channel, String member) {
		LocalDate first = entry.getDate("firstAt").toInstant().atZone(this.zone).toLocalDate();
		LocalDate last = entry.getDate("lastAt").toInstant().atZone(this.zone).toLocalDate();
		return Grain.MONTH.periods(first, last)
			.stream()
			.map(month -> new BucketKey(this.zone.getId(), Grain.MONTH, month, channel, member))
			.toList();
	}

	private static Set<String> channelsOf(Document member, List<ObservationFacts> gone) {
		Set<String> channels = new LinkedHashSet<>(member.getList("channels", String.class, List.of()));
		gone.forEach(facts -> channels.add(facts.channelId()));
		return channels;
	}

	private Mono<List<Document>> entries(String collection, Collection<String> ids) {
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection).collectList();
	}

	private Mono<Void> write(List<Write> writes) {
		return Flux.fromIterable(writes.stream()
			.collect(Collectors.groupingBy(Write::collection, LinkedHashMap::new, Collectors.toList()))
			.entrySet()).concatMap(collection -> {
				ReactiveBulkOperations bulk = this.mongo.bulkOps(BulkMode.UNORDERED, collection.getKey());
				for (Write write : collection.getValue()) {
					Query byId = Query.query(Criteria.where("_id").is(write.id()));
					if (write.update() == null) {
						bulk.remove(byId);
					}
					else {
						bulk.updateOne(byId, write.update());
					}
				}
				return bulk.execute();
			}).then();
	}

	private static String id(Document entry) {
		return entry.getString("_id");
	}

	private static Map<String, List<ObservationFacts>> group(Collection<ObservationFacts> facts,
			Function<ObservationFacts, String> key) {
		return facts.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
	}

	private record Ends(Optional<ObservationFacts> first, Optional<ObservationFacts> last) {
	}

	/** An entry to remove ({@code update} null) or to update. */
	private record Write(String collection, String id, Update update) {

		static Write remove(String collection, String id) {
			return new Write(collection, id, null);
		}

		static Write update(String collection, String id, Update update) {
			return new Write(collection, id, update);
		}
	}
}
