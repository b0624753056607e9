package dev.emotionmonitor.corpus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.emotion.FineLabels;
import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;
import dev.emotionmonitor.aihub.SyntheticCorpus;

import static org.assertj.core.api.Assertions.assertThat;

/** Import → stats → listing → export through real HTTP, for each file shape, and re-imports that add nothing. */
class ImportRoundTripTest extends CorpusApiTestSupport {

	private static final List<String> CLASSES = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	@TempDir
	Path dir;

	/** Two dialogues per class (codes Ex0 and Ex1), personas of two dialogues each, plus one unknown code. */
	private Path twelveDialogues() throws Exception {
		List<JsonDialogue> dialogues = new ArrayList<>();
		for (Emotion emotion : Emotion.ALL) {
			for (int i = 0; i < 2; i++) {
				String code = "E" + (emotion.tensDigit() * 10 + i);
				String talk = "Pro_" + emotion.id() + "_" + i;
				dialogues.add(new JsonDialogue("persona-" + emotion.id(), talk, code, "A02", "G02", "S02", "D02",
						emotion.korean() + " 때문에 힘든 하루였어 " + i, "그랬군요.", "두 번째 문장 " + i, "네.", "", ""));
			}
		}
		dialogues.add(JsonDialogue.of("Pro_bad", "E99", "알 수 없는 감정"));
		Path file = this.dir.resolve("training-label.json");
		CorpusFiles.writeLabelingJson(file, dialogues);
		return file;
	}

	@Test
	void labelingJsonImportsAndStatsListingSampleAndExportAgree() throws Exception {
		JsonNode job = importAndAwait(twelveDialogues(), "training-label.json", "roundtrip", "train");

		assertThat(job.path("status").asString()).isEqualTo("completed");
		assertThat(job.path("format").asString()).isEqualTo("labeling-json");
		JsonNode progress = job.path("progress");
		assertThat(progress.path("records_read").asLong()).isEqualTo(13);
		assertThat(progress.path("accepted").asLong()).isEqualTo(12);
		assertThat(progress.path("rejected").asLong()).isEqualTo(1);
		assertThat(progress.path("percent").asDouble()).isEqualTo(100.0);
		// documented fields are there even while unknown (eta_seconds is null once the import has ended)
		assertThat(progress.has("bytes_total")).isTrue();
		assertThat(progress.has("eta_seconds")).isTrue();
		assertThat(progress.get("eta_seconds").isNull()).isTrue();
		JsonNode report = job.path("report");
		assertThat(fieldNames(report.path("accepted_by_class"))).containsExactlyElementsOf(CLASSES);
		assertThat(report.path("accepted_by_class").path("joy").asLong()).isEqualTo(2);
		assertThat(report.path("accepted_by_label").size()).isEqualTo(12);
		JsonNode rejection = report.path("rejections").get(0);
		assertThat(rejection.path("record").asLong()).isEqualTo(13);
		assertThat(rejection.path("talk_id").asString()).isEqualTo("Pro_bad");
		assertThat(rejection.path("reason").asString()).contains("unknown emotion code \"E99\"");

		JsonNode stats = getJson("/stats?dataset=roundtrip");
		assertThat(stats.path("total").asLong()).isEqualTo(12);
		assertThat(fieldNames(stats.path("counts"))).containsExactlyElementsOf(CLASSES);
		CLASSES.forEach(id -> assertThat(stats.path("counts").path(id).asLong()).as(id).isEqualTo(2));
		assertThat(stats.path("splits").path("train").path("total").asLong()).isEqualTo(12);
		JsonNode anger = stats.path("classes").get(0);
		assertThat(anger.path("label_ko").asString()).isEqualTo("분노");
		assertThat(anger.path("fine_labels").get(1).path("code").asString()).isEqualTo("E11");
		assertThat(anger.path("fine_labels").get(1).path("name").asString()).isEqualTo("툴툴대는");
		assertThat(stats.path("text_length").path("count").asLong()).isEqualTo(12);
		assertThat(stats.path("text_length").path("min").asInt()).isGreaterThan(10);

		JsonNode joy = getJson("/dialogues?dataset=roundtrip&label=joy&size=1");
		assertThat(joy.path("total").asLong()).isEqualTo(2);
		assertThat(joy.path("page").asInt()).isZero();
		assertThat(joy.path("size").asInt()).isEqualTo(1);
		JsonNode first = joy.path("items").get(0);
		assertThat(joy.path("items").size()).isEqualTo(1);
		assertThat(first.path("label_ko").asString()).isEqualTo("기쁨");
		assertThat(first.path("code").asString()).isIn("E60", "E61");
		assertThat(first.path("fine_label").asString()).isEqualTo(FineLabels.name(first.path("code").asString()));
		assertThat(first.path("content").path("HS01").asString()).startsWith("기쁨 때문에");
		assertThat(first.path("age").asString()).isEqualTo("A02");
		assertThat(getJson("/dialogues?dataset=roundtrip&group=persona:persona-joy").path("total").asLong()).isEqualTo(2);
		JsonNode found = getJson("/dialogues?dataset=roundtrip&q=불안 때문에");
		assertThat(found.path("total").asLong()).isEqualTo(2);
		assertThat(found.path("items").get(0).path("label").asString()).isEqualTo("anxiety");
		assertThat(getJson("/dialogues?dataset=roundtrip&code=E41").path("total").asLong()).isEqualTo(1);
		JsonNode byId = getJson("/dialogues/roundtrip/" + first.path("id").asString().substring("roundtrip/".length()));
		assertThat(byId.path("talk_id").asString()).isEqualTo(first.path("talk_id").asString());

		JsonNode sample = getJson("/dialogues/sample?dataset=roundtrip&size=5");
		assertThat(sample.path("items").size()).isEqualTo(5);
		Set<String> sampled = new HashSet<>();
		sample.path("items").forEach(item -> sampled.add(item.path("id").asString()));
		assertThat(sampled).hasSize(5).allMatch(id -> id.startsWith("roundtrip/"));

		List<JsonNode> lines = jsonLines("/exports/training.jsonl?dataset=roundtrip&split=train&fields=HS01,HS02");
		assertThat(lines).hasSize(12);
		JsonNode line = lines.stream().filter(l -> l.path("code").asString().equals("E30")).findFirst().orElseThrow();
		assertThat(fieldNames(line)).containsExactlyInAnyOrder("text", "label", "label_ko", "code", "group");
		assertThat(line.path("text").asString()).isEqualTo("불안 때문에 힘든 하루였어 0 두 번째 문장 0");
		assertThat(line.path("label").asString()).isEqualTo("anxiety");
		assertThat(line.path("label_ko").asString()).isEqualTo("불안");
		assertThat(line.path("group").asString()).isEqualTo("persona:persona-anxiety");
		assertThat(problem(http().get().uri("/exports/training.jsonl?dataset=roundtrip&split=validation").exchange(),
				HttpStatus.BAD_REQUEST).path("detail").asString())
			.as("a split the dataset does not have is not an empty export")
			.startsWith("Dataset \"roundtrip\" has no split \"validation\"; its splits are train");
	}

	@Test
	void reimportingTheSameFilesAddsNothing() throws Exception {
		Path json = twelveDialogues();
		Path xlsx = this.dir.resolve("source.xlsx");
		CorpusFiles.writeXlsx(xlsx, SyntheticCorpus.sheet(30), false);
		importAndAwait(json, "training-label.json", "again", "train");
		importAndAwait(xlsx, "source.xlsx", "again", "validation");

		JsonNode jsonAgain = importAndAwait(json, "training-label.json", "again", "train");
		JsonNode xlsxAgain = importAndAwait(xlsx, "source.xlsx", "again", "validation");

		assertThat(jsonAgain.path("status").asString()).isEqualTo("completed");
		assertThat(jsonAgain.path("progress").path("accepted").asLong()).isZero();
		assertThat(jsonAgain.path("progress").path("duplicates").asLong()).isEqualTo(12);
		assertThat(xlsxAgain.path("progress").path("accepted").asLong()).isZero();
		assertThat(xlsxAgain.path("progress").path("duplicates").asLong()).isEqualTo(30);
		JsonNode stats = getJson("/stats?dataset=again");
		assertThat(stats.path("total").asLong()).isEqualTo(42);
		assertThat(stats.path("splits").path("train").path("total").asLong()).isEqualTo(12);
		assertThat(stats.path("splits").path("validation").path("total").asLong()).isEqualTo(30);
		assertThat(getJson("/dialogues?dataset=again").path("total").asLong()).isEqualTo(42);
		assertThat(jsonLines("/exports/training.jsonl?dataset=again")).hasSize(42);
	}

	@Test
	void xlsxAndCp949CsvOfTheSourceSheetImport() throws Exception {
		Path xlsx = this.dir.resolve("감성대화말뭉치(최종데이터)_Training.xlsx");
		CorpusFiles.writeXlsx(xlsx, SyntheticCorpus.sheet(120), true);
		Path csv = this.dir.resolve("sheet.csv");
		CorpusFiles.writeCsv(csv, SyntheticCorpus.sheet(60), java.nio.charset.Charset.forName("x-windows-949"), false);
		Path utf8 = this.dir.resolve("sheet-utf8.csv");
		CorpusFiles.writeCsv(utf8, SyntheticCorpus.sheet(60), StandardCharsets.UTF_8, true);

		JsonNode fromXlsx = importAndAwait(xlsx, xlsx.getFileName().toString(), "sheets", "train");
		JsonNode fromCsv = importAndAwait(csv, "sheet.csv", "sheets-csv", "train");
		JsonNode fromUtf8 = importAndAwait(utf8, "sheet-utf8.csv", "sheets-csv", "train");

		assertThat(fromXlsx.path("status").asString()).isEqualTo("completed");
		assertThat(fromXlsx.path("format").asString()).isEqualTo("xlsx");
		assertThat(fromXlsx.path("progress").path("accepted").asLong()).isEqualTo(120);
		assertThat(fromCsv.path("format").asString()).isEqualTo("csv");
		assertThat(fromCsv.path("progress").path("accepted").asLong()).isEqualTo(60);
		assertThat(fromUtf8.path("progress").path("duplicates").asLong()).as("same rows, other encoding").isEqualTo(60);
		JsonNode stats = getJson("/stats?dataset=sheets");
		CLASSES.forEach(id -> assertThat(stats.path("counts").path(id).asLong()).as(id).isEqualTo(20));
		List<JsonNode> lines = jsonLines("/exports/training.jsonl?dataset=sheets-csv&fields=HS01");
		assertThat(lines).hasSize(60);
		assertThat(lines).allMatch(l -> l.path("group").asString().startsWith("sheet:"));
		JsonNode e17 = lines.stream().filter(l -> l.path("code").asString().equals("E17")).findFirst().orElseThrow();
		assertThat(e17.path("text").asString()).isEqualTo(SyntheticCorpus.text(7));
		assertThat(e17.path("label").asString()).isEqualTo("anger");
	}

	@Test
	void groupedSplitKeepsEveryPersonaOnOneSide() throws Exception {
		Path file = this.dir.resolve("grouped.json");
		CorpusFiles.writeLabelingJson(file, SyntheticCorpus.json(600));
		importAndAwait(file, "grouped.json", "grouped", "train");

		List<JsonNode> train = jsonLines("/exports/training.jsonl?dataset=grouped&part=train&seed=7&validation_ratio=0.3");
		List<JsonNode> validation = jsonLines(
				"/exports/training.jsonl?dataset=grouped&part=validation&seed=7&validation_ratio=0.3");
		JsonNode summary = getJson("/splits?dataset=grouped&seed=7&validation_ratio=0.3");

		Set<String> trainGroups = groups(train);
		Set<String> validationGroups = groups(validation);
		assertThat(train.size() + validation.size()).isEqualTo(600);
		assertThat(trainGroups).doesNotContainAnyElementsOf(validationGroups);
		assertThat(trainGroups.size() + validationGroups.size()).isEqualTo(120);
		assertThat(validationGroups.size()).isBetween(20, 52);
		assertThat(summary.path("validation").path("dialogues").asLong()).isEqualTo(validation.size());
		assertThat(summary.path("validation").path("groups").asLong()).isEqualTo(validationGroups.size());
		assertThat(summary.path("train").path("groups").asLong()).isEqualTo(trainGroups.size());
		assertThat(groups(jsonLines("/exports/training.jsonl?dataset=grouped&part=validation&seed=7&validation_ratio=0.3")))
			.as("same seed, same split").isEqualTo(validationGroups);
		assertThat(groups(jsonLines("/exports/training.jsonl?dataset=grouped&part=validation&seed=8&validation_ratio=0.3")))
			.as("another seed, another split").isNotEqualTo(validationGroups);
	}

	@Test
	void deletingAnImportRemovesItsDialoguesAndTheFileCanComeBack() throws Exception {
		Path file = twelveDialogues();
		String id = importAndAwait(file, "training-label.json", "deleted", "train").path("id").asString();

		http().delete().uri("/imports/" + id).exchange().expectStatus().isNoContent();

		problem(http().get().uri("/stats?dataset=deleted").exchange(), HttpStatus.NOT_FOUND);
		problem(http().get().uri("/dialogues?dataset=deleted").exchange(), HttpStatus.NOT_FOUND);
		JsonNode again = importAndAwait(file, "training-label.json", "deleted", "train");
		assertThat(again.path("progress").path("accepted").asLong()).isEqualTo(12);
		assertThat(getJson("/stats?dataset=deleted").path("total").asLong()).isEqualTo(12);
	}

	@Test
	void locationIsTheImportsUrlThroughTheGateway() throws Exception {
		Path file = this.dir.resolve("located.json");
		CorpusFiles.writeLabelingJson(file, List.of(JsonDialogue.of("L1", "E10", "화가 나")));

		EntityExchangeResult<String> accepted = upload(file, "located.json", "located", "train", headers -> {
			headers.set("X-Forwarded-Proto", "https");
			headers.set("X-Forwarded-Host", "emotion.example.org");
			headers.set("X-Forwarded-Port", "443");
			headers.set("X-Forwarded-Prefix", "/api/corpus");
		}).expectStatus().isAccepted().expectBody(String.class).returnResult();
		String id = JSON.readTree(accepted.getResponseBody()).path("id").asString();

		assertThat(accepted.getResponseHeaders().getLocation())
			.hasToString("https://emotion.example.org/api/corpus/imports/" + id);
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("completed");
	}

	@Test
	void openApiDescribesTheEndpoints() {
		JsonNode paths = getJson("/v3/api-docs").path("paths");

		assertThat(fieldNames(paths)).contains("/imports", "/imports/{id}", "/imports/{id}/events", "/stats",
				"/dialogues", "/dialogues/sample", "/exports/training.jsonl", "/splits");
	}

	private static Set<String> groups(List<JsonNode> lines) {
		Set<String> groups = new HashSet<>();
		lines.forEach(line -> groups.add(line.path("group").asString()));
		return groups;
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}
}
