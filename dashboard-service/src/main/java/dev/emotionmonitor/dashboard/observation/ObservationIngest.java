package dev.emotionmonitor.dashboard.observation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import dev.emotionmonitor.dashboard.alert.AlertEvaluator;
import dev.emotionmonitor.dashboard.bucket.BucketStore;
import dev.emotionmonitor.dashboard.bucket.DataVersion;
import dev.emotionmonitor.dashboard.bucket.Directory;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.bucket.ObservationFacts;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * Stores observations idempotently and keeps the buckets right: a new observation is counted in, a re-sent one with
 * new content is taken out of its old buckets and counted into its new ones, an exact repeat changes nothing. Each
 * batch is marked in the {@link IngestJournal} until all its figures are written; a batch cut short by a crash has its
 * months recomputed from the observations at the next start, before any new batch is taken.
 */
@Service
class ObservationIngest {

	private final ReactiveMongoTemplate mongo;

	private final BucketStore buckets;

	private final Directory directory;

	private final DataVersion dataVersion;

	private final AlertEvaluator alerts;

	private final SerialQueue queue;

	private final DashboardProperties properties;

	private final IngestJournal journal;

	private final BucketRepair repair;

	private final IngestSteps steps;

	ObservationIngest(ReactiveMongoTemplate mongo, BucketStore buckets, Directory directory, DataVersion dataVersion,
			AlertEvaluator alerts, SerialQueue queue, DashboardProperties properties, IngestJournal journal,
			BucketRepair repair, IngestSteps steps) {
		this.mongo = mongo;
		this.buckets = buckets;
		this.directory = directory;
		this.dataVersion = dataVersion;
		this.alerts = alerts;
		this.queue = queue;
		this.properties = properties;
		this.journal = journal;
		this.repair = repair;
		this.steps = steps;
	}

	Mono<IngestResult> ingest(List<Observation> observations) {
		return this.queue.submit(() -> store(observations));
	}

	/**
	 * Withdraws every observation (all sections, all members) of these messages on the ingest queue, after the batches
	 * before it and before those after it: an edited message's withdrawal and its new observations stay in order.
	 */
	Mono<Withdrawal> withdraw(List<MessageRef> messages) {
		return this.queue.submit(() -> remove(messages));
	}

	/** A full rebuild on the ingest queue, marked in the journal so that a crash in its middle redoes it at start. */
	Mono<BucketRepair.Rebuilt> rebuild() {
		return this.queue.submit(() -> this.journal.openAll()
			.flatMap(entry -> this.repair.rebuild().flatMap(rebuilt -> this.journal.close(entry).thenReturn(rebuilt))));
	}

	private Mono<IngestResult> store(List<Observation> observations) {
		IngestSteps.Clock clock = this.steps.start();
		Map<String, Observation> latest = new LinkedHashMap<>();
		observations.forEach(observation -> latest.put(observation.id(), observation));
		Query byIds = Query.query(Criteria.where("_id").in(latest.keySet()));
		return this.mongo.find(byIds, Observation.class)
			.collectMap(Observation::id)
			.flatMap(stored -> {
				List<Observation> created = new ArrayList<>();
				List<Observation> replacements = new ArrayList<>();
				List<ObservationFacts> removed = new ArrayList<>();
				for (Observation observation : latest.values()) {
					Observation old = stored.get(observation.id());
					if (old == null) {
						created.add(observation);
					}
					else if (!old.sameAs(observation)) {
						replacements.add(observation);
						removed.add(old.facts());
					}
				}
				IngestResult result = new IngestResult(observations.size(), created.size(), replacements.size(),
						latest.size() - created.size() - replacements.size());
				if (created.isEmpty() && replacements.isEmpty()) {
					return Mono.just(result);
				}
				List<ObservationFacts> added = new ArrayList<>();
				created.forEach(observation -> added.add(observation.facts()));
				replacements.forEach(observation -> added.add(observation.facts()));
				return this.journal.open(firstAt(removed, added), lastAt(removed, added))
					.flatMap(entry -> clock.passed(IngestSteps.JOURNAL, added.size())
						.then(write(created, replacements))
						.then(clock.passed(IngestSteps.OBSERVATIONS, added.size()))
						.then(this.buckets.apply(removed, added))
						.flatMap(count -> clock.passed(IngestSteps.BUCKETS, count))
						.then(this.directory.record(added))
						.then(this.dataVersion.bump())
						.then(clock.passed(IngestSteps.DIRECTORY, added.size()))
						.then(evaluateAlerts(removed, added))
						.then(clock.passed(IngestSteps.ALERTS, added.size()))
						.then(this.journal.close(entry)))
					.thenReturn(result);
			});
	}

	/**
	 * Journal first (with the members and channels whose directory entries may change), then the observations go,
	 * their figures leave the buckets, the directory entries are refreshed from what remains, and the weeks they were
	 * in are evaluated again. A crash at any step leaves the journal entry; the next start recomputes the months and
	 * refreshes the entries from the observations, so the figures end as if the withdrawal had finished (or, cut
	 * short before the observations went, as if it had not begun; the sender retries it).
	 */
	private Mono<Withdrawal> remove(List<MessageRef> messages) {
		IngestSteps.Clock clock = this.steps.start();
		Set<MessageRef> named = new HashSet<>(messages);
		Query byMessageIds = Query.query(Criteria.where("messageId")
			.in(messages.stream().map(MessageRef::messageId).distinct().toList()));
		return this.mongo.find(byMessageIds, Observation.class)
			.filter(observation -> named.contains(new MessageRef(observation.source(), observation.messageId())))
			.collectList()
			.flatMap(found -> {
				if (found.isEmpty()) {
					return Mono.just(new Withdrawal(0, 0));
				}
				List<ObservationFacts> removed = found.stream().map(Observation::facts).toList();
				Set<String> members = new TreeSet<>();
				Set<String> channels = new TreeSet<>();
				removed.forEach(facts -> {
					members.add(facts.memberId());
					channels.add(facts.channelId());
				});
				int withdrawnMessages = (int) found.stream()
					.map(observation -> new MessageRef(observation.source(), observation.messageId()))
					.distinct()
					.count();
				Query byIds = Query.query(Criteria.where("_id").in(found.stream().map(Observation::id).toList()));
				return this.journal.openWithdrawal(firstAt(removed, List.of()), lastAt(removed, List.of()), members,
						channels)
					.flatMap(entry -> clock.passed(IngestSteps.JOURNAL, removed.size())
						.then(this.mongo.remove(byIds, Observation.class))
						.then(clock.passed(IngestSteps.OBSERVATIONS, removed.size()))
						.then(this.buckets.apply(removed, List.of()))
						.flatMap(count -> clock.passed(IngestSteps.BUCKETS, count))
						.then(this.repair.refreshDirectory(removed))
						.then(this.dataVersion.bump())
						.then(clock.passed(IngestSteps.DIRECTORY, removed.size()))
						.then(reevaluateAlerts(removed))
						.then(clock.passed(IngestSteps.ALERTS, removed.size()))
						.then(this.journal.close(entry)))
					.thenReturn(new Withdrawal(removed.size(), withdrawnMessages));
			});
	}

	private static Instant firstAt(List<ObservationFacts> removed, List<ObservationFacts> added) {
		return Stream.concat(removed.stream(), added.stream()).map(ObservationFacts::at).min(Instant::compareTo).orElseThrow();
	}

	private static Instant lastAt(List<ObservationFacts> removed, List<ObservationFacts> added) {
		return Stream.concat(removed.stream(), added.stream()).map(ObservationFacts::at).max(Instant::compareTo).orElseThrow();
	}

	private Mono<Void> write(List<Observation> created, List<Observation> replacements) {
		ReactiveBulkOperations bulk = this.mongo.bulkOps(BulkMode.UNORDERED, Observation.class);
		if (!created.isEmpty()) {
			bulk.insert(created);
		}
		replacements.forEach(observation -> bulk.replaceOne(Query.query(Criteria.where("_id").is(observation.id())),
				observation, FindAndReplaceOptions.options().upsert()));
		return bulk.execute().then();
	}

	/** The weeks the withdrawn observations were in, evaluated again; their alerts that no longer hold are taken back. */
	private Mono<Void> reevaluateAlerts(List<ObservationFacts> removed) {
		if (!this.properties.alerts().evaluateOnWrite()) {
			return Mono.empty();
		}
		ZoneId zone = this.properties.defaultZone();
		TreeSet<LocalDate> weeks = new TreeSet<>();
		removed.forEach(facts -> weeks.add(Grain.WEEK.start(facts.at().atZone(zone).toLocalDate())));
		return this.alerts.reevaluate(zone, weeks).then();
	}

	private Mono<Void> evaluateAlerts(List<ObservationFacts> removed, List<ObservationFacts> added) {
		if (!this.properties.alerts().evaluateOnWrite()) {
			return Mono.empty();
		}
		ZoneId zone = this.properties.defaultZone();
		TreeSet<LocalDate> weeks = new TreeSet<>();
		removed.forEach(facts -> weeks.add(Grain.WEEK.start(facts.at().atZone(zone).toLocalDate())));
		added.forEach(facts -> weeks.add(Grain.WEEK.start(facts.at().atZone(zone).toLocalDate())));
		return this.alerts.evaluate(zone, weeks).then();
	}
}
