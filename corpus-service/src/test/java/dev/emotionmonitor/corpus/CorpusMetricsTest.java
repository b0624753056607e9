package dev.emotionmonitor.corpus;

import java.nio.file.Path;
import java.util.List;

import dev.emotionmonitor.common.test.Prometheus;
import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** An import moves the corpus figures on the management port by what it imported and rejected. */
class CorpusMetricsTest extends CorpusApiTestSupport {

	@TempDir
	Path dir;

	@Autowired
	Environment environment;

	@Test
	void anImportCountsItsDialoguesItsRejectionsAndItsDuration() throws Exception {
		Path file = this.dir.resolve("metrics-label.json");
		CorpusFiles.writeLabelingJson(file, List.of(JsonDialogue.of("Pro_m1", "E10", "정말 화가 나"),
				JsonDialogue.of("Pro_m2", "E60", "오늘 너무 기뻐"), JsonDialogue.of("Pro_m3", "E99", "알 수 없는 감정")));
		Prometheus before = Prometheus.scrape(this.environment);

		JsonNode job = importAndAwait(file, "metrics-label.json", "metrics", "train");
		Prometheus after = Prometheus.scrape(this.environment);

		assertThat(job.path("status").asString()).isEqualTo("completed");
		assertThat(after.sum("emotion_corpus_dialogues_imported_total")
				- before.sum("emotion_corpus_dialogues_imported_total")).isEqualTo(2.0);
		assertThat(after.sum("emotion_corpus_dialogues_rejected_total")
				- before.sum("emotion_corpus_dialogues_rejected_total")).isEqualTo(1.0);
		assertThat(after.sum("emotion_corpus_import_duration_seconds_count", "outcome=\"completed\"")
				- before.sum("emotion_corpus_import_duration_seconds_count", "outcome=\"completed\"")).isEqualTo(1.0);
	}
}
