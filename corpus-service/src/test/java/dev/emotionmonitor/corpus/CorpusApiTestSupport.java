package dev.emotionmonitor.corpus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service over real HTTP with the embedded MongoDB-wire store. Subclasses share one application context
 * (same configuration), so each test uses its own dataset names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.corpus.imports.max-rejections=3", "emotion.corpus.imports.batch-size=200",
				"emotion.corpus.imports.progress-interval=100ms" })
@AutoConfigureWebTestClient
public abstract class CorpusApiTestSupport {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private WebTestClient client;

	protected WebTestClient http() {
		return this.client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
	}

	protected WebTestClient.ResponseSpec upload(Path file, String fileName, String dataset, String split) {
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
