package dev.emotionmonitor.classifier.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Hugging Face exports made by {@code scripts/imported_fixtures.py} (a tiny BERT-style classifier as ONNX and as
 * TorchScript) and the probabilities PyTorch computed for its texts.
 */
public final class ImportedFixtures {

	public static final Path ROOT = Path.of("src/test/resources/imported");

	public static final Path ONNX = ROOT.resolve("onnx");

	public static final Path TORCHSCRIPT = ROOT.resolve("torchscript");

	public record Expected(String text, int tokens, Map<String, Double> scores) {
	}

	private ImportedFixtures() {
	}

	public static int maxLength() {
		return json().get("max_length").asInt();
	}

	public static List<Expected> expected() {
		List<Expected> expected = new ArrayList<>();
		for (JsonNode text : json().get("texts")) {
			Map<String, Double> scores = new java.util.LinkedHashMap<>();
			text.get("scores").properties().forEach(entry -> scores.put(entry.getKey(), entry.getValue().asDouble()));
			expected.add(new Expected(text.get("text").asString(), text.get("tokens").asInt(), scores));
		}
		return expected;
	}

	/** Scores by emotion id (as the API answers them) against PyTorch's, within 1e-4 each. */
	public static void assertScores(String text, Map<String, ? extends Number> actual) {
		Expected expected = expected().stream().filter(e -> e.text().equals(text)).findFirst().orElseThrow();
		assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.scores().keySet());
		expected.scores().forEach((emotion, probability) -> assertThat(actual.get(emotion).doubleValue())
			.as("%s of '%s'", emotion, text)
			.isCloseTo(probability, within(1e-4)));
	}

	/** Zips a fixture directory inside one top-level folder, as people zip a directory. */
	public static byte[] zip(Path directory) throws IOException {
		var bytes = new java.io.ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes); var files = Files.list(directory)) {
			for (Path file : files.sorted().toList()) {
				zip.putNextEntry(new ZipEntry(directory.getFileName() + "/" + file.getFileName()));
				Files.copy(file, zip);
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static JsonNode json() {
		return JsonMapper.builder().build().readTree(ROOT.resolve("expected.json").toFile());
	}
}
