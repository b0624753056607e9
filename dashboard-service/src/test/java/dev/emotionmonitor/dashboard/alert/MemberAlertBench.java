package dev.emotionmonitor.dashboard.alert;

import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.emotionmonitor.common.emotion.Emotion;


/**
 * Precision and recall of the member rule over many random teams: 4–12 members, 10 weeks, 1–5 messages a member a
 * week, each member their own mix; in half the teams one member drifts for the last 3 weeks towards one negative
 * emotion (strength 50–90 %). The rule runs after every week, as it does on write. A drifting member counts as found
 * when alerted within 3 weeks of the drift's start; every other alerted member is a false alarm.
 * {@code ./mvnw -o -Pbench -pl dashboard-service test -Dtest=MemberAlertBench} ({@code -Dbench.teams=N}).
 */
@Tag("bench")
class MemberAlertBench {

	private static final int WEEKS = 10;

	private static final int DRIFT_WEEKS = 3;

	@Test
	void precisionAndRecallOverRandomTeams() {
		int teams = Integer.getInteger("bench.teams", 5000);
		MemberShift.Settings settings = MemberShift.Settings.DEFAULTS;
		Random random = new Random(42);
		long members = 0;
		long falseAlarms = 0;
		long trueAlarms = 0;
		long drifting = 0;
		long stableTeamsWithAlarm = 0;
		long stableTeams = 0;
		long[] foundByStrength = new long[5];
		long[] driftsByStrength = new long[5];
		long[] foundByMessages = new long[6];
		long[] driftsByMessages = new long[6];
		for (int t = 0; t < teams; t++) {
			int size = 4 + random.nextInt(9);
			int[] messages = new int[size];
			for (int m = 0; m < size; m++) {
				messages[m] = 1 + random.nextInt(5);
			}
			boolean drifts = random.nextBoolean();
			int who = drifts ? random.nextInt(size) : GeneratedTeam.NOBODY;
			int strengthBand = random.nextInt(5);
			double strength = 0.5 + 0.1 * strengthBand;
			Emotion emotion = Emotion.ALL.get(random.nextInt(Emotion.COUNT - 1));
			GeneratedTeam team = GeneratedTeam.generate(random.nextLong(), size, WEEKS, messages, who, WEEKS - DRIFT_WEEKS,
					emotion, strength);
			members += size;
			boolean anyFalse = false;
			for (int m = 0; m < size; m++) {
				int first = team.firstAlert(m, settings);
				if (m == who) {
					drifting++;
					driftsByStrength[strengthBand]++;
					driftsByMessages[messages[m]]++;
					if (first >= WEEKS - DRIFT_WEEKS) {
						trueAlarms++;
						foundByStrength[strengthBand]++;
						foundByMessages[messages[m]]++;
					}
					else if (first >= 0) {
						falseAlarms++;
						anyFalse = true;
					}
				}
				else if (first >= 0) {
					falseAlarms++;
					anyFalse = true;
				}
			}
			if (!drifts) {
				stableTeams++;
				stableTeamsWithAlarm += anyFalse ? 1 : 0;
			}
		}
		double precision = trueAlarms + falseAlarms == 0 ? 1 : (double) trueAlarms / (trueAlarms + falseAlarms);
		double recall = drifting == 0 ? 0 : (double) trueAlarms / drifting;
		System.out.printf("member alert benchmark: %d random teams, %d members, %d drifting members, %d weeks%n", teams,
				members, drifting, WEEKS);
		System.out.printf("precision %.3f (%d true, %d false alarms), recall %.3f%n", precision, trueAlarms, falseAlarms,
				recall);
		System.out.printf("stable teams with any member alert: %d of %d (%.2f %%)%n", stableTeamsWithAlarm, stableTeams,
				100.0 * stableTeamsWithAlarm / Math.max(1, stableTeams));
		for (int band = 0; band < 5; band++) {
			System.out.printf("recall at drift strength %.0f %%: %.3f (%d of %d)%n", 50 + 10.0 * band,
					(double) foundByStrength[band] / Math.max(1, driftsByStrength[band]), foundByStrength[band],
					driftsByStrength[band]);
		}
		for (int each = 1; each <= 5; each++) {
			System.out.printf("recall when the drifting member writes %d a week: %.3f (%d of %d)%n", each,
					(double) foundByMessages[each] / Math.max(1, driftsByMessages[each]), foundByMessages[each],
					driftsByMessages[each]);
		}
	}
}
