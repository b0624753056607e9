package dev.emotionmonitor.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;
import dev.emotionmonitor.aihub.SyntheticCorpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Bad files get a clear problem, and a failed import leaves the dataset exactly as it was. */
class ImportFailureTest extends CorpusApiTestSupport {

	@TempDir
	Path dir;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void importThatBreaksHalfwayLeavesTheDatasetAsItWas() throws Exception {
		Path good = this.dir.resolve("good.json");
		CorpusFiles.writeLabelingJson(good, List.of(JsonDialogue.of("K1", "E10", "첫 번째"),
				JsonDialogue.of("K2", "E20", "두 번째"), JsonDialogue.of("K3", "E60", "세 번째")));
		importAndAwait(good, "good.json", "kept", "train");
		// 700 new dialogues (three batches are written before the parser reaches the broken end), then a truncated 701st
		Path broken = this.dir.resolve("broken.json");
		CorpusFiles.writeLabelingJson(broken, SyntheticCorpus.json(700));
		String text = Files.readString(broken);
		Files.writeString(broken, text.substring(0, text.length() - 1) + ", {\"profile\": {\"emotion\": ");

		String id = startUpload(broken, "broken.json", "kept", "train");
		JsonNode failed = awaitFinished(id);

		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("problem").path("status").asInt()).isEqualTo(400);
		assertThat(failed.path("problem").path("detail").asString()).startsWith("Not valid JSON at line")
			.contains("(in dialogue 701)");
		assertThat(failed.path("progress").path("records_read").asLong()).isEqualTo(700);
		JsonNode stats = getJson("/stats?dataset=kept");
		assertThat(stats.path("total").asLong()).isEqualTo(3);
		assertThat(stats.path("counts").path("anger").asLong()).isEqualTo(1);
		assertThat(getJson("/dialogues?dataset=kept").path("total").asLong()).isEqualTo(3);
		assertThat(jsonLines("/exports/training.jsonl?dataset=kept")).hasSize(3);
		assertThat(this.mongo.count(Query.query(where("dataset").is("kept")), "dialogues").block())
			.as("nothing of the failed import is left in the store").isEqualTo(3);
		assertThat(this.mongo.count(Query.query(where("importId").is(id)), "dialogues").block()).isZero();
		assertThat(importAndAwait(good, "good.json", "kept", "train").path("progress").path("duplicates").asLong())
			.as("the dataset is free again and still holds the first import").isEqualTo(3);
	}

	@Test
	void tooManyBadRecordsRefuseTheWholeFile() throws Exception {
		Path file = this.dir.resolve("many-bad.json");
		List<JsonDialogue> dialogues = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			dialogues.add(JsonDialogue.of("ok-" + i, "E3" + i, "괜찮은 대화 " + i));
		}
		for (int i = 0; i < 4; i++) {
			dialogues.add(JsonDialogue.of("bad-" + i, "X" + i, "이상한 코드 " + i));
		}
		CorpusFiles.writeLabelingJson(file, dialogues);

		JsonNode failed = importAndAwait(file, "many-bad.json", "too-many-bad", "train");

		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("problem").path("detail").asString())
			.startsWith("More than 3 records were rejected, so the whole file is refused")
			.contains("record 11: unknown emotion code \"X0\"");
		assertThat(failed.path("report").path("rejections").size()).isEqualTo(3);
		assertThat(problem(http().get().uri("/stats?dataset=too-many-bad").exchange(), HttpStatus.NOT_FOUND)
			.path("detail").asString()).as("a dataset with no completed import is unknown")
			.startsWith("No dataset \"too-many-bad\" in the corpus");
		assertThat(this.mongo.count(Query.query(where("dataset").is("too-many-bad")), "dialogues").block()).isZero();
	}

	@Test
	void fileWithOnlyBadRecordsFails() throws Exception {
		Path file = this.dir.resolve("no-hs01.json");
		CorpusFiles.writeLabelingJson(file, List.of(JsonDialogue.of("N1", "E10", ""), JsonDialogue.of("N2", "E11", " ")));

		JsonNode failed = importAndAwait(file, "no-hs01.json", "no-hs01", "train");

		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("problem").path("detail").asString()).contains("all 2 records were rejected")
			.contains("no HS01");
	}

	@Test
	void unusableFilesAreRefusedBeforeAnImportStarts() throws Exception {
		Path fakeXlsx = this.dir.resolve("fake.xlsx");
		Files.writeString(fakeXlsx, "이건 엑셀이 아니야");
		Path object = this.dir.resolve("object.json");
		Files.writeString(object, "{\"profile\": {}, \"talk\": {}}");
		Path notJson = this.dir.resolve("notes.json");
		Files.writeString(notJson, "[{\"profile\": nope}]");
		Path latin = this.dir.resolve("latin.csv");
		Files.write(latin, new byte[] { 'a', ',', 'b', '\n', (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, '\n' });
		Path wrongSheet = this.dir.resolve("scores.xlsx");
		CorpusFiles.writeXlsx(wrongSheet, List.of(List.of("name", "score"), List.of("kim", "3")), false);

		assertThat(problem(upload(fakeXlsx, "fake.xlsx", "refused", "train"), HttpStatus.BAD_REQUEST)
			.path("detail").asString()).contains("\"fake.xlsx\" is not an xlsx workbook");
		assertThat(problem(upload(object, "object.json", "refused", "train"), HttpStatus.BAD_REQUEST)
			.path("detail").asString()).startsWith("Wrong structure: labeling JSON is a top-level array");
		JsonNode malformed = problem(upload(notJson, "notes.json", "refused", "train"), HttpStatus.BAD_REQUEST);
		assertThat(malformed.path("detail").asString()).startsWith("Not valid JSON at line 1");
		assertThat(malformed.path("line").asInt()).isEqualTo(1);
		assertThat(problem(upload(latin, "latin.csv", "refused", "train"), HttpStatus.BAD_REQUEST)
			.path("detail").asString()).startsWith("Wrong encoding");
		JsonNode header = problem(upload(wrongSheet, "scores.xlsx", "refused", "train"), HttpStatus.BAD_REQUEST);
		assertThat(header.path("detail").asString()).contains("missing 감정_대분류, 감정_소분류, 사람문장1");
		assertThat(header.path("missing_columns").size()).isEqualTo(3);
		assertThat(getJson("/imports?dataset=refused").path("total").asLong()).as("no job was created").isZero();
	}

	@Test
	void badFormFieldsAreRefused() throws Exception {
		Path file = this.dir.resolve("ok.json");
		CorpusFiles.writeLabelingJson(file, List.of(JsonDialogue.of("F1", "E10", "화가 나")));

		assertThat(problem(upload(file, "ok.json", null, "train"), HttpStatus.BAD_REQUEST).path("detail").asString())
			.startsWith("dataset is required");
		assertThat(problem(upload(file, "ok.json", "a/b", "train"), HttpStatus.BAD_REQUEST).path("detail").asString())
			.contains("not a valid name");
		assertThat(problem(upload(file, "ok.json", "fields", "dev"), HttpStatus.BAD_REQUEST).path("detail").asString())
			.isEqualTo("split \"dev\" must be train, validation or test");
		assertThat(problem(http().post().uri("/imports").contentType(MediaType.MULTIPART_FORM_DATA)
			.bodyValue(new org.springframework.util.LinkedMultiValueMap<>(Map.of("dataset", List.of("fields"))))
			.exchange(), HttpStatus.BAD_REQUEST).path("detail").asString()).contains("\"file\" is required");
		assertThat(problem(http().get().uri("/exports/training.jsonl?fields=HS01,XX09").exchange(),
				HttpStatus.BAD_REQUEST).path("detail").asString()).contains("Unknown text field \"XX09\"");
		assertThat(problem(http().get().uri("/dialogues?label=happy").exchange(), HttpStatus.BAD_REQUEST)
			.path("detail").asString()).contains("\"happy\" is not a class id");
		assertThat(problem(http().get().uri("/imports/no-such-import").exchange(), HttpStatus.NOT_FOUND)
			.path("detail").asString()).isEqualTo("No import with id no-such-import");
	}

	@Test
	void pathImportStreamsProgressAndHoldsItsDatasetUntilDone() throws Exception {
		Path big = corpusSubdirectory("busy").resolve("big.json");
		CorpusFiles.writeLabelingJson(big, SyntheticCorpus.json(2500));
		Path small = this.dir.resolve("small.json");
		CorpusFiles.writeLabelingJson(small, List.of(JsonDialogue.of("S1", "E10", "화가 나")));

		JsonNode started = json(http().post()
			.uri("/imports")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("path", "busy/big.json", "dataset", "busy", "split", "train"))
			.exchange()
			.expectStatus()
			.isAccepted());
		String id = started.path("id").asString();
		JsonNode refused = problem(upload(small, "small.json", "busy", "train"), HttpStatus.CONFLICT);
		List<ServerSentEvent<Map<String, Object>>> events = http().get()
			.uri("/imports/" + id + "/events")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(90));

		assertThat(refused.path("detail").asString()).contains("\"busy\" already has an import running (" + id + ")");
		assertThat(events).isNotEmpty();
		ServerSentEvent<Map<String, Object>> last = events.get(events.size() - 1);
		assertThat(last.event()).isEqualTo("completed");
		@SuppressWarnings("unchecked")
		Map<String, Object> progress = (Map<String, Object>) last.data().get("progress");
		assertThat(progress).containsEntry("accepted", 2500).containsEntry("percent", 100.0);
		assertThat(events.subList(0, events.size() - 1)).allMatch(event -> "progress".equals(event.event()));
		assertThat(getJson("/stats?dataset=busy").path("total").asLong()).isEqualTo(2500);
		assertThat(importAndAwait(small, "small.json", "busy", "train").path("status").asString())
			.as("lock released").isEqualTo("completed");
		assertThat(Files.exists(big)).as("a path import never deletes the server's file").isTrue();
	}

	@Test
	void pathImportsAreNotForChatMembersAndNeedAnExistingFile() {
		Map<String, String> body = Map.of("path", "missing/corpus.json", "dataset", "paths");
		assertThat(problem(http().post().uri("/imports").contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.member("m-1", "민지"), "corpus"))
			.bodyValue(body)
			.exchange(), HttpStatus.FORBIDDEN).path("detail").asString()).contains("only an admin or a service");
		assertThat(problem(importPath("missing/corpus.json", "paths"), HttpStatus.NOT_FOUND).path("detail").asString())
			.isEqualTo("\"missing/corpus.json\" was not found in the corpus directory");
	}
}
