package dev.emotionmonitor.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written starter corpus in the repository imports cleanly and has at least 300 dialogues per class. */
class StarterCorpusTest extends CorpusApiTestSupport {

	private static final Path STARTER = Path.of("../corpus/starter/starter-corpus.json");

	@Test
	void starterCorpusImportsWithAtLeast300DialoguesPerClass() throws Exception {
		assertThat(STARTER).as("the starter corpus ships with the repository").isRegularFile();
		// as a user would: the file in the service's corpus directory, named relative to it
		Files.copy(STARTER, corpusSubdirectory("starter").resolve("starter-corpus.json"));
		List<String> files = List.of("starter/starter-corpus.json");

		for (String file : files) {
			JsonNode started = json(importPath(file, "starter").expectStatus().isAccepted());
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
