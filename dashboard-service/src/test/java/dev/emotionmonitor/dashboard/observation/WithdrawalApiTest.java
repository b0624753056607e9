package dev.emotionmonitor.dashboard.observation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.emotionmonitor.common.test.Prometheus;
import dev.emotionmonitor.dashboard.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /observations/withdrawals}: the observations of deleted or edited messages leave every figure (team,
 * channel, member; day, week), the member and channel lists and every export, exactly as a recount of what remains
 * says; a repeat changes nothing; an edit (withdrawal, then the new observations) counts the new text only; a
 * withdrawal cut short by a crash ends right at the next start; members may not withdraw.
 */
@SuppressWarnings("unchecked")
class WithdrawalApiTest extends ApiTestSupport {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static final List<String> EMOTIONS = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	private static final String ADMIN = bearer("admin", "gw-admin", null, "");

	@Autowired
	private ReactiveMongoTemplate mongo;

	@Autowired
	private IngestRecovery recovery;

	@Autowired
	private Environment environment;

	@Test
	void withdrawnMessagesLeaveEveryFigureListAndExportAndARepeatChangesNothing() {
		String a = "discord:120000000000000001";
		String b = "discord:120000000000000002";
		String thread = "discord:120000000000000003";
		LocalDate monday = LocalDate.parse("2012-05-07");
		// seven members write in both channels every week, two sections a message; one thread message under a
		List<Map<String, Object>> all = new ArrayList<>();
		for (int week = 0; week < 3; week++) {
			for (int c = 0; c < 2; c++) {
				for (int m = 1; m <= 7; m++) {
					String at = monday.plusWeeks(week).plusDays((m + c) % 5) + "T01:00:00Z";
					String message = "wd-" + week + c + m;
					for (int s = 0; s < 2; s++) {
						all.add(section(message, s == 0 ? "feeling" : "learned", "discord:12" + m, c == 0 ? a : b,
								c == 0 ? "회고" : "잡담", at, EMOTIONS.get((week * 7 + m * 3 + c + s * 2) % 6)));
					}
				}
			}
		}
		for (String section : List.of("feeling", "learned")) {
			Map<String, Object> inThread = section("wd-thread", section, "discord:121", thread, "1주차 스레드",
					"2012-05-15T03:00:00Z", "hurt");
			inThread.put("parent_channel_id", a);
			inThread.put("parent_channel", "회고");
			all.add(inThread);
		}
		store(all);
		assertThat(channelIds()).contains(a, b, thread);
		assertThat(knownMembers("2012-05-21", a)).isEqualTo(7);

		// every message of member 7, three others, the thread's; an unknown id and a known id under another source
		List<String> withdrawn = new ArrayList<>();
		for (int week = 0; week < 3; week++) {
			for (int c = 0; c < 2; c++) {
				withdrawn.add("wd-" + week + c + "7");
			}
		}
		withdrawn.addAll(List.of("wd-001", "wd-112", "wd-203", "wd-thread"));
		List<Map<String, Object>> items = new ArrayList<>(
				withdrawn.stream().map(id -> item("discord", id)).toList());
		items.add(item("discord", "wd-never-seen"));
		items.add(item("web", "wd-204"));
		Prometheus before = Prometheus.scrape(this.environment);
		long stored = this.mongo.count(new Query(), Observation.class).block();
		long started = System.nanoTime();

		withdraw(items).expectStatus().isOk().expectBody()
			.jsonPath("$.withdrawn").isEqualTo(20)
			.jsonPath("$.messages").isEqualTo(10);
		System.out.printf("withdrew 10 messages (20 observations) of %d stored in %d ms%n", stored,
				(System.nanoTime() - started) / 1_000_000);

		Prometheus after = Prometheus.scrape(this.environment);
		assertThat(after.sum("emotion_dashboard_withdrawals_total") - before.sum("emotion_dashboard_withdrawals_total"))
			.isEqualTo(10.0);
		assertThat(after.sum("emotion_dashboard_observations_total", "outcome=\"withdrawn\"")
				- before.sum("emotion_dashboard_observations_total", "outcome=\"withdrawn\"")).isEqualTo(20.0);
		List<Map<String, Object>> remaining = all.stream()
			.filter(observation -> !withdrawn.contains(observation.get("message_id")))
			.toList();
		assertThat(remaining).hasSize(all.size() - 20);
		assertFiguresAre(remaining, monday, a, b);
		assertThat(channelIds()).as("a channel left without observations leaves the list").contains(a, b)
			.doesNotContain(thread);
		assertThat(knownMembers("2012-05-21", a)).as("a member left without observations leaves the list").isEqualTo(6);

		withdraw(items).expectStatus().isOk().expectBody()
			.jsonPath("$.withdrawn").isEqualTo(0)
			.jsonPath("$.messages").isEqualTo(0);
		assertFiguresAre(remaining, monday, a, b);
	}

	@Test
	void anEditedMessageCountsOnlyItsNewTextOnceItsWithdrawalAndNewObservationsArrive() {
		String channel = "discord:130000000000000001";
		String member = "discord:1301";
		List<Map<String, Object>> first = List.of(
				section("edit-1", "feeling", member, channel, "회고", "2012-09-04T01:00:00Z", "sadness"),
				section("edit-1", "learned", member, channel, "회고", "2012-09-04T01:00:00Z", "anger"),
				section("edit-1", "tomorrow", member, channel, "회고", "2012-09-04T01:00:00Z", "anxiety"),
				section("edit-2", "feeling", member, channel, "회고", "2012-09-05T01:00:00Z", "hurt"));
		store(first);
		memberDistribution(member, "2012-09-03").jsonPath("$.n").isEqualTo(4);

		// the edit dropped two sections and changed the feeling; the outbox sends both steps, and may send them twice
		List<Map<String, Object>> edited = List.of(
				section("edit-1", "feeling", member, channel, "회고", "2012-09-04T01:00:00Z", "joy"));
		for (int attempt = 0; attempt < 2; attempt++) {
			withdraw(List.of(item("discord", "edit-1"))).expectStatus().isOk().expectBody()
				.jsonPath("$.withdrawn").isEqualTo(attempt == 0 ? 3 : 1)
				.jsonPath("$.messages").isEqualTo(1);
			store(edited);
			memberDistribution(member, "2012-09-03").jsonPath("$.n").isEqualTo(2)
				.jsonPath("$.emotions[0].n").isEqualTo(0)
				.jsonPath("$.emotions[1].n").isEqualTo(0)
				.jsonPath("$.emotions[2].n").isEqualTo(0)
				.jsonPath("$.emotions[3].n").isEqualTo(1)
				.jsonPath("$.emotions[5].n").isEqualTo(1);
		}
		Set<String> rows = exportRows("2012-09-03", "2012-09-09", "json").keySet();
		assertThat(rows).containsExactlyInAnyOrder("discord|edit-1|feeling|" + member + "|joy",
				"discord|edit-2|feeling|" + member + "|hurt");
	}

	@Test
	void aWithdrawalCutShortByACrashEndsRightAtTheNextStart() {
		String channel = "discord:140000000000000001";
		String lonely = "discord:140000000000000002";
		List<Map<String, Object>> team = new ArrayList<>();
		for (int m = 1; m <= 6; m++) {
			team.add(section("crash-" + m, "feeling", "discord:14" + m, channel, "회고", "2011-03-08T01:00:00Z",
					m <= 3 ? "anger" : "joy"));
		}
		team.add(section("crash-lonely", "feeling", "discord:147", lonely, "혼자", "2011-03-09T01:00:00Z", "sadness"));
		store(team);
		distribution(channel, "2011-03-07").jsonPath("$.n").isEqualTo(6);

		// killed after its journal entry, before the observations went: nothing changed, the retry withdraws them
		this.mongo.insert(new IngestJournal.Entry("withdrawal-before", Instant.parse("2011-03-08T01:00:00Z"),
				Instant.parse("2011-03-08T01:00:00Z"), Instant.now(), List.of("discord:141"), List.of(channel))).block();
		recover();
		distribution(channel, "2011-03-07").jsonPath("$.n").isEqualTo(6).jsonPath("$.emotions[0].n").isEqualTo(3);

		// killed after the observations went, before their buckets and the lists were written
		this.mongo.remove(Query.query(Criteria.where("messageId").in("crash-1", "crash-lonely")), Observation.class)
			.block();
		this.mongo.insert(new IngestJournal.Entry("withdrawal-after", Instant.parse("2011-03-08T01:00:00Z"),
				Instant.parse("2011-03-09T01:00:00Z"), Instant.now(), List.of("discord:141", "discord:147"),
				List.of(channel, lonely))).block();
		// the crash left the figures behind
		distribution(channel, "2011-03-07").jsonPath("$.n").isEqualTo(6);
		assertThat(channelIds()).contains(lonely);

		recover();
		distribution(channel, "2011-03-07").jsonPath("$.n").isEqualTo(5)
			.jsonPath("$.emotions[0].n").isEqualTo(2)
			.jsonPath("$.emotions[5].n").isEqualTo(3);
		assertThat(channelIds()).contains(channel).doesNotContain(lonely);
		assertThat(knownMembers("2011-03-07", channel)).isEqualTo(5);
		// the sender's retry finds nothing more to withdraw
		withdraw(List.of(item("discord", "crash-1"), item("discord", "crash-lonely"))).expectStatus().isOk()
			.expectBody().jsonPath("$.withdrawn").isEqualTo(0);
	}

	@Test
	void anAlertThatTheWithdrawnMessagesRaisedIsTakenBack() {
		String channel = "discord:160000000000000001";
		LocalDate first = LocalDate.parse("2010-03-01");
		List<Map<String, Object>> weeks = new ArrayList<>();
		for (int week = 0; week < 5; week++) {
			for (int m = 1; m <= 6; m++) {
				// a calm baseline of four weeks, then a sad fifth week
				String label = week == 4 && m <= 4 ? "sadness" : "joy";
				weeks.add(section("alert-" + week + "-" + m, "feeling", "discord:16" + m, channel, "회고",
						first.plusWeeks(week).plusDays(1) + "T01:00:00Z", label));
			}
		}
		store(weeks);
		String fifth = first.plusWeeks(4).toString();
		assertThat(teamAlertWeeks(channel)).containsExactly(fifth);

		// the sad messages were deleted: the week is calm again
		withdraw(List.of(item("discord", "alert-4-1"), item("discord", "alert-4-2"), item("discord", "alert-4-3")))
			.expectStatus().isOk().expectBody().jsonPath("$.withdrawn").isEqualTo(3);
		assertThat(teamAlertWeeks(channel)).isEmpty();
	}

	private List<String> teamAlertWeeks(String channel) {
		List<Map<String, Object>> alerts = (List<Map<String, Object>>) json("/alerts?status=all&channel=" + channel)
			.get("items");
		return alerts.stream()
			.filter(alert -> "team_negative_share".equals(alert.get("rule")) && channel.equals(alert.get("channel")))
			.map(alert -> (String) alert.get("week_start"))
			.toList();
	}

	@Test
	void withdrawingAMembersOrChannelsFirstOrLastMessageMovesItsListEntriesBack() {
		String x = "discord:170000000000000001";
		String y = "discord:170000000000000002";
		String m = "discord:171";
		String n = "discord:172";
		LocalDate week1 = LocalDate.parse("2009-06-01");
		LocalDate week2 = week1.plusWeeks(1);
		LocalDate week3 = week1.plusWeeks(2);
		store(List.of(named(section("edge-m1", "feeling", m, x, "회고", week1.plusDays(1) + "T01:00:00Z", "joy"), "예전"),
				named(section("edge-n1", "feeling", n, x, "회고", week1.plusDays(2) + "T01:00:00Z", "joy"), "다른"),
				named(section("edge-m2", "feeling", m, y, "잡담", week2.plusDays(1) + "T01:00:00Z", "anger"), "예전"),
				named(section("edge-n2", "feeling", n, y, "잡담", week2.plusDays(2) + "T01:00:00Z", "joy"), "다른"),
				named(section("edge-m3", "feeling", m, x, "회고", week3.plusDays(1) + "T01:00:00Z", "sadness"), "예전"),
				named(section("edge-m4", "feeling", m, x, "회고-새", week3.plusDays(8) + "T01:00:00Z", "hurt"), "새이름")));
		assertThat(channelNames()).containsEntry(x, "회고-새").containsEntry(y, "잡담");
		assertThat(knownMembers(week1.toString(), x)).isEqualTo(2);
		assertThat(knownMembers(week2.toString(), y)).isEqualTo(2);
		assertThat(activeNames(week3, x)).containsExactly("새이름");

		// m's first message, its only one in y, and its (and x's) latest one
		withdraw(List.of(item("discord", "edge-m1"), item("discord", "edge-m2"), item("discord", "edge-m4")))
			.expectStatus().isOk().expectBody().jsonPath("$.withdrawn").isEqualTo(3);

		assertThat(channelNames()).as("a channel is named as its latest message left names it")
			.containsEntry(x, "회고").containsEntry(y, "잡담");
		assertThat(knownMembers(week1.toString(), x)).as("m's first message left is in the third week").isEqualTo(1);
		assertThat(knownMembers(week2.toString(), y)).as("m has nothing left in y").isEqualTo(1);
		assertThat(activeNames(week3, x)).as("a member is named as its latest message left names it")
			.containsExactly("예전");
	}

	private static Map<String, Object> named(Map<String, Object> observation, String memberName) {
		observation.put("member_name", memberName);
		return observation;
	}

	private Map<String, String> channelNames() {
		List<Map<String, Object>> items = (List<Map<String, Object>>) json("/channels").get("items");
		return items.stream().collect(Collectors.toMap(channel -> (String) channel.get("channel_id"),
				channel -> (String) channel.get("channel")));
	}

	private List<String> activeNames(LocalDate week, String channel) {
		Map<String, Object> participation = (Map<String, Object>) json("/members?week=" + week + "&channel=" + channel)
			.get("participation");
		return ((List<Map<String, Object>>) participation.get("active")).stream()
			.map(member -> (String) member.get("member_name"))
			.toList();
	}

	@Test
	void onlyServicesAndAdminsWithdrawAndABadBodyIsRefusedWhole() {
		store(List.of(section("refuse-1", "feeling", "discord:151", "discord:150000000000000001", "회고",
				"2011-08-02T01:00:00Z", "joy")));
		this.client.post().uri("/observations/withdrawals")
			.header(HttpHeaders.AUTHORIZATION, bearer("member", "discord:151", "본인", "discord:151"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of(item("discord", "refuse-1"))))
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.post().uri("/observations/withdrawals")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of(item("discord", "refuse-1"), Map.of("source", "discord"))))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
				.contains("item [1]").contains("message_id").doesNotContain("Exception"));
		withdraw(List.of(Map.of("message_id", "refuse-1"))).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("source"));
		withdraw(List.of(Map.of("source", "discord", "message_id", 1234567))).expectStatus().isBadRequest();
		this.client.post().uri("/observations/withdrawals").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(List.of(item("discord", "refuse-1"))).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i <= 5000; i++) {
			tooMany.add(item("discord", "refuse-" + i));
		}
		withdraw(tooMany).expectStatus().isEqualTo(413)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

		// nothing was withdrawn
		memberDistribution("discord:151", "2011-08-01").jsonPath("$.n").isEqualTo(1);
	}

	/** Team, channel and member figures (range, week, day) and both paged exports equal a recount of {@code expected}. */
	private void assertFiguresAre(List<Map<String, Object>> expected, LocalDate monday, String... channels) {
		String range = "from=" + monday + "&to=" + monday.plusDays(20);
		assertThat(counts(json("/distribution?" + range))).as("team").isEqualTo(recount(expected, o -> true));
		for (String channel : channels) {
			assertThat(counts(json("/distribution?" + range + "&channel=" + channel))).as("channel " + channel)
				.isEqualTo(recount(expected, o -> channel.equals(o.get("channel_id"))));
		}
		for (int m = 1; m <= 7; m++) {
			String member = "discord:12" + m;
			assertThat(counts(json("/distribution?" + range + "&member=" + member))).as("member " + member)
				.isEqualTo(recount(expected, o -> member.equals(o.get("member_id"))));
		}
		// team days have too few members to show (k = 5): days per member, weeks for the team and per member
		List<String> scopes = new ArrayList<>(List.of("*"));
		for (int m = 1; m <= 7; m++) {
			scopes.add("discord:12" + m);
		}
		for (String scope : scopes) {
			for (String grain : scope.equals("*") ? List.of("week") : List.of("week", "day")) {
				String uri = "/timeline?grain=" + grain + "&" + range + (scope.equals("*") ? "" : "&member=" + scope);
				List<Map<String, Object>> points = (List<Map<String, Object>>) json(uri).get("items");
				assertThat(points).hasSize(grain.equals("week") ? 3 : 21);
				for (Map<String, Object> point : points) {
					LocalDate start = LocalDate.parse((String) point.get("period_start"));
					LocalDate end = grain.equals("week") ? start.plusDays(6) : start;
					assertThat(counts(point)).as(scope + " " + grain + " " + start)
						.isEqualTo(recount(expected, o -> (scope.equals("*") || scope.equals(o.get("member_id")))
								&& !day(o).isBefore(start) && !day(o).isAfter(end)));
				}
			}
		}
		Map<String, Map<String, Long>> weekly = new TreeMap<>();
		for (Map<String, Object> row : (List<Map<String, Object>>) json("/exports/weekly.json?" + range).get("data")) {
			if (List.of(channels).contains(row.get("channel_id")) && ((Number) row.get("n")).longValue() > 0) {
				weekly.computeIfAbsent(row.get("period_start") + " " + row.get("channel_id"), key -> new TreeMap<>())
					.put((String) row.get("emotion"), ((Number) row.get("n")).longValue());
			}
		}
		Map<String, Map<String, Long>> weeklyExpected = new TreeMap<>();
		for (Map<String, Object> observation : expected) {
			if (List.of(channels).contains(observation.get("channel_id"))) {
				weeklyExpected.computeIfAbsent(day(observation).with(java.time.DayOfWeek.MONDAY) + " "
						+ observation.get("channel_id"), key -> new TreeMap<>())
					.merge((String) observation.get("label"), 1L, Long::sum);
			}
		}
		assertThat(weekly).as("weekly export").isEqualTo(weeklyExpected);
		Map<String, Integer> rows = expected.stream()
			.collect(Collectors.toMap(WithdrawalApiTest::key, o -> 1, Integer::sum, TreeMap::new));
		assertThat(exportRows(monday.toString(), monday.plusDays(20).toString(), "json")).as("observations.json, paged")
			.isEqualTo(rows);
		assertThat(exportRows(monday.toString(), monday.plusDays(20).toString(), "csv")).as("observations.csv, paged")
			.isEqualTo(rows);
	}

	/** Every row of the message-level export over [from, to], following the cursor through pages of 25. */
	private Map<String, Integer> exportRows(String from, String to, String format) {
		Map<String, Integer> rows = new TreeMap<>();
		String after = null;
		int pages = 0;
		do {
			String uri = "/exports/observations." + format + "?from=" + from + "&to=" + to + "&limit=25"
					+ (after == null ? "" : "&after=" + after);
			EntityExchangeResult<byte[]> result = this.client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, ADMIN)
				.exchange().expectStatus().isOk().expectBody().returnResult();
			String body = new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
			if (format.equals("csv")) {
				String[] lines = body.split("\r\n");
				List<String> header = List.of(lines[0].split(","));
				for (int i = 1; i < lines.length; i++) {
					String[] cells = lines[i].split(",", -1);
					Map<String, Object> row = new LinkedHashMap<>();
					for (int c = 0; c < header.size(); c++) {
						row.put(header.get(c), cells[c]);
					}
					rows.merge(key(row), 1, Integer::sum);
				}
			}
			else {
				Map<String, Object> page = readJson(body);
				((List<Map<String, Object>>) page.get("data")).forEach(row -> rows.merge(key(row), 1, Integer::sum));
			}
			after = result.getResponseHeaders().getFirst("X-Next-Cursor");
			pages++;
		}
		while (after != null);
		assertThat(pages).isGreaterThan(rows.size() > 25 ? 1 : 0);
		return rows;
	}

	private static Map<String, Object> readJson(String body) {
		return new tools.jackson.databind.ObjectMapper().readValue(body, Map.class);
	}

	private static String key(Map<String, Object> row) {
		return row.get("source") + "|" + row.get("message_id") + "|" + row.get("section") + "|" + row.get("member_id")
				+ "|" + row.get("label");
	}

	private static LocalDate day(Map<String, Object> observation) {
		return Instant.parse((String) observation.get("at")).atZone(SEOUL).toLocalDate();
	}

	/** n and the count of each label, from an answer's {@code n} and {@code emotions}. */
	private static Map<String, Long> counts(Map<String, Object> figure) {
		Map<String, Long> counts = new TreeMap<>();
		assertThat(figure.get("suppressed")).as("figure suppressed: " + figure).isNotEqualTo(true);
		counts.put("n", figure.get("n") == null ? 0 : ((Number) figure.get("n")).longValue());
		List<Map<String, Object>> emotions = (List<Map<String, Object>>) figure.get("emotions");
		if (emotions != null) {
			emotions.forEach(emotion -> counts.put((String) emotion.get("emotion"), ((Number) emotion.get("n")).longValue()));
		}
		EMOTIONS.forEach(emotion -> counts.putIfAbsent(emotion, 0L));
		return counts;
	}

	private static Map<String, Long> recount(List<Map<String, Object>> observations,
			java.util.function.Predicate<Map<String, Object>> which) {
		Map<String, Long> counts = new TreeMap<>();
		counts.put("n", 0L);
		EMOTIONS.forEach(emotion -> counts.put(emotion, 0L));
		observations.stream().filter(which).forEach(observation -> {
			counts.merge("n", 1L, Long::sum);
			counts.merge((String) observation.get("label"), 1L, Long::sum);
		});
		return counts;
	}

	private Set<String> channelIds() {
		List<Map<String, Object>> items = (List<Map<String, Object>>) json("/channels").get("items");
		return items.stream().map(channel -> (String) channel.get("channel_id")).collect(Collectors.toCollection(HashSet::new));
	}

	private int knownMembers(String week, String channel) {
		Map<String, Object> participation = (Map<String, Object>) json("/members?week=" + week + "&channel=" + channel)
			.get("participation");
		return ((Number) participation.get("known_members")).intValue();
	}

	private void recover() {
		this.recovery.afterSingletonsInstantiated();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mongo.count(new Query(), IngestJournal.Entry.class).block() == 0);
	}

	private Map<String, Object> json(String uri) {
		return this.client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, ADMIN).exchange()
			.expectStatus().isOk()
			.expectBody(Map.class).returnResult().getResponseBody();
	}

	private WebTestClient.BodyContentSpec distribution(String channel, String monday) {
		return this.client.get()
			.uri("/distribution?from=" + monday + "&to=" + LocalDate.parse(monday).plusDays(6) + "&channel=" + channel)
			.exchange().expectStatus().isOk().expectBody();
	}

	private WebTestClient.BodyContentSpec memberDistribution(String member, String monday) {
		return this.client.get()
			.uri("/distribution?from=" + monday + "&to=" + LocalDate.parse(monday).plusDays(6) + "&member=" + member)
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.exchange().expectStatus().isOk().expectBody();
	}

	private WebTestClient.ResponseSpec withdraw(List<Map<String, Object>> items) {
		return this.client.post().uri("/observations/withdrawals").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", items)).exchange();
	}

	private static Map<String, Object> item(String source, String messageId) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("source", source);
		item.put("message_id", messageId);
		return item;
	}

	private static Map<String, Object> section(String messageId, String section, String memberId, String channelId,
			String channel, String at, String label) {
		Map<String, Object> observation = observation("discord", messageId, memberId, "멤버" + memberId.substring(8),
				channel, at, label);
		observation.put("section", section);
		observation.put("channel_id", channelId);
		return observation;
	}
}
