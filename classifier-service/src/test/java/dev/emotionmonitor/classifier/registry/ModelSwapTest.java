package dev.emotionmonitor.classifier.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.support.ImportedFixtures;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Activating another version while four clients keep classifying: no request fails, each client sees the old version
 * then the new one (never back), every answer carries the scores of the model its version names (so each worker
 * built a new predictor for the new model), and the replaced model is closed once the workers let go of it.
 */
@SpringBootTest(classes = ClassifierServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.classifier.poll-interval=100ms", "emotion.classifier.workers=2",
				"emotion.classifier.batch-wait=1ms" })
class ModelSwapTest {

	private static final List<String> EMOTIONS = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	private static final int CLIENTS = 4;

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	ActiveModel activeModel;

	record Answer(String text, String version, Map<String, Number> scores) {
	}

	@Test
	void activatingAnotherVersionUnderLoadSwitchesEveryWorkerWithoutAFailedRequest() throws Exception {
		WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, TestCallers.bearer(Caller.SERVICE, "classifier"))
			.build();
		EmotionModel old = this.activeModel.current();
		String oldVersion = old.version();
		List<String> texts = ImportedFixtures.expected().stream().map(ImportedFixtures.Expected::text).toList();
		Map<String, float[]> oldScores = new java.util.HashMap<>();
		for (String text : texts) {
			float[] scores = old.predict(List.of(text))[0];
			oldScores.put(text, scores);
			ImportedFixtures.Expected imported = ImportedFixtures.expected().stream()
				.filter(e -> e.text().equals(text)).findFirst().orElseThrow();
			double gap = 0;
			for (int e = 0; e < EMOTIONS.size(); e++) {
				gap = Math.max(gap, Math.abs(scores[e] - imported.scores().get(EMOTIONS.get(e))));
			}
			assertThat(gap).as("the two models score '%s' differently, so a stale predictor would show", text)
				.isGreaterThan(1e-3);
		}

		register(client, "swap-onnx");

		AtomicBoolean stop = new AtomicBoolean();
		List<List<Answer>> answers = new ArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		List<reactor.core.Disposable> running = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			List<Answer> own = Collections.synchronizedList(new ArrayList<>());
			answers.add(own);
			int offset = c;
			running.add(Flux.range(0, Integer.MAX_VALUE)
				.takeWhile(i -> !stop.get())
				.concatMap(i -> {
					String text = texts.get((i + offset) % texts.size());
					return client.post().uri("/classifications").bodyValue(Map.of("text", text)).retrieve()
						.bodyToMono(MAP)
						.map(body -> new Answer(text, (String) body.get("model_version"),
								castScores(body.get("scores"))));
				})
				.subscribeOn(Schedulers.boundedElastic())
				.subscribe(own::add, failures::add));
		}
		try {
			awaitUntil(() -> answers.stream().allMatch(own -> own.size() >= 3), "every client answered before the swap");
			client.post().uri("/models/{v}/activate", "swap-onnx")
				.header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.admin(), "classifier"))
				.retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
			awaitUntil(() -> answers.stream().allMatch(own -> countVersion(own, "swap-onnx") >= 10) || !failures.isEmpty(),
					"every client answered ten times by the new model");
		}
		finally {
			stop.set(true);
			running.forEach(reactor.core.Disposable::dispose);
		}

		assertThat(failures).as("requests that failed during the swap").isEmpty();
		assertThat(this.activeModel.version()).isEqualTo("swap-onnx");
		for (List<Answer> own : answers) {
			List<Answer> seen;
			synchronized (own) {
				seen = List.copyOf(own);
			}
			int firstNew = 0;
			while (firstNew < seen.size() && seen.get(firstNew).version().equals(oldVersion)) {
				firstNew++;
			}
			assertThat(firstNew).as("answers by the old model before the swap").isGreaterThanOrEqualTo(3);
			assertThat(seen.subList(firstNew, seen.size())).as("after the first new answer, only the new model answers")
				.allSatisfy(answer -> assertThat(answer.version()).isEqualTo("swap-onnx"));
			for (Answer answer : seen) {
				if (answer.version().equals(oldVersion)) {
					float[] expected = oldScores.get(answer.text());
					for (int e = 0; e < EMOTIONS.size(); e++) {
						assertThat(answer.scores().get(EMOTIONS.get(e)).doubleValue()).isCloseTo(expected[e], within(1e-5));
					}
				}
				else {
					ImportedFixtures.assertScores(answer.text(), answer.scores());
				}
			}
		}
		// every worker has moved to the new model, so nothing holds the replaced one any more
		awaitUntil(() -> isClosed(old, texts.get(0)), "the replaced model is closed");
	}

	private static boolean isClosed(EmotionModel model, String text) {
		try {
			model.predict(List.of(text));
			return false;
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private static void register(WebClient client, String name) throws Exception {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("file", new ByteArrayResource(ImportedFixtures.zip(ImportedFixtures.ONNX)) {
			@Override
			public String getFilename() {
				return "model.zip";
			}
		}).contentType(MediaType.parseMediaType("application/zip"));
		body.part("name", name);
		body.part("activate", "false");
		var response = client.post().uri("/models/imports")
			.header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.admin(), "classifier"))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.bodyValue(body.build())
			.retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
		assertThat(response.getStatusCode().value()).isEqualTo(201);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Number> castScores(Object scores) {
		return (Map<String, Number>) scores;
	}

	private static long countVersion(List<Answer> answers, String version) {
		synchronized (answers) {
			return answers.stream().filter(answer -> version.equals(answer.version())).count();
		}
	}

	private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting until " + what);
			}
			Mono.delay(Duration.ofMillis(20)).block();
		}
	}
}
