package dev.emotionmonitor.classifier.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.config.ClassifierProperties;
import dev.emotionmonitor.classifier.model.Evaluation;
import dev.emotionmonitor.classifier.registry.ActiveModel;
import dev.emotionmonitor.classifier.text.Sentences;
import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.problem.Problems;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Classifies one text or up to {@code max-batch-texts} texts, optionally sentence by sentence. */
@RestController
class ClassificationController {

	private final BatchingClassifier classifier;

	private final ClassifierProperties properties;

	ClassificationController(BatchingClassifier classifier, ClassifierProperties properties) {
		this.classifier = classifier;
		this.properties = properties;
	}

	/** {@code text} is declared as any JSON value so a number or an object is refused with a clear detail. */
	record ClassificationRequest(Object text, Boolean sentences) {
	}

	record BatchRequest(Object texts, Boolean sentences) {
	}

	record SentenceClassification(String text, String label, String labelKo, Map<String, Double> scores) {
	}

	record Classification(String label, String labelKo, Map<String, Double> scores, String modelVersion,
			List<SentenceClassification> sentences) {
	}

	record BatchResponse(List<Classification> items) {
	}

	@PostMapping("/classifications")
	Mono<Classification> classify(@RequestBody ClassificationRequest request) {
		String text = validText(request.text(), "text");
		boolean withSentences = Boolean.TRUE.equals(request.sentences());
		return score(List.of(text), withSentences).map(items -> items.get(0));
	}

	@PostMapping("/classifications/batch")
	Mono<BatchResponse> classifyBatch(@RequestBody BatchRequest request) {
		if (!(request.texts() instanceof List<?> values)) {
			throw Problems.badRequest("texts must be a JSON array of 1 to " + this.properties.maxBatchTexts()
					+ " strings");
		}
		if (values.isEmpty() || values.size() > this.properties.maxBatchTexts()) {
			throw Problems.badRequest("texts holds " + values.size() + " items; send 1 to "
					+ this.properties.maxBatchTexts() + " per batch");
		}
		List<String> texts = new ArrayList<>(values.size());
		for (int i = 0; i < values.size(); i++) {
			texts.add(validText(values.get(i), "texts[" + i + "]"));
		}
		return score(texts, Boolean.TRUE.equals(request.sentences())).map(BatchResponse::new);
	}

	private Mono<List<Classification>> score(List<String> texts, boolean withSentences) {
		List<String> all = new ArrayList<>(texts);
		List<List<String>> sentencesOf = new ArrayList<>();
		if (withSentences) {
			for (String text : texts) {
				List<String> sentences = Sentences.split(text);
				sentencesOf.add(sentences);
				all.addAll(sentences);
			}
		}
		return Mono.defer(() -> Mono.fromFuture(this.classifier.submit(all)))
			.onErrorMap(BatchingClassifier.QueueFullException.class, ex -> unavailable(ex.getMessage()))
			.onErrorMap(ActiveModel.NoModelException.class, ex -> unavailable(ex.getMessage()))
			.map(scored -> {
				List<Classification> items = new ArrayList<>(texts.size());
				int next = texts.size();
				for (int i = 0; i < texts.size(); i++) {
					List<SentenceClassification> sentences = null;
					if (withSentences) {
						sentences = new ArrayList<>();
						for (String sentence : sentencesOf.get(i)) {
							float[] p = scored.scores()[next++];
							Emotion label = Emotion.ALL.get(Evaluation.argmax(p));
							sentences.add(new SentenceClassification(sentence, label.id(), label.korean(), scores(p)));
						}
					}
					float[] p = scored.scores()[i];
					Emotion label = Emotion.ALL.get(Evaluation.argmax(p));
					items.add(new Classification(label.id(), label.korean(), scores(p), scored.modelVersion(),
							sentences));
				}
				return items;
			});
	}

	private ErrorResponseException unavailable(String detail) {
		ErrorResponseException problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, detail);
		long seconds = Math.max(1, (this.properties.retryAfter().toMillis() + 999) / 1000);
		problem.getHeaders().set("Retry-After", String.valueOf(seconds));
		return problem;
	}

	private String validText(Object value, String name) {
		if (value == null) {
			throw Problems.badRequest(name + " is required: send the text to classify as a JSON string");
		}
		if (!(value instanceof String text)) {
			throw Problems.badRequest(name + " must be a JSON string, not " + describe(value));
		}
		if (text.isBlank()) {
			throw Problems.badRequest(name + " is empty or only whitespace; send some text to classify");
		}
		if (text.length() > this.properties.maxTextLength()) {
			throw Problems.badRequest(name + " has " + text.length() + " characters; the limit is "
					+ this.properties.maxTextLength());
		}
		return text;
	}

	private static String describe(Object value) {
		if (value instanceof Number) {
			return "a number";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		if (value instanceof List) {
			return "an array";
		}
		return value instanceof Map ? "an object" : value.getClass().getSimpleName();
	}

	private static Map<String, Double> scores(float[] probabilities) {
		Map<String, Double> scores = new LinkedHashMap<>();
		for (Emotion emotion : Emotion.ALL) {
			scores.put(emotion.id(), (double) probabilities[emotion.ordinal()]);
		}
		return scores;
	}
}
