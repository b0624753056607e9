package dev.emotionmonitor.classifier.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.ClassifierServiceApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification API over real HTTP with the shipped starter model loaded from the embedded registry. */
@SpringBootTest(classes = ClassifierServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ClassificationApiTest {

	private static final List<String> ORDER = List.of("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");

	@Autowired
	WebTestClient http;

	@Test
	void readinessIsUpWithTheStarterModelLoaded() {
		http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.model.status").isEqualTo("UP");
		http.get().uri("/actuator/health").exchange().expectBody()
			.jsonPath("$.components.model.details.version").isNotEmpty();
	}

	@Test
	void theActiveModelShowsItsCardAndSaysItIsTheDemoModel() {
		http.get().uri("/models/active").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.active").isEqualTo("starter-2")
			.jsonPath("$.model.version").isEqualTo("starter-2")
			.jsonPath("$.model.corpus").isEqualTo("starter-corpus-2.json")
			.jsonPath("$.model.examples").isEqualTo(4200)
			.jsonPath("$.model.evaluated_on").isEqualTo("held-out groups")
			.jsonPath("$.model.accuracy").isNumber()
			.jsonPath("$.model.figures_measured_on").value(text -> assertThat((String) text).contains("selection model"))
			.jsonPath("$.model.demo").isEqualTo(true);
	}

	@Test
	void classifiesOneTextWithSixScoresInCanonicalOrder() {
		Map<String, Object> body = post("/classifications",
				Map.of("text", "내일 발표인데 준비가 하나도 안 돼서 너무 불안하고 잠이 안 와요."));
		@SuppressWarnings("unchecked")
		Map<String, Double> scores = (Map<String, Double>) body.get("scores");
		assertThat(scores.keySet()).containsExactlyElementsOf(ORDER);
		assertThat(scores.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
				org.assertj.core.data.Offset.offset(1e-4));
		assertThat(ORDER).contains((String) body.get("label"));
		String best = scores.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
		assertThat(body.get("label")).isEqualTo(best);
		assertThat(body.get("label_ko")).isEqualTo(Map.of("anger", "분노", "sadness", "슬픔", "anxiety", "불안", "hurt",
				"상처", "embarrassment", "당황", "joy", "기쁨").get(best));
		assertThat((String) body.get("model_version")).isNotBlank();
		assertThat(body).doesNotContainKey("sentences");
	}

	@Test
	void givesPerSentenceResultsWhenAsked() {
		Map<String, Object> body = post("/classifications",
				Map.of("text", "팀장님이 또 일을 떠넘겨서 화가 났어요. 그래도 동기들이 도와줘서 고마웠어요!", "sentences", true));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> sentences = (List<Map<String, Object>>) body.get("sentences");
		assertThat(sentences).hasSize(2);
		assertThat(sentences.get(0).get("text")).isEqualTo("팀장님이 또 일을 떠넘겨서 화가 났어요.");
		assertThat(sentences.get(1).get("text")).isEqualTo("그래도 동기들이 도와줘서 고마웠어요!");
		sentences.forEach(sentence -> assertThat(sentence).containsKeys("label", "label_ko", "scores"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void classifiesABatchInOrderEachItemAsItsOwnSingleClassification() {
		List<String> texts = List.of("시험에 떨어질까 봐 걱정돼요", "hello, how are you?", "😀😀😀", "드디어 합격해서 너무 기뻐요",
				"팀장님이 또 일을 떠넘겨서 화가 났어요", "친구가 멀리 떠나서 너무 슬퍼");
		Map<String, Object> body = post("/classifications/batch", Map.of("texts", texts));
		List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
		assertThat(items).hasSize(texts.size());
		java.util.Set<Map<String, Double>> distinct = new java.util.HashSet<>();
		for (int i = 0; i < texts.size(); i++) {
			Map<String, Object> single = post("/classifications", Map.of("text", texts.get(i)));
			Map<String, Object> item = items.get(i);
			assertThat(item.get("label")).as("label of texts[%d]", i).isEqualTo(single.get("label"));
			assertThat(item.get("label_ko")).as("label_ko of texts[%d]", i).isEqualTo(single.get("label_ko"));
			assertThat(item.get("model_version")).isEqualTo(single.get("model_version"));
			Map<String, Double> batchScores = (Map<String, Double>) item.get("scores");
			Map<String, Double> singleScores = (Map<String, Double>) single.get("scores");
			assertThat(batchScores.keySet()).containsExactlyElementsOf(ORDER);
			// padding to the batch's longest text may move the last float digits, never more
			int index = i;
			ORDER.forEach(id -> assertThat(batchScores.get(id)).as("%s of texts[%d]", id, index)
				.isCloseTo(singleScores.get(id), org.assertj.core.data.Offset.offset(1e-5)));
			distinct.add(singleScores);
		}
		assertThat(distinct).as("the texts score differently, so an item out of order would show").hasSize(texts.size());
	}

	@Test
	void refusesBadInputWithProblemDetails() {
		expectProblem("/classifications", Map.of("text", ""), "empty");
		expectProblem("/classifications", Map.of("text", "   \n\t "), "empty");
		expectProblem("/classifications", Map.of("text", "가".repeat(5001)), "5001 characters; the limit is 5000");
		expectProblem("/classifications", Map.of("text", 42), "must be a JSON string, not a number");
		expectProblem("/classifications", Map.of("sentences", true), "text is required");
		expectProblem("/classifications/batch", Map.of("texts", "just one"), "JSON array");
		expectProblem("/classifications/batch", Map.of("texts", List.of()), "1 to 256");
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i < 257; i++) {
			tooMany.add("텍스트 " + i);
		}
		expectProblem("/classifications/batch", Map.of("texts", tooMany), "holds 257 items");
		expectProblem("/classifications/batch", Map.of("texts", List.of("좋아요", "")), "texts[1] is empty");
		http.post().uri("/classifications").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": ")
			.exchange().expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private void expectProblem(String path, Object body, String detailPart) {
		http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(detailPart));
	}

	private Map<String, Object> post(String path, Object body) {
		return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			}).returnResult().getResponseBody();
	}
}
