package dev.emotionmonitor.dashboard.observation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.emotionmonitor.dashboard.alert.AlertEvaluator;
import dev.emotionmonitor.dashboard.bucket.BucketStore;
import dev.emotionmonitor.dashboard.bucket.DataVersion;
import dev.emotionmonitor.dashboard.bucket.Directory;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.bucket.ObservationFacts;
import dev.emotionmonitor.dashboard.bucket.RecomputeWindow;
import dev.emotionmonitor.dashboard.bucket.WithdrawnEntries;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * Makes the derived figures (buckets, member and channel directory, alerts) equal what the stored observations say:
 * for a time range after a crash, or for everything on {@code POST /admin/rebuild}. Run it on the ingest queue only.
 */
@Component
class BucketRepair {

	private final ReactiveMongoTemplate mongo;

	private final BucketStore buckets;

	private final Directory directory;

	private final DataVersion dataVersion;

	private final AlertEvaluator alerts;

	private final List<ZoneId> zones;

	private final boolean evaluateAlerts;

	private final WithdrawnEntries withdrawnEntries;

	BucketRepair(ReactiveMongoTemplate mongo, BucketStore buckets, Directory directory, DataVersion dataVersion,
			AlertEvaluator alerts, DashboardProperties properties, WithdrawnEntries withdrawnEntries) {
		this.mongo = mongo;
		this.withdrawnEntries = withdrawnEntries;
		this.buckets = buckets;
		this.directory = directory;
		this.dataVersion = dataVersion;
		this.alerts = alerts;
		this.zones = properties.zones();
		this.evaluateAlerts = properties.alerts().evaluateOnWrite();
	}

	/** Recomputes every bucket of the months (in every zone) in which observations from first to last fall. */
	Mono<Void> recompute(Instant first, Instant last) {
		List<RecomputeWindow> windows = this.zones.stream()
			.map(zone -> RecomputeWindow.around(zone, first, last))
			.toList();
		Instant start = windows.stream().map(RecomputeWindow::start).min(Instant::compareTo).orElseThrow();
		Instant end = windows.stream().map(RecomputeWindow::end).max(Instant::compareTo).orElseThrow();
		Query inRange = Query.query(Criteria.where("at").gte(start).lt(end)).with(Sort.by("at", "_id"));
		return facts(inRange).collectList()
			.flatMap(facts -> Flux.fromIterable(windows)
				.concatMap(window -> this.buckets.recompute(window, Flux.fromIterable(facts)
					.filter(fact -> !fact.at().isBefore(window.start()) && fact.at().isBefore(window.end()))))
				.then(this.directory.record(facts))
				.then(this.dataVersion.bump())
				.then(evaluateAlerts(weeks(windows.get(0)))));
	}

	/**
	 * Makes the directory entries of these members and channels match the observations still stored: those left
	 * with none are forgotten (a withdrawal may have taken their last ones).
	 */
	Mono<Void> refreshDirectory(Collection<String> members, Collection<String> channels) {
		if (members.isEmpty() && channels.isEmpty()) {
			return Mono.empty();
		}
		Query theirs = Query.query(new Criteria().orOperator(Criteria.where("memberId").in(members),
				Criteria.where("channelId").in(channels)))
			.with(Sort.by("at", "_id"));
		return facts(theirs).collectList().flatMap(facts -> this.directory.refresh(members, channels, facts));
	}

	/**
	 * After a withdrawal that went through (its observations gone and out of the buckets): the directory entries of
	 * their members and channels, from the buckets and, where a withdrawn observation was an entry's first or last, its
	 * new first or last observation, instead of every observation of those members and channels.
	 */
	Mono<Void> refreshDirectory(Collection<ObservationFacts> withdrawn) {
		return this.withdrawnEntries.refresh(withdrawn, this::edge);
	}

	/** One observation by the index on {@code field} and time (member_at, channel_id_at) on MongoDB. */
	private Mono<ObservationFacts> edge(String field, String id, Sort.Direction direction) {
		return facts(Query.query(Criteria.where(field).is(id)).with(Sort.by(direction, "at", "_id")).limit(1)).next();
	}

	/**
	 * After a withdrawal cut short: the weeks from {@code first} to {@code last} evaluated again, their open alerts that
	 * no longer hold taken back (as the withdrawal itself does).
	 */
	Mono<Void> reevaluateAlerts(Instant first, Instant last) {
		if (!this.evaluateAlerts) {
			return Mono.empty();
		}
		ZoneId zone = this.zones.get(0);
		TreeSet<LocalDate> weeks = new TreeSet<>(Grain.WEEK.periods(first.atZone(zone).toLocalDate(),
				last.atZone(zone).toLocalDate()));
		return this.alerts.reevaluate(zone, weeks).then();
	}

	/** Drops the buckets and the directory and counts every stored observation in again. */
	Mono<Rebuilt> rebuild() {
		long started = System.nanoTime();
		return facts(new Query().with(Sort.by("at", "_id"))).collectList()
			.flatMap(facts -> this.buckets.rebuild(Flux.fromIterable(facts))
				.flatMap(bucketCount -> this.directory.rebuild(facts)
					.then(this.dataVersion.bump())
					.then(facts.isEmpty() ? Mono.empty()
							: evaluateAlerts(weeks(RecomputeWindow.around(this.zones.get(0), facts.get(0).at(),
									facts.get(facts.size() - 1).at()))))
					.thenReturn(new Rebuilt(facts.size(), bucketCount, (System.nanoTime() - started) / 1_000_000))));
	}

	private Flux<ObservationFacts> facts(Query query) {
		query.fields()
			.include("memberId", "memberName", "channelId", "channel", "guild", "parentChannelId", "parentChannel", "at",
					"scores", "label");
		return this.mongo.find(query, Observation.class).map(Observation::facts);
	}

	private static TreeSet<LocalDate> weeks(RecomputeWindow window) {
		return new TreeSet<>(Grain.WEEK.periods(window.from(), window.to()));
	}

	private Mono<Void> evaluateAlerts(TreeSet<LocalDate> weeks) {
		if (!this.evaluateAlerts) {
			return Mono.empty();
		}
		return this.alerts.evaluate(this.zones.get(0), weeks).then();
	}

	/** What a rebuild counted: observations read, buckets written, and how long it took. */
	record Rebuilt(int observations, int buckets, long tookMs) {
	}
}
