package dev.emotionmonitor.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.emotionmonitor.gateway.support.GatewayTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's own store queries, run through its admin API: members (filters by active and role, paging, an update),
 * keys (by member, revoked ones hidden unless asked, a revoked key refused at once) and the API usage log (newest
 * first, filters by member, status class, route and path prefix, paging, counts). Subclassed once for the embedded
 * store and once for {@code mongo:8}.
 */
abstract class GatewayStoreContract extends GatewayTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void membersFilterByActiveAndRolePageAndUpdate() {
		NewMember first = addMember("contract " + run + " 1", "member");
		NewMember second = addMember("contract " + run + " 2", "member");
		NewMember admin = addMember("contract " + run + " admin", "admin");
		patch("/api/admin/members/" + second.id(), Map.of("active", false, "display_name", "renamed " + run));

		assertThat(get("/api/admin/members/" + second.id())).containsEntry("display_name", "renamed " + run)
			.containsEntry("active", false);
		assertThat(ids(get("/api/admin/members?active=false&size=100"))).contains(second.id())
			.doesNotContain(first.id(), admin.id());
		assertThat(ids(get("/api/admin/members?active=true&size=100"))).contains(first.id(), admin.id())
			.doesNotContain(second.id());
		assertThat(ids(get("/api/admin/members?role=admin&size=100"))).contains(admin.id())
			.doesNotContain(first.id(), second.id());

		long total = ((Number) get("/api/admin/members?size=100").get("total")).longValue();
		Set<String> seen = new HashSet<>();
		for (int page = 0; page * 2 < total; page++) {
			ids(get("/api/admin/members?size=2&page=" + page))
				.forEach(id -> assertThat(seen.add(id)).as("%s on one page only", id).isTrue());
		}
		assertThat(seen).hasSize((int) total).contains(first.id(), second.id(), admin.id());
	}

	@Test
	@SuppressWarnings("unchecked")
	void keysListByMemberHideRevokedOnesAndARevokedKeyStopsWorking() {
		NewMember member = addMember("contract " + run + " keys", "member");
		IssuedKey export = issueKey(member.id(), "export");
		client.get().uri("/api/session").headers(h -> h.setBearerAuth(member.key())).exchange().expectStatus().isOk();

		List<Map<String, Object>> keys = items(get("/api/admin/keys?member_id=" + member.id()));
		assertThat(keys).extracting(key -> key.get("id")).containsExactlyInAnyOrder(member.keyId(), export.id());
		assertThat(keys).allSatisfy(key -> assertThat(key).doesNotContainKey("key").containsKey("prefix"));

		client.delete().uri("/api/admin/keys/" + export.id()).headers(h -> h.setBearerAuth(SERVICE_KEY)).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.revoked_at").isNotEmpty();
		assertThat(items(get("/api/admin/keys?member_id=" + member.id()))).extracting(key -> key.get("id"))
			.containsExactly(member.keyId());
		assertThat(items(get("/api/admin/keys?member_id=" + member.id() + "&include_revoked=true")))
			.extracting(key -> key.get("id")).containsExactlyInAnyOrder(member.keyId(), export.id());
		client.get().uri("/api/dashboard/exports/weekly.csv?token=" + export.key()).exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	@SuppressWarnings("unchecked")
	void apiLogAnswersNewestFirstFiltersPagesAndCounts() {
		NewMember member = addMember("contract " + run + " log", "member");
		Instant start = Instant.now().minusSeconds(1);
		call("/api/dashboard/distribution", member, 200);
		call("/api/scraper/sources", member, 403);
		call("/api/corpus/stats", member, 200);
		String mine = "member_id=" + member.id() + "&from=" + start;

		List<Map<String, Object>> entries = awaitEntries(mine, 3);
		assertThat(entries).extracting(entry -> entry.get("path"))
			.as("newest first")
			.containsExactly("/api/corpus/stats", "/api/scraper/sources", "/api/dashboard/distribution");
		assertThat(entries).extracting(entry -> (String) entry.get("at")).isSortedAccordingTo((a, b) -> b.compareTo(a));
		assertThat(items(get("/api/admin/api-log?" + mine + "&status=4xx"))).extracting(entry -> entry.get("path"))
			.containsExactly("/api/scraper/sources");
		assertThat(items(get("/api/admin/api-log?" + mine + "&status=200"))).hasSize(2);
		assertThat(items(get("/api/admin/api-log?" + mine + "&route=corpus"))).extracting(entry -> entry.get("path"))
			.containsExactly("/api/corpus/stats");
		assertThat(items(get("/api/admin/api-log?" + mine + "&path=/api/dash"))).extracting(entry -> entry.get("path"))
			.containsExactly("/api/dashboard/distribution");
		assertThat(items(get("/api/admin/api-log?" + mine + "&method=POST"))).isEmpty();
		assertThat(items(get("/api/admin/api-log?" + mine + "&to=" + start))).isEmpty();
		assertThat(items(get("/api/admin/api-log?" + mine + "&size=1&page=1"))).extracting(entry -> entry.get("path"))
			.containsExactly("/api/scraper/sources");

		Map<String, Object> counts = get("/api/admin/api-log/counts?" + mine);
		assertThat(counts).containsEntry("total", 3);
		assertThat((List<Map<String, Object>>) counts.get("by_status")).extracting(row -> row.get("key") + "=" + row.get("count"))
			.containsExactlyInAnyOrder("200=2", "403=1");
		assertThat((List<Map<String, Object>>) counts.get("by_route")).extracting(row -> row.get("key") + "=" + row.get("count"))
			.containsExactlyInAnyOrder("dashboard=1", "scraper=1", "corpus=1");
	}

	@Test
	void apiLogEntriesOfOneInstantPageEachOnceInIdOrder() {
		String member = "contract-tie-" + run;
		Date at = Date.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		List<String> stored = new ArrayList<>();
		// stored out of id order: only the _id tiebreaker gives the entries of one instant a single order
		for (int i : new int[] { 3, 0, 5, 1, 4, 2 }) {
			String id = run + "-tie-" + i;
			stored.add(id);
			mongo.insert(new Document("_id", id).append("at", at).append("memberId", member).append("method", "GET")
				.append("route", "dashboard").append("path", "/api/dashboard/tie/" + i).append("status", 200)
				.append("latencyMs", 1.0).append("bytesIn", 0L).append("bytesOut", 0L), "api_log").block();
		}

		List<String> paged = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			paged.addAll(ids(get("/api/admin/api-log?member_id=" + member + "&size=2&page=" + page)));
		}
		assertThat(paged).as("pages of two: every entry once, ties by id, newest first")
			.containsExactlyElementsOf(stored.stream().sorted(Comparator.reverseOrder()).toList());
	}

	private void call(String path, NewMember member, int status) {
		client.get().uri(path).headers(h -> h.setBearerAuth(member.key())).exchange().expectStatus().isEqualTo(status);
		// distinct instants, so "newest first" has one answer
		Mono.delay(Duration.ofMillis(5)).block();
	}

	private List<Map<String, Object>> awaitEntries(String query, int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<Map<String, Object>> entries = items(get("/api/admin/api-log?size=100&" + query));
		while (entries.size() < count && System.nanoTime() < deadline) {
			Mono.delay(Duration.ofMillis(100)).block();
			entries = items(get("/api/admin/api-log?size=100&" + query));
		}
		assertThat(entries).as("log entries of %s", query).hasSize(count);
		return entries;
	}

	private void patch(String uri, Map<String, Object> body) {
		client.patch().uri(uri).headers(h -> h.setBearerAuth(SERVICE_KEY)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange().expectStatus().isOk();
	}

	private Map<String, Object> get(String uri) {
		return client.get().uri(uri).headers(h -> h.setBearerAuth(SERVICE_KEY)).exchange().expectStatus().isOk()
			.expectBody(MAP).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> page) {
		return new ArrayList<>((List<Map<String, Object>>) page.get("items"));
	}

	private static List<String> ids(Map<String, Object> page) {
		return items(page).stream().map(item -> (String) item.get("id")).toList();
	}
}
