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

	/**
	 * The situation in which the old "dominant emotion negative for 3 weeks" rule alerted all ten: ten members, ten
	 * weeks, three reflections each a week, about 30 % joy; one member writes only sadly in the last three weeks.
	 */
	@Test
	void onlyTheMemberWhoseOwnMixChangedIsAlertedWithWhatChangedAndALinkToTheirTimeline() {
		String[] mix = { "joy", "anger", "sadness", "joy", "anxiety", "hurt", "joy", "embarrassment", "sadness", "anxiety" };
		java.time.LocalDate monday = java.time.LocalDate.parse("2016-01-04");
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int w = 0; w < 10; w++) {
			String at = monday.plusWeeks(w).plusDays(1) + "T01:00:00Z";
			for (int m = 0; m < 10; m++) {
				for (int i = 0; i < 3; i++) {
					String label = m == 0 && w >= 7 ? "sadness" : mix[(m * 3 + w * 3 + i) % mix.length];
					Map<String, Object> observation = observation("discord", "shift-" + w + "-" + m + "-" + i,
							"discord:90" + m, "팀원" + m, "회고", at, label);
					observation.put("channel_id", "discord:160000000000000001");
					batch.add(observation);
				}
			}
		}
		store(batch);

		List<Map<String, Object>> alerts = alerts("admin", "gw-admin", "", "discord:160000000000000001").stream()
			.filter(a -> a.get("member_id") != null)
			.toList();
		assertThat(alerts).as("one member alert, for the member who changed").hasSize(1);
		Map<String, Object> alert = alerts.get(0);
		assertThat(alert).containsEntry("rule", "member_shift").containsEntry("member_id", "discord:900")
			.containsEntry("member_name", "팀원0").containsEntry("status", "open").containsEntry("week_start", "2016-03-07");
		Map<String, Object> values = (Map<String, Object>) alert.get("values");
		assertThat(values).containsEntry("signal", "sadness").containsEntry("weeks", 3)
			.containsEntry("first_week", "2016-02-22").containsEntry("recent_share", 1.0);
		assertThat((String) alert.get("message")).startsWith("팀원0: 슬픔 비중 ").contains(" % → 100 %, 3주")
			.contains("2016-02-22 ~ 2016-03-13");
		String timeline = (String) values.get("timeline");
		assertThat(timeline).startsWith("/members/discord:900/timeline?grain=week&from=");
		this.client.get().uri(timeline).header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-900", null, "discord:900"))
			.exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.items[-1:].emotions[1].n").isEqualTo(3);

		assertThat(alerts("member", "gw-901", "discord:901", "discord:160000000000000001"))
			.as("another member does not see it").noneMatch(a -> "discord:900".equals(a.get("member_id")));
		assertThat(alerts("member", "gw-900", "discord:900", "discord:160000000000000001")).as("the member sees their own")
			.anyMatch(a -> a.get("id").equals(alert.get("id")));
		this.client.post().uri("/alerts/{id}/acknowledge", alert.get("id"))
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "gw-901", null, "discord:901"))
			.exchange()
			.expectStatus().isNotFound();
		this.client.post().uri("/alerts/{id}/acknowledge", alert.get("id"))
			.header(HttpHeaders.AUTHORIZATION, bearer("admin", "gw-admin", "관리자", ""))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("acknowledged")
			.jsonPath("$.acknowledged_by").isEqualTo("관리자");

		// the same change going on does not reopen it
		Map<String, Object> more = observation("discord", "shift-late", "discord:900", "팀원0", "회고",
				"2016-03-10T01:00:00Z", "sadness");
		more.put("channel_id", "discord:160000000000000001");
		store(List.of(more));
		assertThat(alerts("admin", "gw-admin", "", "discord:160000000000000001"))
			.noneMatch(a -> a.get("member_id") != null);
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
