package dev.emotionmonitor.dashboard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.emotionmonitor.common.emotion.Emotion;


/**
 * A generated team: each member has a mix of their own (joy 15–45 %, the rest spread unevenly over the five negative
 * emotions, as real reflections are) and writes {@code messages} reflections a week; a drifting member's mix turns to
 * {@code driftEmotion} with probability {@code driftStrength} from week {@code driftFrom} (0-based) on.
 */
record GeneratedTeam(List<List<long[]>> weeks, int drifting, int driftFrom) {

	static final int NOBODY = -1;

	/** The label counts of each member per week; {@code messages[m]} messages a week for member m. */
	static GeneratedTeam generate(long seed, int members, int weekCount, int[] messages, int drifting, int driftFrom,
			Emotion driftEmotion, double driftStrength) {
		Random random = new Random(seed);
		List<List<long[]>> weeks = new ArrayList<>();
		for (int m = 0; m < members; m++) {
			double[] mix = mix(random);
			List<long[]> memberWeeks = new ArrayList<>();
			for (int w = 0; w < weekCount; w++) {
				double[] now = m == drifting && w >= driftFrom ? drift(mix, driftEmotion, driftStrength) : mix;
				long[] counts = new long[Emotion.COUNT];
				for (int i = 0; i < messages[m]; i++) {
					counts[draw(now, random)]++;
				}
				memberWeeks.add(counts);
			}
			weeks.add(memberWeeks);
		}
		return new GeneratedTeam(weeks, drifting, driftFrom);
	}

	static int[] messages(int members, int each) {
		int[] messages = new int[members];
		java.util.Arrays.fill(messages, each);
		return messages;
	}

	/** The member's first week (0-based) with a finding when the rule runs after every week, or -1. */
	int firstAlert(int member, MemberShift.Settings settings) {
		for (int w = 0; w < this.weeks.get(member).size(); w++) {
			if (finding(member, w, settings).isPresent()) {
				return w;
			}
		}
		return -1;
	}

	java.util.Optional<MemberShift.Finding> finding(int member, int week, MemberShift.Settings settings) {
		List<long[]> own = this.weeks.get(member).subList(0, week + 1);
		long[] others = new long[Emotion.COUNT];
		for (int m = 0; m < this.weeks.size(); m++) {
			if (m == member) {
				continue;
			}
			for (int w = Math.max(0, week - settings.recentWeeks() + 1); w <= week; w++) {
				for (int e = 0; e < Emotion.COUNT; e++) {
					others[e] += this.weeks.get(m).get(w)[e];
				}
			}
		}
		return MemberShift.evaluate(own, others, settings);
	}

	private static double[] mix(Random random) {
		double[] mix = new double[Emotion.COUNT];
		double joy = 0.15 + 0.30 * random.nextDouble();
		double sum = 0;
		for (int e = 0; e < Emotion.COUNT - 1; e++) {
			mix[e] = 0.3 + random.nextDouble();
			sum += mix[e];
		}
		for (int e = 0; e < Emotion.COUNT - 1; e++) {
			mix[e] = mix[e] / sum * (1 - joy);
		}
		mix[Emotion.JOY.ordinal()] = joy;
		return mix;
	}

	private static double[] drift(double[] mix, Emotion emotion, double strength) {
		double[] drifted = new double[Emotion.COUNT];
		double rest = 1 - mix[emotion.ordinal()];
		for (int e = 0; e < Emotion.COUNT; e++) {
			drifted[e] = e == emotion.ordinal() ? strength : mix[e] / rest * (1 - strength);
		}
		return drifted;
	}

	private static int draw(double[] mix, Random random) {
		double r = random.nextDouble();
		for (int e = 0; e < mix.length; e++) {
			r -= mix[e];
			if (r < 0) {
				return e;
			}
		}
		return mix.length - 1;
	}
}
