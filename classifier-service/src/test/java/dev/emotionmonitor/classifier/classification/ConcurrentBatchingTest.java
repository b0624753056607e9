package dev.emotionmonitor.classifier.classification;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.registry.ActiveModel;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.test.TestCallers;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Dynamic batching over real HTTP: one worker that waits 300 ms to fill its forward pass receives twelve concurrent
 * requests and answers them in fewer forward passes than requests (counted by {@code emotion.classifier.batch.size}),
 * each response carrying the scores of its own text.
 */
@SpringBootTest(classes = ClassifierServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emotion.classifier.workers=1", "emotion.classifier.batch-wait=300ms" })
class ConcurrentBatchingTest {

	private static final List<String> EMOTIONS = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	/** Twelve texts whose scores differ pairwise, so an answer given to the wrong request shows. */
	private static final List<String> TEXTS = List.of("팀장이 또 내 공을 가로채서 정말 화가 나요", "할머니가 보고 싶어서 눈물이 멈추지 않아요",
			"내일 발표가 걱정돼서 잠이 안 와요", "믿었던 친구에게 배신당해서 상처받았어요", "사람들 앞에서 넘어져서 너무 창피했어요",
			"드디어 합격해서 너무 기뻐요", "약속을 어겨서 너무 짜증나고 열받아", "노력했는데 떨어져서 너무 서글퍼",
			"면접에서 떨어질까 봐 걱정이야", "동료들이 나만 빼고 점심을 먹어서 서운해", "회의 중에 말이 꼬여서 창피해",
			"주말에 푹 쉬어서 마음이 편안해");

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ActiveModel activeModel;

	@Test
	@SuppressWarnings("unchecked")
	void concurrentRequestsShareForwardPassesAndEachGetsItsOwnScores() {
		EmotionModel model = this.activeModel.current();
		float[][] alone = new float[TEXTS.size()][];
		Set<String> distinct = new HashSet<>();
		for (int i = 0; i < TEXTS.size(); i++) {
			alone[i] = model.predict(List.of(TEXTS.get(i)))[0];
			distinct.add(java.util.Arrays.toString(alone[i]));
		}
		assertThat(distinct).as("the texts score differently, so a mixed-up answer would show").hasSize(TEXTS.size());

		DistributionSummary batchSize = this.meters.get("emotion.classifier.batch.size").summary();
		long passesBefore = batchSize.count();
		double textsBefore = batchSize.totalAmount();

		WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, TestCallers.bearer(Caller.SERVICE, "classifier"))
			.build();
		List<Map<String, Object>> responses = Flux.range(0, TEXTS.size())
			.flatMapSequential(i -> client.post().uri("/classifications").bodyValue(Map.of("text", TEXTS.get(i)))
				.retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
				}), TEXTS.size())
			.collectList()
			.block(Duration.ofSeconds(30));

		long passes = batchSize.count() - passesBefore;
		assertThat(batchSize.totalAmount() - textsBefore).as("texts through the model").isEqualTo(TEXTS.size());
		assertThat(passes).as("forward passes for %d concurrent requests", TEXTS.size())
			.isGreaterThanOrEqualTo(1)
			.isLessThan(TEXTS.size());
		assertThat(responses).hasSize(TEXTS.size());
		for (int i = 0; i < TEXTS.size(); i++) {
			Map<String, Object> response = responses.get(i);
			Map<String, Number> scores = (Map<String, Number>) response.get("scores");
			assertThat(scores.keySet()).containsExactlyElementsOf(EMOTIONS);
			for (int e = 0; e < EMOTIONS.size(); e++) {
				// padding to the batch's longest text may move the last float digits, never more
				assertThat(scores.get(EMOTIONS.get(e)).doubleValue()).as("%s of '%s'", EMOTIONS.get(e), TEXTS.get(i))
					.isCloseTo(alone[i][e], within(1e-5));
			}
			assertThat(response.get("label")).isEqualTo(EMOTIONS.get(argmax(alone[i])));
			assertThat(response.get("model_version")).isEqualTo(model.version());
		}
	}

	private static int argmax(float[] scores) {
		int best = 0;
		for (int i = 1; i < scores.length; i++) {
			if (scores[i] > scores[best]) {
				best = i;
			}
		}
		return best;
	}
}
