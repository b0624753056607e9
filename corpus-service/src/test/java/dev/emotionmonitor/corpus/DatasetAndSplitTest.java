package dev.emotionmonitor.corpus;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;

import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read that takes a dataset and a split tells an unknown one from an empty answer: an unknown dataset is a
 * 404 naming the known ones, a split the dataset lacks a 400 naming its splits, and {@code split=} means all splits.
 */
class DatasetAndSplitTest extends CorpusApiTestSupport {

	/** Each endpoint that takes {@code dataset} and {@code split}, as a query prefix. */
	private static final List<String> READS = List.of("/stats?", "/dialogues?", "/dialogues/sample?size=50&",
			"/exports/training.jsonl?", "/splits?");

	@TempDir
	Path dir;

	@Test
	void unknownDatasetIsNotFoundAndNamesTheKnownOnes() throws Exception {
		importScoped();

		for (String read : READS) {
			JsonNode missing = problem(http().get().uri(read + "dataset=no-such-dataset&split=train").exchange(),
					HttpStatus.NOT_FOUND);
			assertThat(missing.path("detail").asString()).as(read)
				.startsWith("No dataset \"no-such-dataset\" in the corpus; the datasets are ")
				.contains("scoped");
			assertThat(missing.path("datasets").toString()).as(read).contains("\"scoped\"");
		}
		assertThat(problem(http().get().uri("/dialogues/no-such-dataset/t:S1").exchange(), HttpStatus.NOT_FOUND)
			.path("detail").asString()).startsWith("No dataset \"no-such-dataset\"");
	}

	@Test
	void splitTheDatasetLacksIsABadRequestListingItsSplits() throws Exception {
		importScoped();

		for (String read : READS) {
			for (String split : List.of("validation", "dev")) {
				JsonNode refused = problem(http().get().uri(read + "dataset=scoped&split=" + split).exchange(),
						HttpStatus.BAD_REQUEST);
				assertThat(refused.path("detail").asString()).as(read + split)
					.isEqualTo("Dataset \"scoped\" has no split \"" + split
							+ "\"; its splits are train, test (or leave split empty for all)");
				assertThat(refused.path("splits").toString()).as(read).isEqualTo("[\"train\",\"test\"]");
			}
		}
	}

	@Test
	void emptySplitMeansTheWholeDataset() throws Exception {
		importScoped();

		JsonNode stats = getJson("/stats?dataset=scoped&split=");
		assertThat(stats.path("total").asLong()).isEqualTo(3);
		assertThat(stats.has("split")).isFalse();
		assertThat(getJson("/stats?dataset=scoped").path("total").asLong()).isEqualTo(3);
		assertThat(getJson("/stats?dataset=scoped&split=test").path("total").asLong()).isEqualTo(1);
		assertThat(getJson("/dialogues?dataset=scoped&split=").path("total").asLong()).isEqualTo(3);
		assertThat(getJson("/dialogues/sample?dataset=scoped&split=&size=10").path("items").size()).isEqualTo(3);
		assertThat(jsonLines("/exports/training.jsonl?dataset=scoped&split=")).hasSize(3);
		assertThat(jsonLines("/exports/training.jsonl?dataset=scoped&split=train")).hasSize(2);
		JsonNode splits = getJson("/splits?dataset=scoped&split=");
		assertThat(splits.path("train").path("dialogues").asLong() + splits.path("validation").path("dialogues").asLong())
			.isEqualTo(3);
		assertThat(getJson("/stats?dataset=&split=").path("datasets").toString()).as("no filter at all")
			.contains("\"scoped\"");
	}

	/** Dataset "scoped": two dialogues in train, one in test (imported once; later calls find it there). */
	private void importScoped() throws Exception {
		if (http().get().uri("/stats?dataset=scoped").exchange().returnResult(String.class).getStatus().is2xxSuccessful()) {
			return;
		}
		Path train = this.dir.resolve("train.json");
		CorpusFiles.writeLabelingJson(train, List.of(JsonDialogue.of("S1", "E10", "화가 나"),
				JsonDialogue.of("S2", "E20", "너무 슬퍼")));
		Path test = this.dir.resolve("test.json");
		CorpusFiles.writeLabelingJson(test, List.of(JsonDialogue.of("S3", "E60", "기분 좋아")));
		assertThat(importAndAwait(train, "train.json", "scoped", "train").path("status").asString()).isEqualTo("completed");
		assertThat(importAndAwait(test, "test.json", "scoped", "test").path("status").asString()).isEqualTo("completed");
	}
}
