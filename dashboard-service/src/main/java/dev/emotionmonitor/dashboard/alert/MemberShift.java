package dev.emotionmonitor.dashboard.alert;

import java.util.List;
import java.util.Optional;

import dev.emotionmonitor.common.emotion.Emotion;


/**
 * The member rule, on counts of top labels per week: did one signal (the share of one negative emotion, or of all five
 * together) rise in the member's recent weeks, clearly and for more than one week, above both the member's own
 * earlier weeks and the rest of the team in the same weeks? An ordinary mix (mostly negative labels, since five of
 * the six are negative) never differs from itself, so it never alerts; a member with few messages cannot reach the
 * minimum counts.
 */
final class MemberShift {

	/** Weight, in messages, of the team's share in a member's baseline: shrinks a short baseline towards the team. */
	private static final double PRIOR_MESSAGES = 2;

	private MemberShift() {
	}

	/**
	 * @param recentWeeks  weeks, ending with the evaluated one, that are compared
	 * @param baselineWeeks weeks before them that form the member's own baseline
	 * @param minRecent    messages the member needs in the recent weeks
	 * @param minBaseline  messages the member needs in the baseline weeks
	 * @param minRise      smallest rise of the share (0..1) over the reference that counts (effect size)
	 * @param maxPValue    largest one-sided binomial p-value of the recent count under the reference share
	 * @param minWeeks     recent weeks in which the member's own share must already be above reference + min-rise
	 */
	record Settings(int recentWeeks, int baselineWeeks, int minRecent, int minBaseline, double minRise,
			double maxPValue, int minWeeks) {

		static final Settings DEFAULTS = new Settings(3, 8, 6, 15, 0.30, 0.0003, 2);
	}

	/**
	 * What rose: {@code emotion} (null: the five negative emotions together) from the member's own
	 * {@code baselineShare} to {@code recentShare} over {@code weeks} weeks; {@code teamShare} is the rest of the team's
	 * share in the same weeks and {@code reference} the higher of the two that the rise was tested against.
	 */
	record Finding(Emotion emotion, double baselineShare, double recentShare, double teamShare, double reference,
			int weeks, long recentN, long baselineN, double pValue) {
	}

	/**
	 * @param member      the member's label counts per week, oldest first, the evaluated week last (missing weeks:
	 *                    zero counts); at most {@code baselineWeeks + recentWeeks} are used
	 * @param othersRecent label counts of everyone else in the team over the recent weeks
	 */
	static Optional<Finding> evaluate(List<long[]> member, long[] othersRecent, Settings settings) {
		int size = member.size();
		int recentFrom = Math.max(0, size - settings.recentWeeks());
		int baselineFrom = Math.max(0, recentFrom - settings.baselineWeeks());
		List<long[]> recent = member.subList(recentFrom, size);
		List<long[]> baseline = member.subList(baselineFrom, recentFrom);
		long recentN = total(recent);
		long baselineN = total(baseline);
		if (recentN < settings.minRecent() || baselineN < settings.minBaseline()) {
			return Optional.empty();
		}
		long othersN = sum(othersRecent);
		Finding best = null;
		for (Emotion signal : signals()) {
			long x1 = count(recent, signal);
			long x0 = count(baseline, signal);
			double team = othersN == 0 ? 0 : (double) count(othersRecent, signal) / othersN;
			// the member's own share is known only as well as their baseline's few messages tell it: a Beta posterior
			// (prior: the team's share, worth PRIOR_MESSAGES messages) whose predictive spread widens the test
			double alpha = x0 + PRIOR_MESSAGES * Math.max(team, 0.01);
			double beta = baselineN - x0 + PRIOR_MESSAGES * (1 - Math.max(team, 0.01));
			double own = alpha / (alpha + beta);
			double reference = Math.max(own, team);
			double share = (double) x1 / recentN;
			if (share - reference < settings.minRise()) {
				continue;
			}
			int weeksAbove = 0;
			for (long[] week : recent) {
				long n = sum(week);
				if (n > 0 && (double) count(week, signal) / n >= reference + settings.minRise()) {
					weeksAbove++;
				}
			}
			if (weeksAbove < settings.minWeeks()) {
				continue;
			}
			double p = Math.max(betaBinomialUpperTail(recentN, x1, alpha, beta),
					othersN == 0 ? 0 : upperTail(recentN, x1, team));
			if (p > settings.maxPValue()) {
				continue;
			}
			if (best == null || p < best.pValue()) {
				int weeks = (int) recent.stream().filter(week -> sum(week) > 0).count();
				best = new Finding(signal, (double) x0 / baselineN, share, team, reference, weeks, recentN, baselineN, p);
			}
		}
		return Optional.ofNullable(best);
	}

	/** The five negative emotions, then null for all five together. */
	private static List<Emotion> signals() {
		List<Emotion> signals = new java.util.ArrayList<>(Emotion.ALL.stream().filter(Emotion::negative).toList());
		signals.add(null);
		return signals;
	}

	private static long count(List<long[]> weeks, Emotion signal) {
		return weeks.stream().mapToLong(week -> count(week, signal)).sum();
	}

	private static long count(long[] labels, Emotion signal) {
		if (signal != null) {
			return labels[signal.ordinal()];
		}
		return sum(labels) - labels[Emotion.JOY.ordinal()];
	}

	private static long total(List<long[]> weeks) {
		return weeks.stream().mapToLong(MemberShift::sum).sum();
	}

	private static long sum(long[] labels) {
		long n = 0;
		for (long count : labels) {
			n += count;
		}
		return n;
	}

	/** P(X >= x) for X ~ Binomial(n, p), summed exactly in log space (n is a member's few weeks of messages). */
	static double upperTail(long n, long x, double p) {
		if (x <= 0) {
			return 1;
		}
		if (p <= 0) {
			return 0;
		}
		if (p >= 1) {
			return 1;
		}
		double tail = 0;
		for (long k = x; k <= n; k++) {
			tail += Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
		}
		return Math.min(1, tail);
	}

	/**
	 * P(X >= x) for X ~ BetaBinomial(n, alpha, beta): the chance of x or more in n new messages when the share itself is
	 * only known as Beta(alpha, beta).
	 */
	static double betaBinomialUpperTail(long n, long x, double alpha, double beta) {
		if (x <= 0) {
			return 1;
		}
		double tail = 0;
		for (long k = x; k <= n; k++) {
			double log = logChoose(n, k);
			for (long i = 0; i < k; i++) {
				log += Math.log(alpha + i);
			}
			for (long j = 0; j < n - k; j++) {
				log += Math.log(beta + j);
			}
			for (long l = 0; l < n; l++) {
				log -= Math.log(alpha + beta + l);
			}
			tail += Math.exp(log);
		}
		return Math.min(1, tail);
	}

	private static double logChoose(long n, long k) {
		double log = 0;
		for (long i = 1; i <= k; i++) {
			log += Math.log(n - k + i) - Math.log(i);
		}
		return log;
	}
}
