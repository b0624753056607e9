package dev.emotionmonitor.dashboard.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's own store queries, run through its API: observation upserts (created, unchanged on replay, replaced
 * with the buckets moved), bucket reads (distribution, week timeline, a member's timeline, the members table,
 * channels), the cursor-paged message export and the weekly export, and a rebuild of every bucket from the stored
 * observations. Subclassed once for the embedded store and once for {@code mongo:8}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.dashboard.min-members=1", "emotion.test.context=store-contract" })
@AutoConfigureWebTestClient(timeout = "60s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardStoreContract {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String RANGE = "from=2021-03-01&to=2021-03-14";

	@Autowired
	WebTestClient http;

	/** Two weeks, two channels, three members; Seoul dates equal the UTC dates at 03:00Z. */
	static List<Map<String, Object>> observations() {
		return List.of(observation("m1-a-1", "9001", "contract-a", "2021-03-02", "joy"),
				observation("m2-a-1", "9002", "contract-a", "2021-03-02", "sadness"),
				observation("m3-a-1", "9003", "contract-a", "2021-03-03", "joy"),
				observation("m1-a-2", "9001", "contract-a", "2021-03-09", "anxiety"),
				observation("m2-a-2", "9002", "contract-a", "2021-03-10", "joy"),
				observation("m1-b-1", "9001", "contract-b", "2021-03-02", "anger"),
				observation("m3-b-2", "9003", "contract-b", "2021-03-10", "hurt"));
	}

	@BeforeAll
	void writeReplayAndReplace() {
		assertThat(post(observations())).containsEntry("received", 7).containsEntry("created", 7);
		assertThat(post(observations())).as("a replay changes nothing").containsEntry("unchanged", 7)
			.containsEntry("created", 0).containsEntry("replaced", 0);
		assertThat(post(List.of(observation("m2-a-1", "9002", "contract-a", "2021-03-02", "anger"))))
			.as("the same message with a new label replaces it").containsEntry("replaced", 1).containsEntry("created", 0);
	}

	@Test
	void bucketsAnswerDistributionTimelinesMembersAndChannels() {
		assertDistributionOfChannelA();
		http.get().uri("/distribution?" + RANGE + "&member=discord:9001").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.n").isEqualTo(3)
			.jsonPath("$.emotions[*].n").isEqualTo(List.of(1, 0, 1, 0, 0, 1));

		http.get().uri("/timeline?grain=week&" + RANGE + "&channel=contract-a").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.items[*].period_start").isEqualTo(List.of("2021-03-01", "2021-03-08"))
			.jsonPath("$.items[*].n").isEqualTo(List.of(3, 2))
			.jsonPath("$.items[0].emotions[*].n").isEqualTo(List.of(1, 0, 0, 0, 0, 2))
			.jsonPath("$.items[1].emotions[*].n").isEqualTo(List.of(0, 0, 1, 0, 0, 1));
		http.get().uri("/timeline?grain=day&from=2021-03-01&to=2021-03-03&channel=contract-a").exchange()
			.expectStatus().isOk().expectBody()
			.jsonPath("$.items[*].n").isEqualTo(List.of(0, 2, 1));

		http.get().uri("/members/discord:9003/timeline?grain=week&" + RANGE).exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.items[*].n").isEqualTo(List.of(1, 1))
			.jsonPath("$.items[0].emotions[5].n").isEqualTo(1)
			.jsonPath("$.items[1].emotions[3].n").isEqualTo(1);

		http.get().uri("/members?week=2021-03-10&channel=contract-a").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.week_start").isEqualTo("2021-03-08")
			.jsonPath("$.items[*].member_id").value(ids -> assertThat((List<String>) ids)
				.containsExactlyInAnyOrder("discord:9001", "discord:9002"))
			.jsonPath("$.participation.active_members").isEqualTo(2);

		http.get().uri("/channels").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.items[*].channel_id").value(ids -> assertThat((List<String>) ids)
				.contains("contract-a", "contract-b"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void messageExportPagesEveryRowOnceAndTheWeeklyExportSumsTheBuckets() {
		List<Map<String, Object>> rows = new ArrayList<>();
		String uri = "/exports/observations.json?limit=3&" + RANGE;
		int pages = 0;
		while (uri != null) {
			Map<String, Object> page = get(uri);
			rows.addAll((List<Map<String, Object>>) page.get("data"));
			Object next = ((Map<String, Object>) page.get("meta")).get("next_cursor");
			uri = next == null ? null : "/exports/observations.json?limit=3&" + RANGE + "&after=" + next;
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(rows).extracting(row -> row.get("message_id"))
			.containsExactlyInAnyOrder("m1-a-1", "m2-a-1", "m3-a-1", "m1-a-2", "m2-a-2", "m1-b-1", "m3-b-2");
		assertThat(rows).extracting(row -> (String) row.get("at")).isSorted();
		assertThat(rows).filteredOn(row -> row.get("message_id").equals("m2-a-1")).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("label", "anger"));

		Map<String, Object> weekly = get("/exports/weekly.json?" + RANGE + "&channel=contract-a");
		List<Map<String, Object>> data = (List<Map<String, Object>>) weekly.get("data");
		assertThat(data).hasSize(12);
		Map<String, Object> counts = new LinkedHashMap<>();
		data.forEach(row -> counts.put(row.get("period_start") + " " + row.get("emotion"), row.get("n")));
		assertThat(counts).containsEntry("2021-03-01 joy", 2).containsEntry("2021-03-01 anger", 1)
			.containsEntry("2021-03-01 sadness", 0).containsEntry("2021-03-08 anxiety", 1)
			.containsEntry("2021-03-08 joy", 1);
	}

	@Test
	void rebuildRecomputesTheSameBucketsFromTheObservations() {
		http.post().uri("/admin/rebuild").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.observations").value(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(7));
		assertDistributionOfChannelA();
	}

	private void assertDistributionOfChannelA() {
		http.get().uri("/distribution?" + RANGE + "&channel=contract-a").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.n").isEqualTo(5)
			.jsonPath("$.members").isEqualTo(3)
			.jsonPath("$.emotions[*].n").isEqualTo(List.of(1, 0, 1, 0, 0, 3))
			.jsonPath("$.negative_share").isEqualTo(0.4);
	}

	private static Map<String, Object> observation(String messageId, String member, String channel, String date,
			String label) {
		Map<String, Object> observation = new LinkedHashMap<>();
		observation.put("source", "discord");
		observation.put("message_id", messageId);
		observation.put("section", "feeling");
		observation.put("member_id", "discord:" + member);
		observation.put("member_name", "팀원" + member);
		observation.put("channel", channel);
		observation.put("at", date + "T03:00:00Z");
		observation.put("label", label);
		Map<String, Double> scores = new LinkedHashMap<>();
		for (String emotion : List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy")) {
			scores.put(emotion, emotion.equals(label) ? 0.75 : 0.05);
		}
		observation.put("scores", scores);
		observation.put("model_version", "contract-1");
		return observation;
	}

	private Map<String, Object> post(Object body) {
		return http.post().uri("/observations").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
	}

	private Map<String, Object> get(String uri) {
		return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
	}
}
