package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code model.json}: what a model directory holds and how it was made.
 *
 * @param kind {@code ngram}, {@code transformer} or {@code ensemble} (members in sub-directories named by kind)
 * @param requestedKind the kind asked for at training time ({@code auto} may give any of the three)
 * @param metrics evaluation on the grouped hold-out split
 * @param training figures of the run: examples, hold-out size, best epochs, examples/s, seconds, selection scores
 * @param members for an ensemble: member kind to its weight in the averaged probabilities
 * @param files every file of the directory, relative, so a copy can be made from the classpath
 * @param imported for kind {@code imported} (a Hugging Face classifier): format, inputs, label map, source hashes
 */
public record ModelCard(int format, String version, String kind, String requestedKind, Instant created, String corpus,
		List<String> fields, List<String> labels, List<String> labelsKo, HyperParameters hyperParameters,
		Evaluation metrics, Map<String, Object> training, Map<String, Double> members, List<String> files,
		ImportSpec imported) {

	public ModelCard(int format, String version, String kind, String requestedKind, Instant created, String corpus,
			List<String> fields, List<String> labels, List<String> labelsKo, HyperParameters hyperParameters,
			Evaluation metrics, Map<String, Object> training, Map<String, Double> members, List<String> files) {
		this(format, version, kind, requestedKind, created, corpus, fields, labels, labelsKo, hyperParameters, metrics,
				training, members, files, null);
	}

	public static final String FILE = "model.json";

	static final ObjectMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// cards written before a hyper-parameter existed (starter-1 has no linear_*) still load
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	public static ModelCard read(Path directory) throws IOException {
		Path file = directory.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			throw new IOException("not a model directory (no " + FILE + "): " + directory);
		}
		return JSON.readValue(file.toFile(), ModelCard.class);
	}

	void write(Path directory) {
		JSON.writeValue(directory.resolve(FILE).toFile(), this);
	}

	ModelCard withVersion(String newVersion) {
		return new ModelCard(this.format, newVersion, this.kind, this.requestedKind, this.created, this.corpus,
				this.fields, this.labels, this.labelsKo, this.hyperParameters, this.metrics, this.training,
				this.members, this.files, this.imported);
	}

	ModelCard withMetrics(Evaluation newMetrics, Map<String, Object> newTraining) {
		return new ModelCard(this.format, this.version, this.kind, this.requestedKind, this.created, this.corpus,
				this.fields, this.labels, this.labelsKo, this.hyperParameters, newMetrics, newTraining, this.members,
				this.files, this.imported);
	}

	ModelCard withFiles(List<String> newFiles) {
		return new ModelCard(this.format, this.version, this.kind, this.requestedKind, this.created, this.corpus,
				this.fields, this.labels, this.labelsKo, this.hyperParameters, this.metrics, this.training,
				this.members, newFiles, this.imported);
	}

	public String toJson() {
		return JSON.writeValueAsString(this);
	}
}
