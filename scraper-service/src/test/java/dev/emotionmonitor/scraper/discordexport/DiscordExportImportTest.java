package dev.emotionmonitor.scraper.discordexport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.scraper.support.DecoratedMessages;
import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.ScraperClient;
import dev.emotionmonitor.scraper.support.ScraperServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports DiscordChatExporter exports over real HTTP into the embedded store, and refuses bad files whole. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscordExportImportTest extends ScraperServiceTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static ExportFixture fixture;


	@BeforeAll
	static void buildExport() {
		fixture = ExportFixture.of(300, 7);
	}

	@Test
	@Order(1)
	void importsEveryMessageOnceWithAuthorsTimesAndSections() {
		JsonNode run = upload(fixture.json(), HttpStatus.CREATED);

		assertThat(run.path("status").asString()).isEqualTo("succeeded");
		assertThat(run.path("kind").asString()).isEqualTo("discord-export");
		assertThat(run.path("seen").asLong()).isEqualTo(300);
		assertThat(run.path("new").asLong()).isEqualTo(300);
		assertThat(run.path("duplicates").asLong()).isZero();
		assertThat(run.path("total").asLong()).isEqualTo(300);
		assertThat(run.path("channel").asString()).isEqualTo("weekly-reflection");

		// the run is a resource of its own
		JsonNode again = get("/runs/" + run.path("id").asString());
		assertThat(again.path("new").asLong()).isEqualTo(300);
		assertThat(again.path("pending").asLong()).as("classifiable messages wait in the outbox")
			.isEqualTo(fixture.humans());

		List<JsonNode> all = allMessages("channel=" + ExportFixture.CHANNEL_ID);
		assertThat(all).hasSize(300);
		Map<String, Object> first = fixture.messages().get(3);
		JsonNode stored = get("/messages/" + first.get("id"));
		@SuppressWarnings("unchecked")
		Map<String, Object> author = (Map<String, Object>) first.get("author");
		assertThat(stored.path("author").path("id").asString()).isEqualTo(author.get("id"));
		assertThat(stored.path("author").path("name").asString()).isEqualTo(author.get("name"));
		assertThat(stored.path("author").path("display_name").asString()).isEqualTo(author.get("nickname"));
		assertThat(Instant.parse(stored.path("timestamp").asString()))
			.isEqualTo(OffsetDateTime.parse((String) first.get("timestamp")).toInstant());
		assertThat(stored.path("channel_id").asString()).isEqualTo(ExportFixture.CHANNEL_ID);
		assertThat(stored.path("guild_name").asString()).isEqualTo("부트캠프 7기");
		// message 3 is a 5F reflection
		assertThat(stored.path("template").asString()).isEqualTo("5f");
		assertThat(stored.path("sections").valueStream().map(s -> s.path("key").asString()).toList())
			.containsExactly("fact", "feeling", "finding", "future");
		assertThat(stored.path("sections").get(1).path("text").asString()).isEqualTo("드디어 끝나서 뿌듯했다 (3)");
		assertThat(stored.path("delivery").asString()).isEqualTo("pending");

		// bots and system messages are kept but not classified
		JsonNode bot = get("/messages/" + fixture.messages().get(24).get("id"));
		assertThat(bot.path("author").path("bot").asBoolean()).isTrue();
		assertThat(bot.path("delivery").asString()).isEqualTo("skipped");
		JsonNode join = get("/messages/" + fixture.messages().get(39).get("id"));
		assertThat(join.path("kind").asString()).isEqualTo("system");
		assertThat(join.path("delivery").asString()).isEqualTo("skipped");
		// a reply keeps what it replies to, an edit its time
		JsonNode reply = get("/messages/" + fixture.messages().get(5).get("id"));
		assertThat(reply.path("kind").asString()).isEqualTo("reply");
		assertThat(reply.path("reply_to").asString()).isEqualTo(fixture.messages().get(4).get("id"));
		JsonNode edited = get("/messages/" + fixture.messages().get(6).get("id"));
		assertThat(edited.path("edited_at").isString()).isTrue();
	}

	@Test
	@Order(2)
	void filtersByChannelAuthorAndTimeWithPaging() {
		JsonNode page = http.get()
			.uri("/messages?channel=" + ExportFixture.CHANNEL_ID + "&author=민지&size=5&page=0")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		long minji = fixture.messages()
			.stream()
			.filter(m -> "민지".equals(((Map<?, ?>) m.get("author")).get("nickname")))
			.count();
		assertThat(page.path("total").asLong()).isEqualTo(minji);
		assertThat(page.path("size").asInt()).isEqualTo(5);
		assertThat(page.path("items")).hasSize(5);
		page.path("items").forEach(m -> assertThat(m.path("author").path("display_name").asString()).isEqualTo("민지"));
		// newest first
		Instant previous = Instant.MAX;
		for (JsonNode m : page.path("items")) {
			Instant at = Instant.parse(m.path("timestamp").asString());
			assertThat(at).isBefore(previous);
			previous = at;
		}

		// the first week only: from inclusive, to exclusive
		List<JsonNode> week = allMessages(
				"channel=" + ExportFixture.CHANNEL_ID + "&from=2026-09-07T00:00:00Z&to=2026-09-14T00:00:00Z");
		long expected = fixture.messages()
			.stream()
			.map(m -> OffsetDateTime.parse((String) m.get("timestamp")).toInstant())
			.filter(at -> !at.isBefore(Instant.parse("2026-09-07T00:00:00Z"))
					&& at.isBefore(Instant.parse("2026-09-14T00:00:00Z")))
			.count();
		assertThat(week).hasSize((int) expected).isNotEmpty();

		http.get()
			.uri("/messages?from=yesterday")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("from must be an ISO-8601"));
	}

	@Test
	@Order(3)
	void reimportAddsNothingAndAnEditUpdatesInPlace() {
		JsonNode again = upload(fixture.json(), HttpStatus.CREATED);
		assertThat(again.path("new").asLong()).isZero();
		assertThat(again.path("duplicates").asLong()).isEqualTo(300);

		Map<String, Object> message = fixture.messages().get(10);
		message.put("content", "수정: 사실 오늘은 정말 기뻤다 (10)");
		message.put("timestampEdited", "2026-11-01T10:00:00.000+09:00");
		JsonNode edit = upload(fixture.json(), HttpStatus.CREATED);
		assertThat(edit.path("new").asLong()).isZero();
		assertThat(edit.path("updated").asLong()).isEqualTo(1);
		assertThat(edit.path("duplicates").asLong()).isEqualTo(299);

		JsonNode stored = get("/messages/" + message.get("id"));
		assertThat(stored.path("content_raw").asString()).isEqualTo("수정: 사실 오늘은 정말 기뻤다 (10)");
		assertThat(stored.path("text").asString()).isEqualTo("수정: 사실 오늘은 정말 기뻤다 (10)");
		assertThat(stored.path("revision").asInt()).isEqualTo(2);
		assertThat(stored.path("delivery").asString()).as("queued again for classification").isEqualTo("pending");
		assertThat(stored.path("edited_at").asString()).isEqualTo("2026-11-01T01:00:00Z");
		assertThat(allMessages("channel=" + ExportFixture.CHANNEL_ID)).hasSize(300);
	}

	@Test
	@Order(4)
	void badFilesAreRefusedWholeWithAClearDetail() {
		long before = allMessages("").size();
		String valid = ExportFixture.of(12, 99).json();

		assertProblem(valid.substring(0, valid.length() / 2), "not valid JSON");
		assertProblem("[1, 2, 3]", "not a DiscordChatExporter JSON export");
		assertProblem("{\"guild\": {\"id\": \"1\"}, \"messages\": []}", "needs a channel object");
		JsonNode tree = JSON.readTree(valid);
		((tools.jackson.databind.node.ObjectNode) tree.path("messages").get(5)).put("id", 1234567890123456789L);
		assertProblem(JSON.writeValueAsString(tree), "messages[5].id must be a Discord id");
		JsonNode badTime = JSON.readTree(valid);
		((tools.jackson.databind.node.ObjectNode) badTime.path("messages").get(7)).put("timestamp", "어제 저녁");
		assertProblem(JSON.writeValueAsString(badTime), "messages[7].timestamp must be an ISO-8601");
		JsonNode badRange = JSON.readTree(valid);
		((ObjectNode) badRange.path("dateRange")).put("after", "지난주");
		assertProblem(JSON.writeValueAsString(badRange), "dateRange.after must be an ISO-8601");
		JsonNode badExportTime = JSON.readTree(valid);
		((ObjectNode) badExportTime).put("exportedAt", 1764000000);
		assertProblem(JSON.writeValueAsString(badExportTime), "exportedAt must be an ISO-8601 date-time");
		assertProblem("", "empty");

		http.post()
			.uri("/imports/discord-export")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData("other", "x"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("field named \"file\""));

		assertThat(allMessages("")).as("nothing half-written").hasSize((int) before);
	}

	@Test
	@Order(5)
	void aMessageOfTheWrongShapeIsRefusedWithItsPlaceAndNothingIsStored() {
		long before = allMessages("").size();
		String valid = ExportFixture.of(12, 98).json();

		JsonNode objectContent = JSON.readTree(valid);
		((ObjectNode) objectContent.path("messages").get(4)).putObject("content").put("text", "회고");
		assertProblem(JSON.writeValueAsString(objectContent), "messages[4].content must be a string, got an object");

		JsonNode numericName = JSON.readTree(valid);
		((ObjectNode) numericName.path("messages").get(6).path("author")).put("name", 12345);
		assertProblem(JSON.writeValueAsString(numericName), "messages[6].author.name must be a string, got a number");

		assertThat(allMessages("")).as("nothing half-written").hasSize((int) before);
	}

	@Test
	@Order(6)
	void decoratedMessagesAmongOrdinaryOnesAreStoredWholeAndTheRunSucceeds() {
		ExportFixture export = ExportFixture.of(60, 23);
		Map<String, String> decorated = DecoratedMessages.of(2_000);
		List<Integer> lines = export.chatLines();
		List<String> decoratedIds = new ArrayList<>();
		int next = 0;
		for (String text : decorated.values()) {
			Map<String, Object> message = export.messages().get(lines.get(next++));
			message.put("content", text);
			decoratedIds.add((String) message.get("id"));
		}

		JsonNode run = upload(export.json("1100000000000000077", "banner-lovers"), HttpStatus.CREATED);

		assertThat(run.path("status").asString()).isEqualTo("succeeded");
		assertThat(run.path("new").asLong()).isEqualTo(60);
		assertThat(run.path("parse_failures").asLong()).isZero();
		assertThat(allMessages("channel=1100000000000000077")).hasSize(60);
		for (int i = 0; i < decoratedIds.size(); i++) {
			JsonNode stored = get("/messages/" + decoratedIds.get(i));
			assertThat(stored.path("content_raw").asString()).isEqualTo(List.copyOf(decorated.values()).get(i));
			assertThat(stored.path("text").asString()).as("a wall is still words to classify").isNotBlank();
			assertThat(stored.path("template").isMissingNode()).as("no template").isTrue();
			assertThat(stored.path("sections").valueStream().map(section -> section.path("key").asString()))
				.as("stored whole")
				.containsExactly("whole");
			assertThat(stored.path("delivery").asString()).isEqualTo("pending");
		}
		JsonNode reflection = get("/messages/" + export.messages().get(3).get("id"));
		assertThat(reflection.path("sections")).as("the ordinary reflections of the run are still split").hasSize(4);

		JsonNode again = upload(export.json("1100000000000000077", "banner-lovers"), HttpStatus.CREATED);
		assertThat(again.path("status").asString()).isEqualTo("succeeded");
		assertThat(again.path("duplicates").asLong()).isEqualTo(60);
	}

	private void assertProblem(String file, String detailPart) {
		scraper.postImport(file(file), "")
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains(detailPart)
				.as("no Java type, server path or temp file name")
				.doesNotContain("java.", "jackson", "JsonToken", "Feature", "/tmp", "discord-export-", ".json",
						System.getProperty("java.io.tmpdir"), System.getProperty("user.dir")));
	}

	private JsonNode upload(String json, HttpStatus status) {
		return scraper.postImport(file(json), "")
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static MultipartBodyBuilder file(String json) {
		MultipartBodyBuilder builder = new MultipartBodyBuilder();
		ScraperClient.addFile(builder, "export.json", json.getBytes(StandardCharsets.UTF_8));
		return builder;
	}

}
