package dev.emotionmonitor.gateway.access;

import java.util.Locale;

import dev.emotionmonitor.common.problem.Problems;

/** Who a caller is to the route rules; the lower-case name travels in {@code X-Emotion-Member-Role}. */
public enum Role {

	ADMIN, MEMBER, SERVICE;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** A member's role as given in a request: only {@code admin} or {@code member}. */
	public static Role ofMember(String value) {
		if ("admin".equals(value)) {
			return ADMIN;
		}
		if ("member".equals(value)) {
			return MEMBER;
		}
		throw Problems.badRequest("role must be 'admin' or 'member', not '" + value + "'");
	}
}
