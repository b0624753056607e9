package dev.emotionmonitor.dashboard.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.emotionmonitor.dashboard.Emotion;
import dev.emotionmonitor.dashboard.EmotionStat;
import dev.emotionmonitor.dashboard.bucket.BucketKey;
import dev.emotionmonitor.dashboard.bucket.BucketStore;
import dev.emotionmonitor.dashboard.bucket.Directory;
import dev.emotionmonitor.dashboard.bucket.EmotionTotals;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * The alert rules, evaluated for a week from the buckets: a member whose dominant emotion was negative for N
 * consecutive weeks, and a channel (or the team) whose negative share rose above its baseline by a threshold.
 * Re-evaluating is idempotent and never reopens an acknowledged alert.
 */
@Component
public class AlertEvaluator {

	static final String MEMBER_STREAK = "member_negative_streak";

	static final String TEAM_SHARE = "team_negative_share";

	/** How far back a streak's first week is looked for. */
	private static final int STREAK_LOOKBACK_WEEKS = 26;

	private final ReactiveMongoTemplate mongo;

	private final BucketStore buckets;

	private final Directory directory;

	private final DashboardProperties properties;

	AlertEvaluator(ReactiveMongoTemplate mongo, BucketStore buckets, Directory directory, DashboardProperties properties) {
		this.mongo = mongo;
		this.buckets = buckets;
		this.directory = directory;
		this.properties = properties;
	}

	/** Evaluates both rules for each week (a week is named by its Monday); answers how many alerts were raised or updated. */
	public Mono<Integer> evaluate(ZoneId zone, Collection<LocalDate> weeks) {
		return Flux.fromIterable(weeks)
			.concatMap(week -> memberStreaks(zone, week).zipWith(teamShares(zone, week), Integer::sum))
			.reduce(0, Integer::sum);
	}

	private Mono<Integer> memberStreaks(ZoneId zone, LocalDate week) {
		int streak = this.properties.alerts().negativeWeeks();
		BucketKey teamWeek = new BucketKey(zone.getId(), Grain.WEEK, week, BucketKey.ALL, BucketKey.ALL);
		return this.buckets.find(List.of(teamWeek)).flatMap(found -> {
			Document team = found.get(teamWeek.id());
			if (team == null) {
				return Mono.just(0);
			}
			EmotionTotals totals = new EmotionTotals();
			totals.add(team);
			List<String> active = List.copyOf(totals.activeMembers());
			List<BucketKey> keys = new ArrayList<>();
			for (String member : active) {
				for (int back = 0; back < streak; back++) {
					keys.add(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), BucketKey.ALL, member));
				}
			}
			return this.buckets.find(keys).flatMap(weeks -> {
				List<String> streaking = active.stream()
					.filter(member -> negativeWeeks(weeks, zone, member, week, streak) == streak)
					.toList();
				if (streaking.isEmpty()) {
					return Mono.just(0);
				}
				return raiseStreaks(zone, week, streaking);
			});
		});
	}

	private Mono<Integer> raiseStreaks(ZoneId zone, LocalDate week, List<String> members) {
		List<BucketKey> keys = new ArrayList<>();
		for (String member : members) {
			for (int back = 0; back < STREAK_LOOKBACK_WEEKS; back++) {
				keys.add(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), BucketKey.ALL, member));
			}
		}
		Mono<Map<String, Directory.Member>> directoryMembers = this.directory.members()
			.collectMap(Directory.Member::id);
		return Mono.zip(this.buckets.find(keys), directoryMembers).flatMap(found -> {
			Map<String, Document> weeks = found.getT1();
			List<Mono<Boolean>> raised = new ArrayList<>();
			for (String member : members) {
				int length = negativeWeeks(weeks, zone, member, week, STREAK_LOOKBACK_WEEKS);
				LocalDate first = week.minusWeeks(length - 1);
				List<String> dominants = new ArrayList<>();
				String name = member;
				for (int back = length - 1; back >= 0; back--) {
					Document bucket = weeks.get(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), BucketKey.ALL, member).id());
					dominants.add(totals(bucket).dominant().id());
					if (bucket.getString("memberName") != null) {
						name = bucket.getString("memberName");
					}
				}
				Directory.Member known = found.getT2().get(member);
				List<String> channels = known == null ? List.of() : known.channels().stream().sorted().toList();
				Map<String, Object> values = new LinkedHashMap<>();
				values.put("weeks", length);
				values.put("first_week", first.toString());
				values.put("dominant", dominants);
				String message = name + ": " + length + "주 연속 부정 감정이 우세합니다 ("
						+ String.join(", ", dominants.stream().map(id -> Emotion.byId(id).orElseThrow().korean()).toList())
						+ ") — dominant emotion negative for " + length + " consecutive weeks";
				String id = alertId(MEMBER_STREAK, zone.getId(), member, first.toString());
				raised.add(upsert(id, MEMBER_STREAK, zone, week, BucketKey.ALL, channels, member, name, message, values));
			}
			return Flux.concat(raised).count().map(Long::intValue);
		});
	}

	/** Consecutive weeks, ending with {@code week}, in which the member wrote and mostly negatively (at most {@code max}). */
	private static int negativeWeeks(Map<String, Document> weeks, ZoneId zone, String member, LocalDate week, int max) {
		int count = 0;
		while (count < max) {
			Document bucket = weeks.get(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(count), BucketKey.ALL, member).id());
			EmotionTotals totals = totals(bucket);
			if (totals.n() == 0 || !totals.dominant().negative()) {
				break;
			}
			count++;
		}
		return count;
	}

	private Mono<Integer> teamShares(ZoneId zone, LocalDate week) {
		DashboardProperties.Alerts rules = this.properties.alerts();
		return this.directory.channels().concatWith(Mono.just(BucketKey.ALL)).collectList().flatMap(channels -> {
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
					String where = BucketKey.ALL.equals(channel) ? "팀 전체 (whole team)" : "#" + channel;
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
