package dev.emotionmonitor.dashboard.bucket;

import java.time.LocalDate;

/**
 * One pre-aggregated bucket: a period of one grain in one zone, for one channel id (or {@link #ALL} channels) and one
 * member (or {@link #ALL} members of it, the team bucket).
 */
public record BucketKey(String zone, Grain grain, LocalDate period, String channelId, String memberId) {

	public static final String ALL = "*";

	public boolean team() {
		return ALL.equals(this.memberId);
	}

	public String id() {
		return this.zone + "|" + this.grain.id() + "|" + this.period + "|" + MemberKeys.encode(this.channelId) + "|"
				+ MemberKeys.encode(this.memberId);
	}
}
