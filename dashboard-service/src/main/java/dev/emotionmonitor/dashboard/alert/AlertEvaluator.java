package dev.emotionmonitor.dashboard.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.dashboard.EmotionStat;
import dev.emotionmonitor.dashboard.bucket.BucketKey;
import dev.emotionmonitor.dashboard.bucket.BucketStore;
import dev.emotionmonitor.dashboard.bucket.Directory;
import dev.emotionmonitor.dashboard.bucket.EmotionTotals;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.config.DashboardProperties;
import dev.emotionmonitor.dashboard.metrics.DashboardMetrics;

/**
 * The alert rules, evaluated for a week from the buckets: a member whose share of one negative emotion rose clearly
 * above their own earlier weeks and the rest of the team ({@link MemberShift}), and a channel (or the team) whose negative share rose above its baseline by a threshold.
 * Re-evaluating is idempotent and never reopens an acknowledged alert.
 */
@Component
public class AlertEvaluator {

	static final String MEMBER_SHIFT = "member_shift";

	/** The signal of a member alert on the five negative emotions together. */
	static final String NEGATIVE = "negative";

	static final String TEAM_SHARE = "team_negative_share";

	private final ReactiveMongoTemplate mongo;

	private final BucketStore buckets;

	private final Directory directory;

	private final DashboardProperties properties;

	private final DashboardMetrics metrics;

	AlertEvaluator(ReactiveMongoTemplate mongo, BucketStore buckets, Directory directory, DashboardProperties properties,
			DashboardMetrics metrics) {
		this.metrics = metrics;
		this.mongo = mongo;
		this.buckets = buckets;
		this.directory = directory;
		this.properties = properties;
	}

	/** Evaluates both rules for each week (a week is named by its Monday); answers how many alerts were raised or updated. */
	public Mono<Integer> evaluate(ZoneId zone, Collection<LocalDate> weeks) {
		return Flux.fromIterable(weeks)
			.concatMap(week -> memberShifts(zone, week).zipWith(teamShares(zone, week), Integer::sum))
			.reduce(0, Integer::sum)
			.doOnNext(alerts -> this.metrics.evaluated(weeks.size(), alerts));
	}

	/**
	 * Evaluates the weeks again after observations were withdrawn from them, and takes back the open alerts of those
	 * weeks that no longer hold: a team alert of the week, a member's episode that began in it. (An episode that began
	 * earlier stays: it held until the week before. Acknowledged alerts stay, as people's record.)
	 */
	public Mono<Integer> reevaluate(ZoneId zone, Collection<LocalDate> weeks) {
		// upserts store updatedAt in milliseconds: an alert raised by this evaluation has updatedAt >= started
		Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		int recentWeeks = this.properties.alerts().recentWeeks();
		Query candidates = Query.query(Criteria.where("zone").is(zone.getId())
			.and("status").is(Alert.OPEN)
			.and("weekStart").in(weeks.stream().map(LocalDate::toString).toList())
			.and("updatedAt").lt(started));
		return evaluate(zone, weeks).flatMap(raised -> this.mongo.find(candidates, Alert.class)
			.filter(alert -> TEAM_SHARE.equals(alert.rule()) || (MEMBER_SHIFT.equals(alert.rule())
					&& LocalDate.parse(alert.weekStart()).minusWeeks(recentWeeks - 1).toString()
						.equals(String.valueOf(alert.values().get("first_week")))))
			.map(Alert::id)
			.collectList()
			.flatMap(stale -> stale.isEmpty() ? Mono.just(raised)
					: this.mongo.remove(Query.query(Criteria.where("_id").in(stale)), Alert.class).thenReturn(raised)));
	}

	/**
	 * The member rule ({@link MemberShift}) for each member who wrote in {@code week}: their label counts of the recent
	 * and baseline weeks against the rest of the team in the recent weeks. A finding extends the open episode of the
	 * same member and signal when there is one (its last week is at most the recent window before), or starts one.
	 */
	private Mono<Integer> memberShifts(ZoneId zone, LocalDate week) {
		DashboardProperties.Alerts alerts = this.properties.alerts();
		MemberShift.Settings rule = new MemberShift.Settings(alerts.recentWeeks(), alerts.memberBaselineWeeks(),
				alerts.minRecentMessages(), alerts.minBaselineMessages(), alerts.minRise(), alerts.maxPValue(),
				alerts.minWeeksAbove());
		int span = rule.recentWeeks() + rule.baselineWeeks();
		LocalDate first = week.minusWeeks(span - 1);
		List<BucketKey> teamKeys = new ArrayList<>();
		for (int back = 0; back < rule.recentWeeks(); back++) {
			teamKeys.add(memberWeek(zone, week.minusWeeks(back), BucketKey.ALL));
		}
		return this.buckets.find(teamKeys).flatMap(team -> {
			EmotionTotals teamRecent = new EmotionTotals();
			teamKeys.forEach(key -> teamRecent.add(EmotionTotals.of(team.get(key.id()))));
			List<String> active = List.copyOf(EmotionTotals.of(team.get(teamKeys.get(0).id())).activeMembers());
			if (active.isEmpty()) {
				return Mono.just(0);
			}
			List<BucketKey> keys = new ArrayList<>();
			for (String member : active) {
				for (int back = 0; back < span; back++) {
					keys.add(memberWeek(zone, week.minusWeeks(back), member));
				}
			}
			return Mono.zip(this.buckets.find(keys), this.directory.members().collectMap(Directory.Member::id))
				.flatMap(found -> Flux.fromIterable(active).concatMap(member -> {
					List<long[]> weeks = new ArrayList<>();
					long[] own = new long[Emotion.COUNT];
					String name = member;
					for (int back = span - 1; back >= 0; back--) {
						Document bucket = found.getT1().get(memberWeek(zone, week.minusWeeks(back), member).id());
						EmotionTotals totals = EmotionTotals.of(bucket);
						weeks.add(totals.labelCounts());
						if (back < rule.recentWeeks()) {
							add(own, totals.labelCounts());
						}
						if (bucket != null && bucket.getString("memberName") != null) {
							name = bucket.getString("memberName");
						}
					}
					long[] others = teamRecent.labelCounts();
					for (int i = 0; i < Emotion.COUNT; i++) {
						others[i] -= own[i];
					}
					Directory.Member known = found.getT2().get(member);
					List<String> channels = known == null ? List.of() : known.channels().stream().sorted().toList();
					String memberName = name;
					return Mono.justOrEmpty(MemberShift.evaluate(weeks, others, rule))
						.flatMap(finding -> raiseShift(zone, week, first, member, memberName, channels, finding, rule));
				}).count().map(Long::intValue));
		});
	}

	private Mono<Boolean> raiseShift(ZoneId zone, LocalDate week, LocalDate first, String member, String name,
			List<String> channels, MemberShift.Finding finding, MemberShift.Settings rule) {
		String signal = finding.emotion() == null ? NEGATIVE : finding.emotion().id();
		LocalDate recentFrom = week.minusWeeks(rule.recentWeeks() - 1);
		BiFunction<String, LocalDate, Mono<Boolean>> write = (id, start) -> writeShift(zone, week,
				first, recentFrom, member, name, channels, finding, signal, id, start);
		Query episodes = Query.query(Criteria.where("rule").is(MEMBER_SHIFT).and("memberId").is(member)
			.and("zone").is(zone.getId()).and("values.signal").is(signal));
		return this.mongo.find(episodes, Alert.class)
			.filter(alert -> !LocalDate.parse(alert.weekStart()).isBefore(recentFrom.minusWeeks(1))
					&& !LocalDate.parse(String.valueOf(alert.values().get("first_week"))).isAfter(week))
			.next()
			.flatMap(alert -> LocalDate.parse(alert.weekStart()).isAfter(week) ? Mono.just(false)
					: write.apply(alert.id(), LocalDate.parse(String.valueOf(alert.values().get("first_week")))))
			.switchIfEmpty(Mono.defer(() -> write.apply(alertId(MEMBER_SHIFT, zone.getId(), member, signal, recentFrom.toString()),
					recentFrom)));
	}

	private Mono<Boolean> writeShift(ZoneId zone, LocalDate week, LocalDate first, LocalDate recentFrom, String member,
			String name, List<String> channels, MemberShift.Finding finding, String signal, String id,
			LocalDate episodeStart) {
		LocalDate episodeFrom = episodeStart.isBefore(recentFrom) ? episodeStart : recentFrom;
		int weeks = (int) ChronoUnit.WEEKS.between(episodeFrom, week) + 1;
		String what = finding.emotion() == null ? "부정 감정" : finding.emotion().korean();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("signal", signal);
		values.put("signal_ko", what);
		values.put("baseline_share", EmotionStat.round(finding.baselineShare()));
		values.put("recent_share", EmotionStat.round(finding.recentShare()));
		values.put("team_share", EmotionStat.round(finding.teamShare()));
		values.put("weeks", weeks);
		values.put("first_week", episodeFrom.toString());
		values.put("last_week", week.toString());
		values.put("baseline_from", first.toString());
		values.put("recent_n", finding.recentN());
		values.put("baseline_n", finding.baselineN());
		values.put("p_value", finding.pValue());
		values.put("timeline", "/members/" + member + "/timeline?grain=week&from=" + first + "&to="
				+ week.plusDays(6));
		String message = name + ": " + what + " 비중 " + spaced(finding.baselineShare()) + " → "
				+ spaced(finding.recentShare()) + ", " + weeks + "주 (" + episodeFrom + " ~ " + week.plusDays(6)
				+ "; 같은 주 팀 " + spaced(finding.teamShare()) + ")";
		return upsert(id, MEMBER_SHIFT, zone, week, BucketKey.ALL, channels, member, name,
				message, values);
	}

	private static BucketKey memberWeek(ZoneId zone, LocalDate week, String member) {
		return new BucketKey(zone.getId(), Grain.WEEK, week, BucketKey.ALL, member);
	}

	private static void add(long[] into, long[] counts) {
		for (int i = 0; i < into.length; i++) {
			into[i] += counts[i];
		}
	}

	private Mono<Integer> teamShares(ZoneId zone, LocalDate week) {
		DashboardProperties.Alerts rules = this.properties.alerts();
		return this.directory.channels().collectMap(Directory.Channel::id, Directory.Channel::label).flatMap(labels -> {
			List<String> channels = new ArrayList<>(labels.keySet());
			channels.add(BucketKey.ALL);
			List<BucketKey> keys = new ArrayList<>();
			for (String channel : channels) {
				for (int back = 0; back <= rules.baselineWeeks(); back++) {
					keys.add(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), channel, BucketKey.ALL));
				}
			}
			return this.buckets.find(keys).flatMap(found -> {
				List<Mono<Boolean>> raised = new ArrayList<>();
				for (String channel : channels) {
					EmotionTotals current = totals(found.get(new BucketKey(zone.getId(), Grain.WEEK, week, channel, BucketKey.ALL).id()));
					if (current.n() == 0 || current.distinctMembers() < this.properties.minMembers()) {
						continue;
					}
					EmotionTotals baseline = new EmotionTotals();
					int baselineWeeks = 0;
					for (int back = 1; back <= rules.baselineWeeks(); back++) {
						EmotionTotals earlier = totals(found.get(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), channel, BucketKey.ALL).id()));
						if (earlier.n() > 0) {
							baselineWeeks++;
							baseline.add(earlier);
						}
					}
					if (baselineWeeks < rules.minBaselineWeeks()) {
						continue;
					}
					double share = current.negativeShare();
					double base = baseline.negativeShare();
					if (share - base <= rules.shareRise()) {
						continue;
					}
					Map<String, Object> values = new LinkedHashMap<>();
					values.put("negative_share", EmotionStat.round(share));
					values.put("baseline_share", EmotionStat.round(base));
					values.put("baseline_weeks", baselineWeeks);
					values.put("threshold", rules.shareRise());
					String where = BucketKey.ALL.equals(channel) ? "팀 전체 (whole team)" : labels.get(channel);
					String message = where + ": 이번 주 부정 비율 " + percent(share) + " — " + rules.baselineWeeks()
							+ "주 기준선 " + percent(base) + "보다 " + Math.round((share - base) * 100)
							+ "%p 높음 (negative share above its baseline)";
					String id = alertId(TEAM_SHARE, zone.getId(), channel, week.toString());
					raised.add(upsert(id, TEAM_SHARE, zone, week, channel,
							BucketKey.ALL.equals(channel) ? List.of() : List.of(channel), null, null, message, values));
				}
				return Flux.concat(raised).count().map(Long::intValue);
			});
		});
	}

	private Mono<Boolean> upsert(String id, String rule, ZoneId zone, LocalDate week, String channel,
			List<String> channels, String memberId, String memberName, String message, Map<String, Object> values) {
		Instant now = Instant.now();
		Update update = new Update().set("rule", rule)
			.set("zone", zone.getId())
			.set("weekStart", week.toString())
			.set("channel", channel)
			.set("channels", channels)
			.set("message", message)
			.set("values", values)
			.set("updatedAt", now)
			.setOnInsert("status", Alert.OPEN)
			.setOnInsert("createdAt", now);
		if (memberId != null) {
			update.set("memberId", memberId).set("memberName", memberName);
		}
		return this.mongo.upsert(Query.query(Criteria.where("_id").is(id)), update, Alert.COLLECTION).thenReturn(true);
	}

	private static EmotionTotals totals(Document bucket) {
		EmotionTotals totals = new EmotionTotals();
		if (bucket != null) {
			totals.add(bucket);
		}
		return totals;
	}

	private static String spaced(double share) {
		return Math.round(share * 100) + " %";
	}

	private static String percent(double share) {
		return Math.round(share * 100) + "%";
	}

	static String alertId(String... parts) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 10);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
