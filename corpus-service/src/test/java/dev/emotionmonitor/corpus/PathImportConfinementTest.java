package dev.emotionmonitor.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;

import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports by server path read the corpus directory only, and their refusals tell nothing of what lies outside it. */
class PathImportConfinementTest extends CorpusApiTestSupport {

	@TempDir
	Path outside;

	@Test
	void everyPathOutsideTheCorpusDirectoryGetsTheSameRefusal() throws Exception {
		Path csv = Files.writeString(this.outside.resolve("accounts.csv"), "password,hunter2\n");
		Path text = Files.writeString(this.outside.resolve("notes.json"), "swordfish is the password");
		Path folder = Files.createDirectories(this.outside.resolve("folder"));
		Path inside = corpusSubdirectory("confined");
		Files.createSymbolicLink(inside.resolve("link.csv"), csv);
		Files.createSymbolicLink(inside.resolve("dangling.csv"), this.outside.resolve("missing.csv"));
		Files.createSymbolicLink(inside.resolve("folder"), folder);
		Path root = Path.of(CORPUS_DIR).toAbsolutePath();

		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("an existing CSV file", csv.toString());
		cases.put("an existing file that is not JSON", text.toString());
		cases.put("a missing file", this.outside.resolve("missing.csv").toString());
		cases.put("a directory", folder.toString());
		cases.put("/etc/shadow", "/etc/shadow");
		cases.put("a missing directory", "/no/such/directory/file.json");
		cases.put("a relative path that climbs out", root.relativize(csv).toString());
		cases.put("a relative path that climbs out to a missing file", "../../x");
		cases.put("'..' that comes back in", "confined/../confined/link.csv");
		cases.put("a symlink pointing out", "confined/link.csv");
		cases.put("a dangling symlink pointing out", "confined/dangling.csv");
		cases.put("a symlinked directory pointing out", "confined/folder");
		cases.put("a missing file under a symlinked directory", "confined/folder/missing.json");
		cases.put("an absolute path through a symlink", inside.toAbsolutePath().resolve("link.csv").toString());

		Set<String> details = new HashSet<>();
		cases.forEach((what, path) -> {
			JsonNode refused = problem(importPath(path, "confined"), HttpStatus.BAD_REQUEST);
			details.add(refused.path("detail").asString());
			assertThat(refused.toString()).as(what)
				.doesNotContain("password", "hunter2", "swordfish", this.outside.toString(), root.toString());
		});
		assertThat(details).as("one detail for every path outside, whatever is there").hasSize(1);
		assertThat(details.iterator().next()).contains("inside the corpus-service's corpus directory");
		assertThat(getJson("/imports?dataset=confined").path("total").asLong()).as("no import started").isZero();
	}

	@Test
	void fileInsideImportsByItsRelativeOrAbsolutePathAndAMissingOneIsNotFound() throws Exception {
		Path inside = corpusSubdirectory("confined-ok");
		Path file = inside.resolve("dialogues.json");
		CorpusFiles.writeLabelingJson(file,
				List.of(JsonDialogue.of("C1", "E10", "화가 나"), JsonDialogue.of("C2", "E60", "기분 좋아")));
		Files.createSymbolicLink(inside.resolve("alias.json"), file.toAbsolutePath());

		JsonNode imported = awaitFinished(json(importPath("confined-ok/dialogues.json", "confined-ok").expectStatus()
			.isAccepted()).path("id").asString());
		JsonNode again = awaitFinished(json(importPath(inside.toAbsolutePath().resolve("alias.json").toString(),
				"confined-ok").expectStatus().isAccepted()).path("id").asString());

		assertThat(imported.path("status").asString()).isEqualTo("completed");
		assertThat(imported.path("file_name").asString()).isEqualTo("dialogues.json");
		assertThat(imported.path("progress").path("accepted").asLong()).isEqualTo(2);
		assertThat(again.path("progress").path("duplicates").asLong()).as("a link inside to a file inside").isEqualTo(2);
		assertThat(problem(importPath("confined-ok/missing.json", "confined-ok"), HttpStatus.NOT_FOUND).path("detail")
			.asString()).isEqualTo("\"confined-ok/missing.json\" was not found in the corpus directory");
		assertThat(problem(importPath("confined-ok", "confined-ok"), HttpStatus.BAD_REQUEST).path("detail").asString())
			.contains("is a directory");
		assertThat(Files.exists(file)).as("a path import never deletes the file").isTrue();
	}
}
