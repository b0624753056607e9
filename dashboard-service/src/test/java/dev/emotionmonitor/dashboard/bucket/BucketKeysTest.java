package dev.emotionmonitor.dashboard.bucket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BucketKeysTest {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	@Test
	void weeksAreIsoWeeksInTheZoneNotInUtc() {
		// Sunday 16:30 UTC is Monday 01:30 in Seoul: a new ISO week there
		LocalDate local = Instant.parse("2026-11-22T16:30:00Z").atZone(SEOUL).toLocalDate();
		assertThat(Grain.WEEK.start(local)).isEqualTo(LocalDate.parse("2026-11-23"));
		assertThat(Grain.WEEK.start(LocalDate.parse("2026-11-22"))).isEqualTo(LocalDate.parse("2026-11-16"));
		// ISO week 1 of 2021 starts on Monday 2021-01-04; 2021-01-01 belongs to the week of 2020-12-28
		assertThat(Grain.WEEK.start(LocalDate.parse("2021-01-01"))).isEqualTo(LocalDate.parse("2020-12-28"));
		assertThat(Grain.MONTH.start(LocalDate.parse("2024-02-29"))).isEqualTo(LocalDate.parse("2024-02-01"));
		assertThat(Grain.WEEK.periods(LocalDate.parse("2024-02-28"), LocalDate.parse("2024-03-04")))
			.containsExactly(LocalDate.parse("2024-02-26"), LocalDate.parse("2024-03-04"));
	}

	@Test
	void aPeriodIsCoveredByWholeMonthsAndEdgeDays() {
		List<BucketKey> keys = BucketStore.cover(SEOUL, "c", BucketKey.ALL, LocalDate.parse("2024-01-30"),
				LocalDate.parse("2024-04-02"));
		assertThat(keys).extracting(key -> key.grain() + " " + key.period())
			.containsExactly("DAY 2024-01-30", "DAY 2024-01-31", "MONTH 2024-02-01", "MONTH 2024-03-01",
					"DAY 2024-04-01", "DAY 2024-04-02");
		assertThat(BucketStore.cover(SEOUL, "c", BucketKey.ALL, LocalDate.parse("2024-03-05"), LocalDate.parse("2024-03-05")))
			.extracting(BucketKey::grain).containsExactly(Grain.DAY);
	}

	@Test
	void memberIdsSurviveAsFieldNamesAndBucketIdsStayUnambiguous() {
		for (String id : List.of("discord:123456789012345678", "a.b$c", "100%|x", "%2E")) {
			assertThat(MemberKeys.decode(MemberKeys.encode(id))).isEqualTo(id);
			assertThat(MemberKeys.encode(id)).doesNotContain(".", "$", "|");
		}
		BucketKey one = new BucketKey("Asia/Seoul", Grain.WEEK, LocalDate.parse("2024-03-04"), "a|b", "c");
		BucketKey other = new BucketKey("Asia/Seoul", Grain.WEEK, LocalDate.parse("2024-03-04"), "a", "b|c");
		assertThat(one.id()).isNotEqualTo(other.id());
	}

	@Test
	void dominantEmotionTiesGoToTheHigherScore() {
		EmotionTotals totals = new EmotionTotals();
		totals.add(java.util.Map.of("anger", 0.1, "sadness", 0.6, "anxiety", 0.1, "hurt", 0.1, "embarrassment", 0.0, "joy", 0.1),
				"sadness", "m1");
		totals.add(java.util.Map.of("anger", 0.1, "sadness", 0.1, "anxiety", 0.1, "hurt", 0.1, "embarrassment", 0.0, "joy", 0.9),
				"joy", "m2");
		assertThat(totals.dominant().id()).isEqualTo("joy");
		assertThat(totals.negativeShare()).isEqualTo(0.5);
		assertThat(totals.distinctMembers()).isEqualTo(2);
	}
}
