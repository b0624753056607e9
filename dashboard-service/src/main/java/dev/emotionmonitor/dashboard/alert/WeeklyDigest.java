package dev.emotionmonitor.dashboard.alert;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import dev.emotionmonitor.dashboard.EmotionStat;
import dev.emotionmonitor.dashboard.bucket.Anonymity;
import dev.emotionmonitor.dashboard.bucket.BucketKey;
import dev.emotionmonitor.dashboard.bucket.BucketStore;
import dev.emotionmonitor.dashboard.bucket.Directory;
import dev.emotionmonitor.dashboard.bucket.EmotionTotals;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * The weekly digest per channel: participation, distribution, change of the negative share against the four weeks
 * before, open team alerts. Members' alerts are only counted: the digest may be posted back to the channel.
 */
@Service
class WeeklyDigest {

	private static final int PREVIOUS_WEEKS = 4;

	private static final String MARKDOWN_SPECIAL = "\\`*_[]()#+-!|<>~&";

	private final BucketStore buckets;

	private final Directory directory;

	private final ReactiveMongoTemplate mongo;

	private final int minMembers;

	WeeklyDigest(BucketStore buckets, Directory directory, ReactiveMongoTemplate mongo, DashboardProperties properties) {
		this.buckets = buckets;
		this.directory = directory;
		this.mongo = mongo;
		this.minMembers = properties.minMembers();
	}

	record Participation(int activeMembers, int knownMembers, Double rate) {
	}

	record ChannelDigest(String channelId, String channel, String guild, Participation participation, boolean suppressed, Long n,
			List<EmotionStat> distribution, Double negativeShare, Double previousNegativeShare, Double change,
			List<AlertView> openAlerts) {
	}

	record Digest(String zone, LocalDate weekStart, LocalDate weekEnd, int minMembers, List<ChannelDigest> channels,
			ChannelDigest team, long openMemberAlerts) {
	}

	Mono<Digest> digest(ZoneId zone, LocalDate day, String onlyChannel) {
		LocalDate week = Grain.WEEK.start(day);
		LocalDate weekEnd = week.plusDays(6);
		Mono<List<Directory.Member>> members = this.directory.members()
			.filter(member -> !member.firstAt().atZone(zone).toLocalDate().isAfter(weekEnd))
			.collectList();
		Mono<List<Directory.Channel>> channels = this.directory.channels().collectList();
		Mono<List<Alert>> open = this.mongo.find(Query.query(Criteria.where("status").is(Alert.OPEN)), Alert.class)
			.collectList();
		return Mono.zip(members, channels, open).flatMap(loaded -> {
			List<Directory.Channel> all = loaded.getT2();
			List<Directory.Channel> shown = onlyChannel == null ? all
					: List.of(all.stream().filter(channel -> channel.id().equals(onlyChannel)).findFirst()
						.orElse(new Directory.Channel(onlyChannel, onlyChannel, null)));
			List<String> names = new ArrayList<>(all.stream().map(Directory.Channel::id).toList());
			if (!names.contains(onlyChannel) && onlyChannel != null) {
				names.add(onlyChannel);
			}
			names.add(BucketKey.ALL);
			List<BucketKey> keys = new ArrayList<>();
			for (String channel : names) {
				for (int back = 0; back <= PREVIOUS_WEEKS; back++) {
					keys.add(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), channel, BucketKey.ALL));
				}
			}
			return this.buckets.find(keys).map(found -> {
				List<ChannelDigest> perChannel = new ArrayList<>();
				for (Directory.Channel channel : shown) {
					perChannel.add(channel(zone, week, channel, found, loaded.getT1(), loaded.getT3(), List.of()));
				}
				List<EmotionTotals> parts = all.stream()
					.map(channel -> EmotionTotals.of(found.get(weekKey(zone, week, channel.id()).id())))
					.toList();
				ChannelDigest team = channel(zone, week, new Directory.Channel(BucketKey.ALL, BucketKey.ALL, null), found,
						loaded.getT1(), loaded.getT3(), parts);
				long memberAlerts = loaded.getT3().stream()
					.filter(Alert::aboutMember)
					.filter(alert -> onlyChannel == null || alert.channels().contains(onlyChannel))
					.count();
				return new Digest(zone.getId(), week, weekEnd, this.minMembers, perChannel,
						onlyChannel == null ? team : null, memberAlerts);
			});
		});
	}

	private static BucketKey weekKey(ZoneId zone, LocalDate week, String channelId) {
		return new BucketKey(zone.getId(), Grain.WEEK, week, channelId, BucketKey.ALL);
	}

	private ChannelDigest channel(ZoneId zone, LocalDate week, Directory.Channel shown, Map<String, Document> found,
			List<Directory.Member> members, List<Alert> open, List<EmotionTotals> parts) {
		String channel = shown.id();
		EmotionTotals current = totals(found.get(new BucketKey(zone.getId(), Grain.WEEK, week, channel, BucketKey.ALL).id()));
		EmotionTotals previous = new EmotionTotals();
		for (int back = 1; back <= PREVIOUS_WEEKS; back++) {
			previous.add(totals(found.get(new BucketKey(zone.getId(), Grain.WEEK, week.minusWeeks(back), channel, BucketKey.ALL).id())));
		}
		int active = current.distinctMembers();
		int known = Math.max(active, (int) members.stream()
			.filter(member -> BucketKey.ALL.equals(channel) || member.channels().contains(channel))
			.count());
		Participation participation = new Participation(active, known,
				known == 0 ? null : EmotionStat.round((double) active / known));
		List<AlertView> alerts = open.stream()
			.filter(alert -> !alert.aboutMember() && channel.equals(alert.channel()) && alert.weekStart().compareTo(week.plusDays(6).toString()) <= 0)
			.map(AlertView::of)
			.toList();
		boolean suppressed = Anonymity.tooFew(current, this.minMembers)
				|| Anonymity.revealsByDifference(current, parts, this.minMembers);
		boolean previousSuppressed = Anonymity.tooFew(previous, this.minMembers);
		if (suppressed) {
			return new ChannelDigest(channel, shown.name(), shown.guild(), participation, true, null, null, null, null,
					null, alerts);
		}
		Double share = EmotionStat.round(current.negativeShare());
		Double previousShare = previousSuppressed ? null : EmotionStat.round(previous.negativeShare());
		Double change = share == null || previousShare == null ? null : EmotionStat.round(share - previousShare);
		return new ChannelDigest(channel, shown.name(), shown.guild(), participation, false, current.n(),
				current.n() == 0 ? List.of() : EmotionStat.of(current), share, previousShare, change, alerts);
	}

	/** The digest as Markdown that a bot can post back to the channel (Korean first, English ids in brackets). */
	static String markdown(Digest digest) {
		StringBuilder md = new StringBuilder();
		md.append("## 주간 감정 다이제스트 (weekly digest) · ").append(digest.weekStart()).append(" – ")
			.append(digest.weekEnd()).append(" (").append(digest.zone()).append(")\n\n");
		for (ChannelDigest channel : digest.channels()) {
			section(md, (channel.guild() == null ? "" : markdownText(channel.guild()) + " / ") + "#"
					+ markdownText(channel.channel()), channel, digest.minMembers());
		}
		if (digest.team() != null) {
			section(md, "팀 전체 (whole team)", digest.team(), digest.minMembers());
		}
		if (digest.openMemberAlerts() > 0) {
			md.append("개인 알림 ").append(digest.openMemberAlerts())
				.append("건이 열려 있습니다 — 관리자가 확인합니다 (open member alerts, visible to admins).\n");
		}
		return md.toString();
	}

	private static void section(StringBuilder md, String title, ChannelDigest channel, int minMembers) {
		md.append("### ").append(title).append("\n\n");
		Participation p = channel.participation();
		md.append("- 참여 (participation): ").append(p.activeMembers()).append("/").append(p.knownMembers()).append("명");
		if (p.rate() != null) {
			md.append(" (").append(Math.round(p.rate() * 100)).append("%)");
		}
		md.append("\n");
		if (channel.suppressed()) {
			md.append("- 참여자가 ").append(minMembers).append("명 미만이라 감정 통계를 표시하지 않습니다 (fewer than ")
				.append(minMembers).append(" members: figures suppressed)\n");
		}
		else if (channel.n() == 0) {
			md.append("- 이번 주 기록 없음 (no observations this week)\n");
		}
		else {
			md.append("- 분포 (distribution, n=").append(channel.n()).append("): ");
			List<String> parts = new ArrayList<>();
			for (EmotionStat stat : channel.distribution()) {
				parts.add(stat.emotionKo() + " " + Math.round(stat.share() * 100) + "%");
			}
			md.append(String.join(" · ", parts)).append("\n");
			md.append("- 부정 비율 (negative share): ").append(Math.round(channel.negativeShare() * 100)).append("%");
			if (channel.change() != null) {
				long points = Math.round(channel.change() * 100);
				md.append(", 지난 4주 ").append(Math.round(channel.previousNegativeShare() * 100)).append("% 대비 ")
					.append(points > 0 ? "+" : "").append(points).append("%p");
			}
			md.append("\n");
		}
		for (AlertView alert : channel.openAlerts()) {
			md.append("- ⚠️ ").append(markdownText(alert.message())).append("\n");
		}
		md.append("\n");
	}

	/**
	 * Text that anyone in the chat chose (channel names, and alert messages that quote them) as literal Markdown:
	 * CommonMark, GitHub and Discord read a backslash before ASCII punctuation as that character. A line break would
	 * end the heading or list item and let the rest start a block of its own, so it becomes a space.
	 */
	static String markdownText(String text) {
		StringBuilder out = new StringBuilder(text.length() + 8);
		text.replaceAll("\\R", " ").chars().forEach(c -> {
			if (MARKDOWN_SPECIAL.indexOf(c) >= 0) {
				out.append('\\');
			}
			out.append((char) c);
		});
		return out.toString();
	}

	private static EmotionTotals totals(Document bucket) {
		EmotionTotals totals = new EmotionTotals();
		if (bucket != null) {
			totals.add(bucket);
		}
		return totals;
	}
}
