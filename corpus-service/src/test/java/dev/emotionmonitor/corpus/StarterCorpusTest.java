package dev.emotionmonitor.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hand-written starter corpus in the repository imports cleanly and has at least 300 dialogues per class: the
 * merged {@code corpus/starter/starter-corpus.json}, or until it exists the six parts it is merged from.
 */
class StarterCorpusTest extends CorpusApiTestSupport {

	private static final Path STARTER = Path.of("../corpus/starter/starter-corpus.json");

	private static final Path PARTS = Path.of("../corpus/starter/parts");

	@Test
	void starterCorpusImportsWithAtLeast300DialoguesPerClass() throws Exception {
		List<Path> files;
		if (Files.isRegularFile(STARTER)) {
			files = List.of(STARTER);
		}
		else {
			try (Stream<Path> parts = Files.isDirectory(PARTS) ? Files.list(PARTS) : Stream.empty()) {
				files = parts.filter(part -> part.toString().endsWith(".json")).sorted().toList();
			}
		}
		assumeTrue(!files.isEmpty(), "corpus/starter/starter-corpus.json is not in the repository yet");

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
