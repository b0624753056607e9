package dev.emotionmonitor.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written starter corpus in the repository imports cleanly and has at least 300 dialogues per class. */
class StarterCorpusTest extends CorpusApiTestSupport {

	private static final Path STARTER = Path.of("../corpus/starter/starter-corpus.json");

	@Test
	void starterCorpusImportsWithAtLeast300DialoguesPerClass() throws Exception {
		assertThat(STARTER).as("the starter corpus ships with the repository").isRegularFile();
		List<Path> files = List.of(STARTER);

		for (Path file : files) {
			JsonNode started = json(http().post()
				.uri("/imports")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("path", file.toAbsolutePath().normalize().toString(), "dataset", "starter", "split",
						"train"))
				.exchange()
				.expectStatus()
				.isAccepted());
			JsonNode job = awaitFinished(started.path("id").asString());
			assertThat(job.path("status").asString()).as(file + ": " + job.path("problem")).isEqualTo("completed");
			assertThat(job.path("progress").path("rejected").asLong())
				.as(file + ": " + job.path("report").path("rejections"))
				.isZero();
		}
		JsonNode counts = getJson("/stats?dataset=starter").path("counts");
		for (String emotion : List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy")) {
			assertThat(counts.path(emotion).asLong()).as(emotion).isGreaterThanOrEqualTo(300);
		}
	}
}
