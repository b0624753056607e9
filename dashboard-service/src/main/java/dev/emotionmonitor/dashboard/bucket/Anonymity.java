package dev.emotionmonitor.dashboard.bucket;

import java.util.Collection;

/**
 * k-anonymity of team figures. A figure over fewer than k distinct members is suppressed; so is a whole-team figure
 * that a visible channel figure of the same period covers all but fewer than k of its members, because subtracting
 * the two would give those few members' figures (&frankly's "no subtraction" rule).
 */
public final class Anonymity {

	private Anonymity() {
	}

	/** Some observations, but from fewer than k members. */
	public static boolean tooFew(EmotionTotals totals, int k) {
		return totals.n() > 0 && totals.distinctMembers() < k;
	}

	/** Whether {@code whole} minus one of its visible {@code parts} (channels of the same period) has 1..k-1 members. */
	public static boolean revealsByDifference(EmotionTotals whole, Collection<EmotionTotals> parts, int k) {
		for (EmotionTotals part : parts) {
			if (part.n() == 0 || tooFew(part, k) || part.n() == whole.n()) {
				continue;
			}
			long left = whole.activeMembers().stream()
				.filter(member -> whole.observationsOf(member) > part.observationsOf(member))
				.count();
			if (left > 0 && left < k) {
				return true;
			}
		}
		return false;
	}
}
