package dev.emotionmonitor.dashboard.alert;

import org.junit.jupiter.api.Test;

import dev.emotionmonitor.common.emotion.Emotion;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The member rule on generated teams of 10 members over 10 weeks, 3 reflections a member a week, each with a mix of
 * their own (about 30 % joy, the rest over the five negative emotions): the situation in which the old "dominant
 * emotion negative for 3 weeks" rule alerted for everyone.
 */
class MemberShiftTest {

	private static final MemberShift.Settings RULE = MemberShift.Settings.DEFAULTS;

	private static final int MEMBERS = 10;

	private static final int WEEKS = 10;

	private static final int TEAMS = 50;

	@Test
	void aStableTeamRaisesNoMemberAlertInTenWeeks() {
		for (long seed = 1; seed <= TEAMS; seed++) {
			GeneratedTeam team = GeneratedTeam.generate(seed, MEMBERS, WEEKS, GeneratedTeam.messages(MEMBERS, 3),
					GeneratedTeam.NOBODY, 0, Emotion.SADNESS, 0);
			for (int member = 0; member < MEMBERS; member++) {
				assertThat(team.firstAlert(member, RULE)).as("team %d, member %d", seed, member).isEqualTo(-1);
			}
		}
	}

	@Test
	void aMemberWhoTurnsSadIsAlertedWithinThreeWeeksAndNobodyElse() {
		int found = 0;
		for (long seed = 1; seed <= TEAMS; seed++) {
			// from week 8 on, 9 of 10 of this member's reflections are sad
			GeneratedTeam team = GeneratedTeam.generate(seed, MEMBERS, WEEKS, GeneratedTeam.messages(MEMBERS, 3), 0, 7,
					Emotion.SADNESS, 0.9);
			int first = team.firstAlert(0, RULE);
			assertThat(first < 0 || first >= 7).as("team %d: never before the drift (first alert week %d)", seed, first).isTrue();
			if (first >= 7) {
				found++;
				MemberShift.Finding finding = team.finding(0, first, RULE).orElseThrow();
				assertThat(finding.emotion()).isEqualTo(Emotion.SADNESS);
				assertThat(finding.recentShare()).isGreaterThan(finding.baselineShare() + RULE.minRise());
			}
			for (int member = 1; member < MEMBERS; member++) {
				assertThat(team.firstAlert(member, RULE)).as("team %d, member %d", seed, member).isEqualTo(-1);
			}
		}
		// 9 reflections in 3 weeks are little to go on: the rule misses some drifts rather than alert on noise
		// (MemberAlertBench prints recall by strength)
		assertThat(found).as("drifting members found within 3 weeks, of " + TEAMS).isGreaterThanOrEqualTo(TEAMS * 7 / 10);
	}

	@Test
	void aMemberWithFewMessagesIsNeverAlertedOnNoise() {
		for (long seed = 1; seed <= TEAMS; seed++) {
			int[] messages = GeneratedTeam.messages(MEMBERS, 3);
			messages[0] = 1;
			// even a real change: one message a week cannot tell it from chance
			GeneratedTeam team = GeneratedTeam.generate(seed, MEMBERS, WEEKS, messages, 0, 7, Emotion.SADNESS, 0.8);
			assertThat(team.firstAlert(0, RULE)).as("team %d", seed).isEqualTo(-1);
		}
	}

	@Test
	void theBinomialTailIsExact() {
		assertThat(MemberShift.upperTail(9, 6, 0.2)).isCloseTo(0.003066, org.assertj.core.data.Offset.offset(1e-6));
		assertThat(MemberShift.upperTail(9, 0, 0.2)).isEqualTo(1);
		assertThat(MemberShift.upperTail(9, 9, 0.5)).isCloseTo(Math.pow(0.5, 9), org.assertj.core.data.Offset.offset(1e-12));
	}
}
