package dev.emotionmonitor.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service over real HTTP with the embedded MongoDB-wire store. Subclasses share one application context
 * (same configuration), so each test uses its own dataset names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.corpus.imports.max-rejections=3", "emotion.corpus.imports.batch-size=200",
				"emotion.corpus.imports.progress-interval=100ms", "emotion.store.embedded.path=target/test-store",
				"emotion.corpus.imports.corpus-dir=" + CorpusApiTestSupport.CORPUS_DIR })
@AutoConfigureWebTestClient
public abstract class CorpusApiTestSupport {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	/** The corpus directory of the test service: imports by path read files under it only. */
	protected static final String CORPUS_DIR = "target/test-corpus";

	/** The upload directory the service derives from its store path ({@code <store>/uploads}). */
	protected static final Path UPLOAD_DIR = Path.of("target/test-store/uploads");

	/** A directory of this name inside the corpus directory, created empty. */
	protected static Path corpusSubdirectory(String name) throws IOException {
		Path directory = Path.of(CORPUS_DIR, name);
		FileSystemUtils.deleteRecursively(directory);
		return Files.createDirectories(directory);
	}

	@Autowired
	private WebTestClient client;

	protected WebTestClient http() {
		return this.client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
	}

	protected WebTestClient.ResponseSpec upload(Path file, String fileName, String dataset, String split) {
		return upload(file, fileName, dataset, split, headers -> {
		});
	}

	protected WebTestClient.ResponseSpec upload(Path file, String fileName, String dataset, String split,
			Consumer<HttpHeaders> headers) {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new FileSystemResource(file)).filename(fileName);
		if (dataset != null) {
			form.part("dataset", dataset);
		}
		if (split != null) {
			form.part("split", split);
		}
		return http().post()
			.uri("/imports")
			.headers(headers)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange();
	}

	/** Uploads and expects the import to be accepted; answers its id. */
	protected String startUpload(Path file, String fileName, String dataset, String split) {
		JsonNode accepted = json(upload(file, fileName, dataset, split).expectStatus()
			.isAccepted()
			.expectHeader()
			.exists("Location"));
		assertThat(accepted.path("status").asString()).isIn("running", "completed", "failed");
		return accepted.path("id").asString();
	}

	/** Polls {@code GET /imports/{id}} until the import is no longer running. */
	protected JsonNode awaitFinished(String id) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (true) {
			JsonNode job = getJson("/imports/" + id);
			if (!"running".equals(job.path("status").asString())) {
				return job;
			}
			assertThat(System.nanoTime()).as("import %s still running", id).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	protected JsonNode importAndAwait(Path file, String fileName, String dataset, String split)
			throws InterruptedException {
		return awaitFinished(startUpload(file, fileName, dataset, split));
	}

	protected JsonNode getJson(String uri) {
		return json(http().get().uri(uri).exchange().expectStatus().isOk());
	}

	/** {@code POST /imports} of a file by its path on the service's host. */
	protected WebTestClient.ResponseSpec importPath(String path, String dataset) {
		return http().post()
			.uri("/imports")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("path", path, "dataset", dataset, "split", "train"))
			.exchange();
	}

	protected JsonNode problem(WebTestClient.ResponseSpec response, HttpStatus status) {
		return json(response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	protected List<JsonNode> jsonLines(String uri) {
		String body = http().get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<JsonNode> lines = new ArrayList<>();
		if (body != null) {
			for (String line : body.split("\n")) {
				if (!line.isBlank()) {
					lines.add(JSON.readTree(line));
				}
			}
		}
		return lines;
	}

	protected static JsonNode json(WebTestClient.ResponseSpec response) {
		String body = response.expectBody(String.class).returnResult().getResponseBody();
		return JSON.readTree(body == null ? "null" : body);
	}
}
