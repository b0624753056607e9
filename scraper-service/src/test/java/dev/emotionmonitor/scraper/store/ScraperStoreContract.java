package dev.emotionmonitor.scraper.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.ScraperClient;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scraper's own store queries that do not depend on how delivery is tracked, run through its API: runs (newest
 * first, by source, paging, one run), sources (listed with their message counts, one, deleted) and messages (newest
 * first, paging, filters by source, channel id or name, author id, {@code discord:} id, user or display name, and
 * time: {@code from} inclusive, {@code to} exclusive, a date meaning its whole UTC day). Subclassed once for the
 * embedded store and once for {@code mongo:8}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.scraper.pipeline.enabled=false", "emotion.scraper.schedule.tick=1h",
				"emotion.test.context=store-contract" })
@AutoConfigureWebTestClient(timeout = "PT1M")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScraperStoreContract {

	private static final String CHANNEL_A = "1100000000000000101";

	private static final String CHANNEL_B = "1100000000000000102";

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveMongoTemplate mongo;

	JsonNode firstRun;

	JsonNode replayRun;

	JsonNode otherRun;

	@BeforeAll
	void importTwoChannels() {
		String exportA = ExportFixture.of(40, 3).json(CHANNEL_A, "contract-a");
		this.firstRun = upload(exportA);
		this.replayRun = upload(exportA);
		this.otherRun = upload(ExportFixture.of(30, 4).json(CHANNEL_B, "contract-b"));
		assertThat(this.firstRun.path("new").asLong()).isEqualTo(40);
		assertThat(this.replayRun.path("duplicates").asLong()).as("a replay stores nothing twice").isEqualTo(40);
		assertThat(this.replayRun.path("new").asLong()).isZero();
		assertThat(this.otherRun.path("new").asLong()).isEqualTo(30);
	}

	@Test
	void runsListNewestFirstBySourceInPages() {
		String sourceA = this.firstRun.path("source_id").asString();
		assertThat(this.replayRun.path("source_id").asString()).as("one source per channel").isEqualTo(sourceA);
		assertThat(this.otherRun.path("source_id").asString()).isNotEqualTo(sourceA);

		assertThat(ids(get("/runs?source_id=" + sourceA))).containsExactly(id(this.replayRun), id(this.firstRun));
		assertThat(get("/runs?source_id=" + sourceA).path("total").asLong()).isEqualTo(2);
		assertThat(ids(get("/runs?source_id=" + sourceA + "&size=1&page=1"))).containsExactly(id(this.firstRun));
		assertThat(ids(get("/runs"))).containsSubsequence(id(this.otherRun), id(this.replayRun), id(this.firstRun));

		JsonNode one = get("/runs/" + id(this.firstRun));
		assertThat(one.path("status").asString()).isEqualTo("succeeded");
		assertThat(one.path("seen").asLong()).isEqualTo(40);
		assertThat(one.path("channel").asString()).isEqualTo("contract-a");
		http.get().uri("/runs/{id}", "no-such-run").exchange().expectStatus().isNotFound();
	}

	@Test
	void sourcesListWithTheirMessageCountsAndOneIsDeleted() {
		String sourceA = this.firstRun.path("source_id").asString();
		String sourceB = this.otherRun.path("source_id").asString();
		Map<String, JsonNode> sources = new java.util.HashMap<>();
		get("/sources?size=100").path("items").forEach(source -> sources.put(source.path("id").asString(), source));
		assertThat(sources.get(sourceA).path("messages").asLong()).isEqualTo(40);
		assertThat(sources.get(sourceA).path("channel_id").asString()).isEqualTo(CHANNEL_A);
		assertThat(sources.get(sourceA).path("last_run_id").asString()).isEqualTo(id(this.replayRun));
		assertThat(sources.get(sourceB).path("messages").asLong()).isEqualTo(30);

		String created = http.post().uri("/sources").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "contract-delete", "kind", "discord-api", "channel_id", "1100000000000000199"))
			.exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
			.path("id").asString();
		assertThat(get("/sources/" + created).path("messages").asLong()).isZero();
		http.delete().uri("/sources/{id}", created).exchange().expectStatus().is2xxSuccessful();
		http.get().uri("/sources/{id}", created).exchange().expectStatus().isNotFound();
		assertThat(ids(get("/sources?size=100"))).doesNotContain(created).contains(sourceA, sourceB);
	}

	@Test
	void messagesPageNewestFirstAndFilterBySourceChannelAuthorAndTime() {
		String sourceA = this.firstRun.path("source_id").asString();
		List<JsonNode> all = messages("source_id=" + sourceA, 500);
		assertThat(all).hasSize(40);
		assertThat(all).extracting(m -> Instant.parse(m.path("timestamp").asString()))
			.isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(idsOf(messages("source_id=" + sourceA, 7))).as("pages of seven, in order").isEqualTo(idsOf(all));
		assertThat(idsOf(messages("channel=" + CHANNEL_A, 500))).isEqualTo(idsOf(all));
		assertThat(idsOf(messages("channel=contract-a", 500))).as("by channel name").isEqualTo(idsOf(all));
		assertThat(messages("channel=contract-b", 500)).hasSize(30);

		JsonNode someone = all.stream().filter(m -> !m.path("author").path("bot").asBoolean()).findFirst().orElseThrow();
		String authorId = someone.path("author").path("id").asString();
		List<String> byAuthor = idsOf(all.stream().filter(m -> m.path("author").path("id").asString().equals(authorId))
			.toList());
		for (String author : List.of(authorId, "discord:" + authorId, someone.path("author").path("name").asString(),
				someone.path("author").path("display_name").asString())) {
			assertThat(idsOf(messages("channel=" + CHANNEL_A + "&author=" + author, 500))).as("author=%s", author)
				.isEqualTo(byAuthor);
		}

		JsonNode middle = all.get(all.size() / 2);
		Instant at = Instant.parse(middle.path("timestamp").asString());
		List<JsonNode> fromIt = messages("source_id=" + sourceA + "&from=" + at, 500);
		List<JsonNode> beforeIt = messages("source_id=" + sourceA + "&to=" + at, 500);
		assertThat(idsOf(fromIt)).as("from is inclusive").contains(middle.path("id").asString());
		assertThat(idsOf(beforeIt)).as("to is exclusive").doesNotContain(middle.path("id").asString());
		assertThat(fromIt.size() + beforeIt.size()).isEqualTo(all.size());
		LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
		Set<String> thatDay = all.stream()
			.filter(m -> Instant.parse(m.path("timestamp").asString()).atZone(ZoneOffset.UTC).toLocalDate().equals(day))
			.map(m -> m.path("id").asString())
			.collect(Collectors.toSet());
		assertThat(idsOf(messages("source_id=" + sourceA + "&from=" + day + "&to=" + day.plusDays(1), 500)))
			.as("a date is its whole UTC day").containsExactlyInAnyOrderElementsOf(thatDay);

		JsonNode one = get("/messages/" + middle.path("id").asString());
		assertThat(one.path("channel_id").asString()).isEqualTo(CHANNEL_A);
		assertThat(one.path("author").path("id").asString()).isEqualTo(middle.path("author").path("id").asString());
		http.get().uri("/messages/{id}", "1").exchange().expectStatus().isNotFound();
	}

	@Test
	void messagesRunsAndSourcesOfOneInstantPageEachOnceInIdOrder() {
		String sourceB = this.otherRun.path("source_id").asString();
		Document message = this.mongo.findOne(new Query(Criteria.where("sourceId").is(sourceB)), Document.class,
				"messages").block();
		Document run = this.mongo.findById(id(this.otherRun), Document.class, "scrape_runs").block();
		Document source = this.mongo.findById(sourceB, Document.class, "sources").block();
		Date at = Date.from(Instant.parse("2001-02-03T04:05:06Z"));
		String tieSource = "tie-source-0";
		List<String> messageIds = new ArrayList<>();
		List<String> messages = new ArrayList<>();
		List<String> runs = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		// stored out of id order: only the _id tiebreaker gives the rows of one instant a single order
		for (int i : new int[] { 3, 0, 5, 1, 4, 2 }) {
			messageIds.add("tie-message-" + i);
			messages.add("tie-" + i);
			this.mongo.insert(new Document(message).append("_id", "tie-message-" + i).append("messageId", "tie-" + i)
				.append("sourceId", tieSource).append("timestamp", at), "messages").block();
			runs.add("tie-run-" + i);
			this.mongo.insert(new Document(run).append("_id", "tie-run-" + i).append("sourceId", tieSource)
				.append("startedAt", at), "scrape_runs").block();
			sources.add("tie-source-" + i);
			this.mongo.insert(new Document(source).append("_id", "tie-source-" + i)
				.append("channelId", "tie-channel-" + i).append("createdAt", at), "sources").block();
		}
		try {
			assertThat(paged("/messages?source_id=" + tieSource)).as("messages: each once, ties by id, newest first")
				.containsExactlyElementsOf(messages.stream().sorted(Comparator.reverseOrder()).toList());
			assertThat(paged("/runs?source_id=" + tieSource)).as("runs: each once, ties by id, newest first")
				.containsExactlyElementsOf(runs.stream().sorted(Comparator.reverseOrder()).toList());
			assertThat(paged("/sources?")).filteredOn(id -> id.startsWith("tie-source-"))
				.as("sources: each once, ties by id, oldest first")
				.containsExactlyElementsOf(sources.stream().sorted().toList());
		}
		finally {
			this.mongo.remove(new Query(Criteria.where("_id").in(messageIds)), "messages").block();
			this.mongo.remove(new Query(Criteria.where("_id").in(runs)), "scrape_runs").block();
			this.mongo.remove(new Query(Criteria.where("_id").in(sources)), "sources").block();
		}
	}

	/** The ids of every item of a listing, over pages of two. */
	private List<String> paged(String uri) {
		List<String> found = new ArrayList<>();
		for (int page = 0;; page++) {
			List<String> items = ids(get(uri + (uri.endsWith("?") ? "" : "&") + "size=2&page=" + page));
			found.addAll(items);
			if (items.size() < 2) {
				assertThat(found).doesNotHaveDuplicates();
				return found;
			}
		}
	}

	private JsonNode upload(String json) {
		return new ScraperClient(http).upload(json);
	}

	private List<JsonNode> messages(String filter, int size) {
		List<JsonNode> found = new ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode answer = get("/messages?size=" + size + "&page=" + page + "&" + filter);
			answer.path("items").forEach(found::add);
			if (answer.path("items").size() < size) {
				assertThat(answer.path("total").asLong()).isEqualTo(found.size());
				return found;
			}
		}
	}

	private JsonNode get(String uri) {
		return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
			.getResponseBody();
	}

	private static String id(JsonNode node) {
		return node.path("id").asString();
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("items").forEach(item -> ids.add(id(item)));
		return ids;
	}

	private static List<String> idsOf(List<JsonNode> nodes) {
		return nodes.stream().map(ScraperStoreContract::id).toList();
	}
}
