package dev.emotionmonitor.dashboard.aggregate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.dashboard.EmotionStat;
import dev.emotionmonitor.dashboard.Window;
import dev.emotionmonitor.dashboard.bucket.Anonymity;
import dev.emotionmonitor.dashboard.bucket.BucketKey;
import dev.emotionmonitor.dashboard.bucket.BucketStore;
import dev.emotionmonitor.dashboard.bucket.Directory;
import dev.emotionmonitor.dashboard.bucket.EmotionTotals;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * Dashboard figures, read from the buckets only. Team figures over fewer than k distinct members are suppressed; a
 * member's own figures are shown to that member and to admins and services.
 */
@Service
class Aggregates {

	static final int MAX_PERIODS = 800;

	private static final int TREND_WEEKS = 4;

	/** How far back the members table looks for the latest week with data. */
	static final int LATEST_LOOKBACK_WEEKS = 52;

	private static final double TREND_STEP = 0.10;

	private final BucketStore buckets;

	private final Directory directory;

	private final int minMembers;

	Aggregates(BucketStore buckets, Directory directory, DashboardProperties properties) {
		this.buckets = buckets;
		this.directory = directory;
		this.minMembers = properties.minMembers();
	}

	Mono<Views.Distribution> distribution(Window window, String channel, String member, Caller caller) {
		String memberKey = memberKey(member, caller);
		return this.buckets.total(window.zone(), channelKey(channel), memberKey, window.from(), window.to())
			.zipWith(parts(channelKey(channel), memberKey,
					id -> this.buckets.total(window.zone(), id, BucketKey.ALL, window.from(), window.to())))
			.map(both -> {
				EmotionTotals totals = both.getT1();
				boolean suppressed = suppressed(totals, memberKey, both.getT2());
				return new Views.Distribution(window.zone().getId(), window.from(), window.to(), channel, member,
						this.minMembers, suppressed, suppressed ? null : totals.n(),
						suppressed ? null : totals.distinctMembers(),
						suppressed ? null : EmotionStat.round(totals.negativeShare()),
						suppressed ? null : EmotionStat.of(totals));
			});
	}

	Mono<Views.Timeline> timeline(Window window, Grain grain, String channel, String member, Caller caller) {
		String memberKey = memberKey(member, caller);
		long periods = grain.count(window.from(), window.to());
		if (periods > MAX_PERIODS) {
			throw Problems.badRequest("That is " + periods + " " + grain.id() + " periods; at most " + MAX_PERIODS
					+ " per timeline: choose a coarser grain or a shorter period.");
		}
		return this.buckets.series(window.zone(), grain, channelKey(channel), memberKey, window.from(), window.to())
			.zipWith(parts(channelKey(channel), memberKey,
					id -> this.buckets.series(window.zone(), grain, id, BucketKey.ALL, window.from(), window.to())))
			.map(both -> {
				List<Views.TimelinePoint> points = new ArrayList<>();
				both.getT1().forEach((period, totals) -> points.add(point(period, totals, memberKey,
						both.getT2().stream().map(channelSeries -> channelSeries.get(period)).toList())));
				return new Views.Timeline(grain.id(), window.zone().getId(), window.from(), window.to(), channel, member,
						this.minMembers, points, 0, points.size(), points.size());
			});
	}

	private Views.TimelinePoint point(LocalDate period, EmotionTotals totals, String memberKey,
			List<EmotionTotals> parts) {
		if (suppressed(totals, memberKey, parts)) {
			return new Views.TimelinePoint(period, true, null, null, null, null);
		}
		return new Views.TimelinePoint(period, false, totals.n(), totals.distinctMembers(),
				EmotionStat.round(totals.negativeShare()), totals.n() == 0 ? List.of() : EmotionStat.of(totals));
	}

	Mono<Views.NegativeShare> negativeShare(Window window, String channel, String member, Caller caller) {
		String memberKey = memberKey(member, caller);
		long days = ChronoUnit.DAYS.between(window.from(), window.to()) + 1;
		LocalDate previousTo = window.from().minusDays(1);
		LocalDate previousFrom = previousTo.minusDays(days - 1);
		String channelKey = channelKey(channel);
		return Mono.zip(this.buckets.total(window.zone(), channelKey, memberKey, window.from(), window.to()),
				this.buckets.total(window.zone(), channelKey, memberKey, previousFrom, previousTo),
				parts(channelKey, memberKey,
						id -> this.buckets.total(window.zone(), id, BucketKey.ALL, window.from(), window.to())),
				parts(channelKey, memberKey,
						id -> this.buckets.total(window.zone(), id, BucketKey.ALL, previousFrom, previousTo)))
			.map(both -> {
				Views.ShareOfPeriod current = share(window.from(), window.to(), both.getT1(), memberKey, both.getT3());
				Views.ShareOfPeriod previous = share(previousFrom, previousTo, both.getT2(), memberKey, both.getT4());
				Double change = current.negativeShare() == null || previous.negativeShare() == null ? null
						: EmotionStat.round(current.negativeShare() - previous.negativeShare());
				return new Views.NegativeShare(window.zone().getId(), channel, member, current, previous, change);
			});
	}

	private Views.ShareOfPeriod share(LocalDate from, LocalDate to, EmotionTotals totals, String memberKey,
			List<EmotionTotals> parts) {
		if (suppressed(totals, memberKey, parts)) {
			return new Views.ShareOfPeriod(from, to, true, null, null);
		}
		return new Views.ShareOfPeriod(from, to, false, totals.n(), EmotionStat.round(totals.negativeShare()));
	}

	/**
	 * The week containing {@code day}: who wrote (never who did not), and for each writer the caller may see, the
	 * dominant emotion and the trend against the four weeks before.
	 */
	Mono<Views.Members> members(ZoneId zone, LocalDate day, boolean exactWeek, String channel, Caller caller) {
		if (exactWeek) {
			return members(zone, Grain.WEEK.start(day), channel, caller, null);
		}
		return this.buckets.latestWeekWithData(zone, channelKey(channel), day, LATEST_LOOKBACK_WEEKS)
			.flatMap(week -> members(zone, week, channel, caller, null))
			.switchIfEmpty(Mono.defer(() -> members(zone, Grain.WEEK.start(day), channel, caller,
					"No observations " + (channel == null ? "" : "in this channel ") + "in the " + LATEST_LOOKBACK_WEEKS
							+ " weeks up to " + day + ".")));
	}

	private Mono<Views.Members> members(ZoneId zone, LocalDate week, String channel, Caller caller, String emptyNote) {
		String channelKey = channelKey(channel);
		BucketKey teamKey = new BucketKey(zone.getId(), Grain.WEEK, week, channelKey, BucketKey.ALL);
		return this.directory.members()
			.filter(member -> channel == null || member.channels().contains(channel))
			.filter(member -> !member.firstAt().atZone(zone).toLocalDate().isAfter(week.plusDays(6)))
			.collectList()
			.flatMap(known -> this.buckets.find(List.of(teamKey)).flatMap(team -> {
				EmotionTotals teamWeek = totals(team.get(teamKey.id()));
				List<Directory.Member> active = known.stream()
					.filter(member -> teamWeek.activeMembers().contains(member.id()))
					.toList();
				List<Directory.Member> visible = active.stream().filter(member -> caller.maySee(member.id())).toList();
				List<BucketKey> keys = new ArrayList<>();
				for (Directory.Member member : visible) {
					for (int back = 0; back <= TREND_WEEKS; back++) {
						keys.add(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), channelKey, member.id()));
					}
				}
				return this.buckets.find(keys).map(found -> {
					List<Views.MemberRow> rows = visible.stream()
						.map(member -> row(zone, week, channelKey, member, found))
						.sorted(Comparator.comparing(Views.MemberRow::memberName, String.CASE_INSENSITIVE_ORDER))
						.toList();
					List<Views.MemberName> names = active.stream()
						.map(member -> new Views.MemberName(member.id(), member.name()))
						.sorted(Comparator.comparing(Views.MemberName::memberName, String.CASE_INSENSITIVE_ORDER))
						.toList();
					int activeCount = teamWeek.distinctMembers();
					int knownCount = Math.max(known.size(), activeCount);
					Double rate = knownCount == 0 ? null : EmotionStat.round((double) activeCount / knownCount);
					String note = emptyNote != null ? emptyNote
							: activeCount == 0 ? "No observations in the week of " + week + "." : null;
					return new Views.Members(zone.getId(), week, week.plusDays(6), channel, !caller.privileged(),
							new Views.Participation(activeCount, knownCount, rate, names), note, rows, 0, rows.size(),
							rows.size());
				});
			}));
	}

	private Views.MemberRow row(ZoneId zone, LocalDate week, String channelKey, Directory.Member member,
			Map<String, Document> found) {
		Document latestBucket = found.get(new BucketKey(zone.getId(), Grain.WEEK, week, channelKey, member.id()).id());
		EmotionTotals latest = totals(latestBucket);
		EmotionTotals previous = new EmotionTotals();
		for (int back = 1; back <= TREND_WEEKS; back++) {
			previous.add(totals(found.get(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), channelKey, member.id()).id())));
		}
		String name = latestBucket != null && latestBucket.getString("memberName") != null
				? latestBucket.getString("memberName") : member.name();
		Emotion dominant = latest.dominant();
		Emotion previousDominant = previous.dominant();
		double share = latest.negativeShare();
		Double previousShare = previous.negativeShare();
		Double change = previousShare == null ? null : EmotionStat.round(share - previousShare);
		String trend = change == null ? "new" : change > TREND_STEP ? "worse" : change < -TREND_STEP ? "better" : "steady";
		return new Views.MemberRow(member.id(), name, latest.n(), dominant.id(), dominant.korean(),
				EmotionStat.round(share), previous.n(), previousDominant == null ? null : previousDominant.id(),
				previousDominant == null ? null : previousDominant.korean(), EmotionStat.round(previousShare), change,
				trend);
	}

	/** Every channel, each thread right after its parent channel (or after the other threads of its parent). */
	Mono<Views.Channels> channels() {
		return this.directory.channels()
			.sort(Comparator.comparing((Directory.Channel channel) -> channel.thread() ? channel.parentId() : channel.id())
				.thenComparing(Directory.Channel::thread)
				.thenComparing(Directory.Channel::name, String.CASE_INSENSITIVE_ORDER)
				.thenComparing(Directory.Channel::id))
			.map(channel -> new Views.Channel(channel.id(), channel.name(), channel.guild(), channel.label(),
					channel.parentId(), channel.parentName()))
			.collectList()
			.map(items -> new Views.Channels(items, 0, items.size(), items.size()));
	}

	/** A member filter is allowed only for that member and the privileged; without one the figures are the team's. */
	private static String memberKey(String member, Caller caller) {
		if (member == null || member.isBlank()) {
			return BucketKey.ALL;
		}
		caller.requireMaySee(member);
		return member;
	}

	private static String channelKey(String channel) {
		return channel == null || channel.isBlank() ? BucketKey.ALL : channel;
	}

	private boolean suppressed(EmotionTotals totals, String memberKey, List<EmotionTotals> parts) {
		return BucketKey.ALL.equals(memberKey) && (Anonymity.tooFew(totals, this.minMembers)
				|| Anonymity.revealsByDifference(totals, parts, this.minMembers));
	}

	/**
	 * For a whole-team figure, the same figure of every channel (what a reader could subtract it from); nothing for a
	 * channel's or a member's figure.
	 */
	private <T> Mono<List<T>> parts(String channelKey, String memberKey, Function<String, Mono<T>> figureOfChannel) {
		if (!BucketKey.ALL.equals(channelKey) || !BucketKey.ALL.equals(memberKey)) {
			return Mono.just(List.of());
		}
		return this.directory.channelIds().concatMap(figureOfChannel).collectList();
	}

	private static EmotionTotals totals(Document bucket) {
		EmotionTotals totals = new EmotionTotals();
		if (bucket != null) {
			totals.add(bucket);
		}
		return totals;
	}
}
