package dev.emotionmonitor.dashboard.aggregate;

import java.time.LocalDate;
import java.util.List;

import dev.emotionmonitor.dashboard.EmotionStat;

/** The JSON answers of the aggregate endpoints. Suppressed figures are left out, not shown as small numbers. */
final class Views {

	private Views() {
	}

	record Distribution(String zone, LocalDate from, LocalDate to, String channel, String memberId, int minMembers,
			boolean suppressed, Long n, Integer members, Double negativeShare, List<EmotionStat> emotions) {
	}

	record TimelinePoint(LocalDate periodStart, boolean suppressed, Long n, Integer members, Double negativeShare,
			List<EmotionStat> emotions) {
	}

	record Timeline(String grain, String zone, LocalDate from, LocalDate to, String channel, String memberId,
			int minMembers, List<TimelinePoint> items, int page, int size, int total) {
	}

	record ShareOfPeriod(LocalDate from, LocalDate to, boolean suppressed, Long n, Double negativeShare) {
	}

	record NegativeShare(String zone, String channel, String memberId, ShareOfPeriod current, ShareOfPeriod previous,
			Double change) {
	}

	record MemberName(String memberId, String memberName) {
	}

	record Participation(int activeMembers, int knownMembers, Double rate, List<MemberName> active) {
	}

	record MemberRow(String memberId, String memberName, long n, String dominant, String dominantKo,
			double negativeShare, long previousN, String previousDominant, String previousDominantKo,
			Double previousNegativeShare, Double change, String trend) {
	}

	record Members(String zone, LocalDate weekStart, LocalDate weekEnd, String channel, boolean restricted,
			Participation participation, String note, List<MemberRow> items, int page, int size, int total) {
	}

	/** A channel; a thread or forum post also names the channel it belongs under (absent for ordinary channels). */
	record Channel(String channelId, String channel, String guild, String label, String parentChannelId,
			String parentChannel) {
	}

	record Channels(List<Channel> items, int page, int size, int total) {
	}
}
