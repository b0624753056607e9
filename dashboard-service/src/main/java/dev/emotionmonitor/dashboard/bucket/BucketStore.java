package dev.emotionmonitor.dashboard.bucket;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * The pre-aggregated buckets: every observation counts in each grain (day, week, month) of each configured zone, for
 * its channel and for all channels, once in the team bucket and once in its member's bucket. Writes are {@code $inc}
 * upserts; reads fetch buckets by their computed ids only, the one lookup every MongoDB-wire store answers from an index.
 */
@Component
public class BucketStore {

	public static final String COLLECTION = "buckets";

	private static final int IDS_PER_QUERY = 2000;

	private final ReactiveMongoTemplate mongo;

	private final List<ZoneId> zones;

	BucketStore(ReactiveMongoTemplate mongo, DashboardProperties properties) {
		this.mongo = mongo;
		this.zones = properties.zones();
	}

	/** Takes the removed observations out of their buckets and counts the added ones in, in one bulk write. */
	public Mono<Integer> apply(Collection<ObservationFacts> removed, Collection<ObservationFacts> added) {
		Map<String, BucketDelta> deltas = new LinkedHashMap<>();
		removed.forEach(observation -> collect(deltas, observation, -1, this.zones, key -> true));
		added.forEach(observation -> collect(deltas, observation, +1, this.zones, key -> true));
		return write(deltas.values());
	}

	/**
	 * Rebuilds the window's buckets from {@code observations} (all those stored inside it), so that they count
	 * exactly what is stored whatever increments a crash cut short.
	 */
	public Mono<Integer> recompute(RecomputeWindow window, Flux<ObservationFacts> observations) {
		return observations
			.collect(LinkedHashMap<String, BucketDelta>::new,
					(deltas, observation) -> collect(deltas, observation, +1, List.of(window.zone()), window::covers))
			.flatMap(deltas -> this.mongo.remove(Query.query(within(window)), COLLECTION)
				.then(write(deltas.values())));
	}

	/** Drops every bucket and counts {@code observations} (all that are stored) in again; holds the buckets in memory. */
	public Mono<Integer> rebuild(Flux<ObservationFacts> observations) {
		return observations
			.collect(LinkedHashMap<String, BucketDelta>::new,
					(deltas, observation) -> collect(deltas, observation, +1, this.zones, key -> true))
			.flatMap(deltas -> this.mongo.remove(new Query(), COLLECTION).then(write(deltas.values())));
	}

	private static Criteria within(RecomputeWindow window) {
		return Criteria.where("zone")
			.is(window.zone().getId())
			.orOperator(
					Criteria.where("grain")
						.in(Grain.DAY.id(), Grain.WEEK.id())
						.and("period")
						.gte(window.from().toString())
						.lte(window.to().toString()),
					Criteria.where("grain")
						.is(Grain.MONTH.id())
						.and("period")
						.gte(window.firstMonth().toString())
						.lte(window.lastMonth().toString()));
	}

	private Mono<Integer> write(Collection<BucketDelta> deltas) {
		List<BucketDelta> changes = deltas.stream().filter(delta -> !delta.empty()).toList();
		if (changes.isEmpty()) {
			return Mono.just(0);
		}
		ReactiveBulkOperations bulk = this.mongo.bulkOps(BulkMode.UNORDERED, COLLECTION);
		changes.forEach(delta -> bulk.upsert(Query.query(Criteria.where("_id").is(delta.key.id())), update(delta)));
		return bulk.execute().thenReturn(changes.size());
	}

	private static void collect(Map<String, BucketDelta> deltas, ObservationFacts observation, int sign,
			List<ZoneId> zones, Predicate<BucketKey> counted) {
		for (ZoneId zone : zones) {
			LocalDate date = observation.at().atZone(zone).toLocalDate();
			for (Grain grain : Grain.values()) {
				LocalDate period = grain.start(date);
				for (String channel : List.of(observation.channelId(), BucketKey.ALL)) {
					for (String member : List.of(BucketKey.ALL, observation.memberId())) {
						BucketKey key = new BucketKey(zone.getId(), grain, period, channel, member);
						if (counted.test(key)) {
							deltas.computeIfAbsent(key.id(), id -> new BucketDelta(key)).add(observation, sign);
						}
					}
				}
			}
		}
	}

	private static Update update(BucketDelta delta) {
		BucketKey key = delta.key;
		Update update = new Update().setOnInsert("zone", key.zone())
			.setOnInsert("grain", key.grain().id())
			.setOnInsert("period", key.period().toString())
			.setOnInsert("channel", key.channelId())
			.setOnInsert("memberId", key.memberId())
			.inc("n", delta.n);
		for (Emotion emotion : Emotion.ALL) {
			double sum = delta.sums[emotion.ordinal()];
			if (sum != 0) {
				update.inc("sums." + emotion.id(), sum);
			}
			long labels = delta.labels[emotion.ordinal()];
			if (labels != 0) {
				update.inc("labels." + emotion.id(), labels);
			}
		}
		delta.members.forEach((member, count) -> {
			if (count != 0) {
				update.inc("members." + MemberKeys.encode(member), count);
			}
		});
		if (delta.memberName != null) {
			update.set("memberName", delta.memberName);
		}
		return update;
	}

	/** The stored buckets of these keys, by key id; keys without a bucket are absent. */
	public Mono<Map<String, Document>> find(Collection<BucketKey> keys) {
		List<String> ids = keys.stream().map(BucketKey::id).distinct().toList();
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<List<String>> chunks = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
			chunks.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)));
		}
		return Flux.fromIterable(chunks)
			.concatMap(chunk -> this.mongo.find(Query.query(Criteria.where("_id").in(chunk)), Document.class, COLLECTION))
			.collectMap(document -> document.getString("_id"), document -> document, HashMap::new);
	}

	/** Totals of one channel (or {@link BucketKey#ALL}) and member (or the team) over whole local days [from, to]. */
	public Mono<EmotionTotals> total(ZoneId zone, String channel, String memberId, LocalDate from, LocalDate to) {
		List<BucketKey> keys = cover(zone, channel, memberId, from, to);
		return find(keys).map(found -> {
			EmotionTotals totals = new EmotionTotals();
			keys.forEach(key -> {
				Document bucket = found.get(key.id());
				if (bucket != null) {
					totals.add(bucket);
				}
			});
			return totals;
		});
	}

	/** Fewest buckets that cover [from, to] exactly: whole months, and days at the edges. */
	static List<BucketKey> cover(ZoneId zone, String channel, String memberId, LocalDate from, LocalDate to) {
		List<BucketKey> keys = new ArrayList<>();
		LocalDate day = from;
		while (!day.isAfter(to)) {
			LocalDate monthEnd = day.withDayOfMonth(day.lengthOfMonth());
			if (day.getDayOfMonth() == 1 && !monthEnd.isAfter(to)) {
				keys.add(new BucketKey(zone.getId(), Grain.MONTH, day, channel, memberId));
				day = monthEnd.plusDays(1);
			}
			else {
				keys.add(new BucketKey(zone.getId(), Grain.DAY, day, channel, memberId));
				day = day.plusDays(1);
			}
		}
		return keys;
	}

	/**
	 * The latest week, at most {@code lookback} weeks back from the week of {@code day}, in which the channel (or
	 * {@link BucketKey#ALL}) has observations; empty when none has.
	 */
	public Mono<LocalDate> latestWeekWithData(ZoneId zone, String channelId, LocalDate day, int lookback) {
		LocalDate last = Grain.WEEK.start(day);
		return series(zone, Grain.WEEK, channelId, BucketKey.ALL, last.minusWeeks(lookback), last)
			.flatMap(series -> Mono.justOrEmpty(series.entrySet().stream()
				.filter(entry -> entry.getValue().n() > 0)
				.map(Map.Entry::getKey)
				.max(LocalDate::compareTo)));
	}

	/** Buckets of every period of {@code grain} overlapping [from, to], in order, empty totals where none exists. */
	public Mono<Map<LocalDate, EmotionTotals>> series(ZoneId zone, Grain grain, String channel, String memberId,
			LocalDate from, LocalDate to) {
		List<BucketKey> keys = grain.periods(from, to).stream()
			.map(period -> new BucketKey(zone.getId(), grain, period, channel, memberId))
			.toList();
		return find(keys).map(found -> {
			Map<LocalDate, EmotionTotals> series = new LinkedHashMap<>();
			keys.forEach(key -> {
				EmotionTotals totals = new EmotionTotals();
				Document bucket = found.get(key.id());
				if (bucket != null) {
					totals.add(bucket);
				}
				series.put(key.period(), totals);
			});
			return series;
		});
	}
}
