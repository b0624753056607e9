package dev.emotionmonitor.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class AlertApiTest extends ApiTestSupport {

	@Test
	void threeNegativeWeeksInARowRaiseOneAlertSeenOnlyByThatMemberAndAdmins() {
		List<Map<String, Object>> batch = new ArrayList<>();
		String[] weeks = { "2022-05-03T01:00:00Z", "2022-05-10T01:00:00Z", "2022-05-17T01:00:00Z", "2022-05-24T01:00:00Z" };
		String[][] labels = { { "sadness", "sadness", "joy" }, { "anxiety", "anxiety", "anxiety" },
				{ "hurt", "joy", "hurt" }, { "sadness", "joy", "sadness" } };
		for (int w = 0; w < weeks.length; w++) {
			for (int i = 0; i < 3; i++) {
				batch.add(observation("discord", "streak-" + w + "-" + i, "discord:501", "하늘", "alert-streak", weeks[w],
						labels[w][i]));
			}
			batch.add(observation("discord", "calm-" + w, "discord:502", "바다", "alert-streak", weeks[w], "joy"));
		}
		store(batch);

		List<Map<String, Object>> alerts = alerts("admin", "gw-admin", "", "alert-streak");
		List<Map<String, Object>> streaks = alerts.stream().filter(a -> "member_negative_streak".equals(a.get("rule"))).toList();
		assertThat(streaks).as("one alert for the whole four-week streak").hasSize(1);
		Map<String, Object> streak = streaks.get(0);
		assertThat(streak).containsEntry("member_id", "discord:501").containsEntry("member_name", "하늘")
			.containsEntry("status", "open").containsEntry("week_start", "2022-05-23");
		assertThat((Map<String, Object>) streak.get("values")).containsEntry("weeks", 4)
			.containsEntry("first_week", "2022-05-02")
			.containsEntry("dominant", List.of("sadness", "anxiety", "hurt", "sadness"));
		assertThat((String) streak.get("message")).contains("하늘").contains("4주 연속");

		assertThat(alerts("member", "gw-502", "discord:502", "alert-streak")).as("another member does not see it")
			.noneMatch(a -> "discord:501".equals(a.get("member_id")));
		assertThat(alerts("member", "gw-501", "discord:501", "alert-streak")).as("the member sees their own")
			.anyMatch(a -> a.get("id").equals(streak.get("id")));

		this.client.post().uri("/alerts/{id}/acknowledge", streak.get("id"))
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-502", null, "discord:502"))
			.exchange()
			.expectStatus().isNotFound();
		this.client.post().uri("/alerts/{id}/acknowledge", streak.get("id"))
			.header(HttpHeaders.AUTHORIZATION, bearer("admin", "gw-admin", "관리자", ""))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("acknowledged")
			.jsonPath("$.acknowledged_by").isEqualTo("관리자");

		// more negative data in the same streak does not reopen it
		store(List.of(observation("discord", "streak-late", "discord:501", "하늘", "alert-streak", "2022-05-25T01:00:00Z", "anger")));
		assertThat(alerts("admin", "gw-admin", "", "alert-streak")).noneMatch(a -> a.get("id").equals(streak.get("id")));
		this.client.get().uri("/alerts?status=acknowledged&channel=alert-streak").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.items[0].id").isEqualTo(streak.get("id"));
	}

	@Test
	void aTeamWhoseNegativeShareJumpsAboveItsBaselineRaisesATeamAlertAndTheDigestReportsIt() {
		List<Map<String, Object>> batch = new ArrayList<>();
		// four calm weeks (Mondays 2022-09-05 .. 2022-09-26), then a bad week of 2022-10-03
		for (int w = 0; w < 4; w++) {
			String at = "2022-09-" + String.format("%02d", 6 + 7 * w) + "T01:00:00Z";
			for (int m = 1; m <= 5; m++) {
				batch.add(observation("discord", "base-" + w + "-" + m, "discord:60" + m, "팀원" + m, "alert-team", at,
						m == 5 ? "anxiety" : "joy"));
			}
		}
		for (int m = 1; m <= 5; m++) {
			batch.add(observation("discord", "bad-" + m, "discord:60" + m, "팀원" + m, "alert-team", "2022-10-04T01:00:00Z",
					m == 1 ? "joy" : "anger"));
		}
		store(batch);

		List<Map<String, Object>> alerts = alerts("member", "gw-601", "discord:601", "alert-team");
		Map<String, Object> team = alerts.stream().filter(a -> "team_negative_share".equals(a.get("rule"))
				&& "alert-team".equals(a.get("channel"))).findFirst().orElseThrow();
		assertThat(team).containsEntry("week_start", "2022-10-03");
		assertThat((Map<String, Object>) team.get("values")).containsEntry("negative_share", 0.8)
			.containsEntry("baseline_share", 0.2).containsEntry("baseline_weeks", 4);
		assertThat((String) team.get("message")).contains("#alert-team").contains("80%");

		this.client.get().uri("/digest?week=2022-10-05&channel=alert-team").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.week_start").isEqualTo("2022-10-03")
			.jsonPath("$.week_end").isEqualTo("2022-10-09")
			.jsonPath("$.channels[0].channel").isEqualTo("alert-team")
			.jsonPath("$.channels[0].participation.active_members").isEqualTo(5)
			.jsonPath("$.channels[0].negative_share").isEqualTo(0.8)
			.jsonPath("$.channels[0].previous_negative_share").isEqualTo(0.2)
			.jsonPath("$.channels[0].change").isEqualTo(0.6)
			.jsonPath("$.channels[0].distribution[0].n").isEqualTo(4)
			.jsonPath("$.channels[0].open_alerts[0].id").isEqualTo(team.get("id"));
		String markdown = this.client.get().uri("/digest.md?week=2022-10-05&channel=alert-team").exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/markdown"))
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(markdown).contains("## 주간 감정 다이제스트").contains("### #alert\\-team")
			.contains("참여 (participation): 5/5명").contains("분노 80%").contains("기쁨 20%")
			.contains("부정 비율 (negative share): 80%").contains("+60%p").contains("⚠️");

		this.client.post().uri("/alerts/{id}/acknowledge", team.get("id"))
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-601", null, "discord:601"))
			.exchange()
			.expectStatus().isForbidden();
		this.client.post().uri("/alerts/no-such-alert/acknowledge").exchange().expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private List<Map<String, Object>> alerts(String role, String id, String identities, String channel) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.get().uri("/alerts?status=open&channel=" + channel)
			.header(HttpHeaders.AUTHORIZATION, bearer(role, id, null, identities));
		Map<String, Object> page = request.exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
			.getResponseBody();
		return (List<Map<String, Object>>) page.get("items");
	}
}
