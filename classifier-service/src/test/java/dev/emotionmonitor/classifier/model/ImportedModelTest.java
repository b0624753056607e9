package dev.emotionmonitor.classifier.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.emotionmonitor.classifier.support.ImportedFixtures;
import dev.emotionmonitor.classifier.support.ImportedFixtures.Expected;
import dev.emotionmonitor.common.emotion.Emotion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Imported Hugging Face classifiers give PyTorch's probabilities, on ONNX Runtime and on PyTorch (TorchScript). */
class ImportedModelTest {

	@BeforeAll
	static void djl() {
		DjlSetup.configure(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "onnx", "torchscript" })
	void importedModelMatchesPyTorchOneByOneAndInAMixedLengthBatch(String format, @TempDir Path out) throws Exception {
		List<Expected> expected = ImportedFixtures.expected();
		assertThat(expected).as("fixture covers truncation").anyMatch(e -> e.tokens() == ImportedFixtures.maxLength());
		assertThat(expected).as("fixture covers unknown words").anyMatch(e -> e.text().contains("xyzzy"));

		ModelCard card = ModelImporter.importDirectory(ImportedFixtures.ROOT.resolve(format), out, "fixture-" + format);
		assertThat(card.kind()).isEqualTo("imported");
		assertThat(card.imported().format()).isEqualTo(format);
		assertThat(card.imported().maxLength()).isEqualTo(ImportedFixtures.maxLength());
		assertThat(card.imported().labelMap()).containsValues("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");
		assertThat(card.imported().sha256()).containsKeys("tokenizer.json", "config.json");
		for (String file : card.files()) {
			assertThat(out.resolve(file)).isRegularFile();
		}

		try (EmotionModel model = ModelFiles.load(out)) {
			List<String> texts = expected.stream().map(Expected::text).toList();
			float[][] batch = model.predict(texts);
			for (int i = 0; i < texts.size(); i++) {
				ImportedFixtures.assertScores(texts.get(i), byId(batch[i]));
				ImportedFixtures.assertScores(texts.get(i), byId(model.predict(List.of(texts.get(i)))[0]));
			}
		}
	}

	@Test
	void labelsMapByEnglishIdKoreanNameOrAiHubCodeAndTheRestIsRefusedByName() {
		assertThat(ModelImporter.mapLabels(List.of("기쁨", "분노", "슬픔", "불안", "상처", "당황"), Map.of()))
			.containsEntry("기쁨", "joy").containsEntry("당황", "embarrassment");
		List<String> codes = IntStream.rangeClosed(10, 69).mapToObj(code -> "E" + code).toList();
		Map<String, String> byCode = ModelImporter.mapLabels(codes, Map.of());
		assertThat(byCode).hasSize(60).containsEntry("E18", "anger").containsEntry("E60", "joy");
		assertThat(ModelImporter.mapLabels(List.of("a", "b", "c", "d", "e", "f"),
				Map.of("a", "anger", "b", "sadness", "c", "불안", "d", "E40", "e", "embarrassment", "f", "joy")))
			.containsEntry("d", "hurt");
		assertThatThrownBy(() -> ModelImporter.mapLabels(List.of("positive", "negative"), Map.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("[positive, negative]")
			.hasMessageContaining("no label for [anger, sadness, anxiety, hurt, embarrassment, joy]");
		assertThatThrownBy(() -> ModelImporter.mapLabels(List.of("anger", "sadness", "anxiety", "hurt", "joy"), Map.of()))
			.hasMessageContaining("no label for [embarrassment]");
	}

	@Test
	void aModelWhoseLabelsDoNotMapIsRefusedAndLeavesNothingBehind(@TempDir Path work) throws Exception {
		Path from = work.resolve("from");
		Files.createDirectories(from);
		try (var files = Files.list(ImportedFixtures.ONNX)) {
			for (Path file : files.toList()) {
				Files.copy(file, from.resolve(file.getFileName()));
			}
		}
		Files.writeString(from.resolve("config.json"),
				"{\"id2label\": {\"0\": \"positive\", \"1\": \"negative\", \"2\": \"neutral\", \"3\": \"x\", \"4\": \"y\", \"5\": \"z\"}}");
		Path out = work.resolve("out");
		assertThatThrownBy(() -> ModelImporter.importDirectory(from, out, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("positive, negative, neutral");
		assertThat(out).doesNotExist();
	}

	private static Map<String, Float> byId(float[] scores) {
		Map<String, Float> byId = new LinkedHashMap<>();
		for (Emotion emotion : Emotion.ALL) {
			byId.put(emotion.id(), scores[emotion.ordinal()]);
		}
		return byId;
	}
}
