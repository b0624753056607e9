package dev.emotionmonitor.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.CorpusFiles.JsonDialogue;
import dev.emotionmonitor.aihub.SyntheticCorpus;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal of an import is problem+json whose detail names no Java type, no server path and no temp file. */
class ImportProblemDetailTest extends CorpusApiTestSupport {

	/** Java and library names, parser internals, the service's own files and directories. */
	private static final Pattern LEAK = Pattern.compile("java\\.|javax\\.|tools\\.jackson|org\\.apache|org\\.spring"
			+ "|JsonToken|VALUE_|START_|END_|Exception|Source:|StreamReadFeature|\\.part\\b|\\.multipart|upload-"
			+ "|/tmp|target/|test-store|/work/");

	@TempDir
	Path dir;

	@Test
	void brokenUploadsAreRefusedWithDetailsThatShowNothingOfTheServer() throws Exception {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("unclosed-string.json", bytes("[{\"profile\": {\"emotion\": \"E1"));
		files.put("wrong-bracket.json", bytes("[{\"profile\": [1, 2}]"));
		files.put("utf16.json", new byte[] { (byte) 0xFE, (byte) 0xFF, 0, '[', 0, '{' });
		files.put("bad-utf8.json", new byte[] { '[', '{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}', ']' });
		files.put("not-json.json", bytes("root:x:0:0:root:/root:/bin/bash"));
		files.put("object.json", bytes("{\"profile\": {}, \"talk\": {}}"));
		files.put("empty.json", new byte[0]);
		files.put("empty.csv", new byte[0]);
		files.put("latin.csv", new byte[] { 'a', ',', 'b', '\n', (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, '\n' });
		files.put("binary.csv", new byte[] { 'a', 0, 'b', '\n' });
		files.put("archive.xlsx", zip("hello.txt", "not a workbook"));
		files.put("broken.xlsx", new byte[] { 'P', 'K', 3, 4, 1, 2, 3, 4 });
		files.put("legacy.xls", new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2 });
		files.put("notes.txt", bytes("\n\n"));

		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			Path path = Files.write(this.dir.resolve(file.getKey()), file.getValue());
			assertClean(file.getKey(), problem(upload(path, file.getKey(), "details", "train"), HttpStatus.BAD_REQUEST));
		}
		assertThat(problem(upload(this.dir.resolve("wrong-bracket.json"), "wrong-bracket.json", "details", "train"),
				HttpStatus.BAD_REQUEST).path("detail").asString())
			.as("still says where and what")
			.isEqualTo("Not valid JSON at line 1, column 19 (in dialogue 1): Unexpected close marker '}': expected ']'");
		assertThat(problem(upload(this.dir.resolve("unclosed-string.json"), "unclosed-string.json", "details", "train"),
				HttpStatus.BAD_REQUEST).path("detail").asString()).endsWith("Unexpected end-of-input in a string");
	}

	@Test
	void importsThatFailHalfwayExplainThemselvesCleanly() throws Exception {
		Path labels = this.dir.resolve("labels.csv");
		List<List<String>> rows = new ArrayList<>();
		SyntheticCorpus.sheet(6).forEach(rows::add);
		for (int i = 0; i < 4; i++) {
			rows.add(CorpusFiles.sheetRow(100 + i, "기쁨", "날아갈 듯한 " + i, "좋은 일이 있었어", "그렇군요", ""));
		}
		CorpusFiles.writeCsv(labels, rows, StandardCharsets.UTF_8, false);
		Path halfway = this.dir.resolve("halfway.json");
		CorpusFiles.writeLabelingJson(halfway, SyntheticCorpus.json(5));
		String text = Files.readString(halfway);
		Files.writeString(halfway, text.substring(0, text.length() - 1) + ", {\"profile\": [1, 2}]");

		JsonNode unknownLabels = importAndAwait(labels, "labels.csv", "details-labels", "train");
		JsonNode broken = importAndAwait(halfway, "halfway.json", "details-halfway", "train");

		assertThat(unknownLabels.path("status").asString()).isEqualTo("failed");
		assertClean("unknown labels", unknownLabels.path("problem"));
		assertThat(unknownLabels.path("problem").path("detail").asString()).contains("unknown fine label \"날아갈 듯한 0\"");
		assertThat(broken.path("status").asString()).isEqualTo("failed");
		assertClean("malformed after five dialogues", broken.path("problem"));
		assertThat(broken.path("problem").path("detail").asString()).contains("(in dialogue 6)");
	}

	@Test
	void requestBodiesOfTheWrongShapeAreRefusedInWords() {
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("path is an object", "{\"path\": {\"a\": 1}, \"dataset\": \"details\"}");
		bodies.put("path is an array", "{\"path\": [\"a.json\"], \"dataset\": \"details\"}");
		bodies.put("dataset is an object", "{\"path\": \"a.json\", \"dataset\": {\"x\": true}}");
		bodies.put("not an object", "[\"a.json\"]");
		bodies.put("truncated", "{\"path\": \"a.json\", \"dataset\": ");
		bodies.put("not JSON", "path=a.json");
		bodies.put("path missing", "{\"dataset\": \"details\"}");

		bodies.forEach((what, body) -> assertClean(what, problem(http().post()
			.uri("/imports")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange(), HttpStatus.BAD_REQUEST)));
		assertThat(problem(http().post().uri("/imports").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(bodies.get("path is an object"))
			.exchange(), HttpStatus.BAD_REQUEST).path("detail").asString()).contains("\"path\"").contains("expected text");
		assertClean("broken multipart", problem(http().post()
			.uri("/imports")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=xyz"))
			.bodyValue("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\n\r\n[1")
			.exchange(), HttpStatus.BAD_REQUEST));
	}

	private static void assertClean(String what, JsonNode problem) {
		String detail = problem.path("detail").asString();
		assertThat(detail).as(what).isNotBlank();
		assertThat(LEAK.matcher(detail).find()).as("%s: %s", what, detail).isFalse();
		assertThat(detail).as(what).doesNotContain("root:x", "/bin/bash");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] zip(String name, String content) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry(name));
			zip.write(bytes(content));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}
}
