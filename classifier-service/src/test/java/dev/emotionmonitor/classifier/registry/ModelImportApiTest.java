package dev.emotionmonitor.classifier.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import dev.emotionmonitor.classifier.support.ImportedFixtures;
import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /models/imports} end to end: a zipped export is registered, activated and served with PyTorch's
 * probabilities (ONNX and TorchScript); bad uploads get 400/413/409 and leave the registry as it was.
 */
@SpringBootTest(classes = ClassifierServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.classifier.poll-interval=200ms", "emotion.classifier.max-import-size=1MB" })
@AutoConfigureWebTestClient(timeout = "60s")
class ModelImportApiTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient http;

	@Test
	@SuppressWarnings("unchecked")
	void importsBothFormatsServesPyTorchsProbabilitiesAndRollsBack() throws Exception {
		upload(ImportedFixtures.zip(ImportedFixtures.ONNX), "hf-onnx", true, TestCallers.member("m-1", "민지"))
			.expectStatus().isForbidden();

		Map<String, Object> onnx = upload(ImportedFixtures.zip(ImportedFixtures.ONNX), "hf-onnx", true, TestCallers.admin())
			.expectStatus().isCreated()
			.expectHeader().valueMatches(HttpHeaders.LOCATION, ".*models/hf-onnx")
			.expectBody(MAP).returnResult().getResponseBody();
		assertThat(onnx).containsEntry("version", "hf-onnx").containsEntry("kind", "imported").containsEntry("active", true);
		assertThat((Map<String, Object>) ((Map<String, Object>) onnx.get("card")).get("imported")).containsEntry("format", "onnx");
		awaitServed("hf-onnx");
		assertBatchMatchesPyTorch("hf-onnx");

		upload(ImportedFixtures.zip(ImportedFixtures.TORCHSCRIPT), "hf-torchscript", true, TestCallers.admin())
			.expectStatus().isCreated();
		awaitServed("hf-torchscript");
		assertBatchMatchesPyTorch("hf-torchscript");
		String text = ImportedFixtures.expected().get(3).text();
		Map<String, Object> one = http.post().uri("/classifications").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", text, "sentences", true)).exchange().expectStatus().isOk()
			.expectBody(MAP).returnResult().getResponseBody();
		ImportedFixtures.assertScores(text, (Map<String, Number>) one.get("scores"));
		assertThat((List<?>) one.get("sentences")).hasSize(2);

		http.post().uri("/models/rollback").header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.admin(), "classifier"))
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo("hf-onnx");
		awaitServed("hf-onnx");
	}

	@Test
	void badUploadsAreRefusedAndLeaveTheRegistryAsItWas(@TempDir Path work) throws Exception {
		long before = total();

		byte[] garbage = new byte[4096];
		new Random(14).nextBytes(garbage);
		upload(garbage, "garbage", false, TestCallers.admin()).expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("zip"));

		Path mismatched = work.resolve("mismatched");
		Files.createDirectories(mismatched);
		try (var files = Files.list(ImportedFixtures.ONNX)) {
			for (Path file : files.toList()) {
				Files.copy(file, mismatched.resolve(file.getFileName()));
			}
		}
		Files.writeString(mismatched.resolve("config.json"), "{\"id2label\": {\"0\": \"positive\", \"1\": \"negative\", "
				+ "\"2\": \"neutral\", \"3\": \"a\", \"4\": \"b\", \"5\": \"c\"}}");
		upload(ImportedFixtures.zip(mismatched), "mismatched", false, TestCallers.admin()).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
				.contains("positive, negative, neutral").doesNotContain(work.toString()));

		byte[] huge = new byte[1536 * 1024];
		new Random(15).nextBytes(huge);
		upload(huge, "huge", false, TestCallers.admin()).expectStatus().isEqualTo(413);

		// a zip bomb: 1 KB uploaded, 5 MB unpacked (the limit is 4 × 1 MB)
		var bomb = new java.io.ByteArrayOutputStream();
		try (var zip = new java.util.zip.ZipOutputStream(bomb)) {
			zip.putNextEntry(new java.util.zip.ZipEntry("model.onnx"));
			zip.write(new byte[5 * 1024 * 1024]);
			zip.closeEntry();
		}
		upload(bomb.toByteArray(), "bomb", false, TestCallers.admin()).expectStatus().isEqualTo(413);

		upload(ImportedFixtures.zip(ImportedFixtures.TORCHSCRIPT), "twice", false, TestCallers.admin())
			.expectStatus().isCreated().expectBody().jsonPath("$.active").isEqualTo(false);
		upload(ImportedFixtures.zip(ImportedFixtures.TORCHSCRIPT), "twice", false, TestCallers.admin())
			.expectStatus().isEqualTo(409);

		assertThat(total()).isEqualTo(before + 1);
		http.get().uri("/models/{v}", "garbage").exchange().expectStatus().isNotFound();
		http.get().uri("/models/{v}", "mismatched").exchange().expectStatus().isNotFound();
	}

	private WebTestClient.ResponseSpec upload(byte[] zip, String name, boolean activate,
			dev.emotionmonitor.common.caller.Caller caller) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("file", new ByteArrayResource(zip) {
			@Override
			public String getFilename() {
				return "model.zip";
			}
		}).contentType(MediaType.parseMediaType("application/zip"));
		body.part("name", name);
		body.part("activate", String.valueOf(activate));
		return http.post().uri("/models/imports")
			.header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(caller, "classifier"))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.bodyValue(body.build())
			.exchange();
	}

	@SuppressWarnings("unchecked")
	private void assertBatchMatchesPyTorch(String version) {
		List<String> texts = ImportedFixtures.expected().stream().map(ImportedFixtures.Expected::text).toList();
		Map<String, Object> batch = http.post().uri("/classifications/batch").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("texts", texts)).exchange().expectStatus().isOk()
			.expectBody(MAP).returnResult().getResponseBody();
		List<Map<String, Object>> items = (List<Map<String, Object>>) batch.get("items");
		assertThat(items).hasSize(texts.size());
		for (int i = 0; i < texts.size(); i++) {
			assertThat(items.get(i)).containsEntry("model_version", version);
			ImportedFixtures.assertScores(texts.get(i), (Map<String, Number>) items.get(i).get("scores"));
		}
	}

	private long total() {
		return ((Number) http.get().uri("/models").exchange().expectStatus().isOk().expectBody(MAP).returnResult()
			.getResponseBody().get("total")).longValue();
	}

	private void awaitServed(String version) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<String> seen = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			String served = (String) http.post().uri("/classifications").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("text", "오늘 정말 즐거웠어요")).exchange().expectStatus().isOk()
				.expectBody(MAP).returnResult().getResponseBody().get("model_version");
			seen.add(served);
			if (served.equals(version)) {
				return;
			}
			Mono.delay(Duration.ofMillis(100)).block();
		}
		throw new AssertionError("model " + version + " not served within 10 s; served " + seen);
	}
}
