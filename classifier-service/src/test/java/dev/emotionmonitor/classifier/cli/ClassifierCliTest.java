package dev.emotionmonitor.classifier.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.model.DjlSetup;
import dev.emotionmonitor.classifier.support.TinyCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The train / evaluate / cross-validation commands as the ./emotion script runs them: last line one JSON object. */
class ClassifierCliTest {

	@TempDir
	static Path directory;

	static Path corpus;

	@BeforeAll
	static void corpus() throws Exception {
		DjlSetup.configure(1);
		corpus = TinyCorpus.write(directory.resolve("tiny.json"), 24, 5);
	}

	@Test
	void trainsThenEvaluatesAModelDirectory() throws Exception {
		Path out = directory.resolve("model");
		Result train = run("train", "--corpus", corpus.toString(), "--fields", "HS01,HS02", "--kind", "ngram", "--out",
				out.toString(), "--set", "epochs=4", "--set", "ngram_dimension=16");
		assertThat(train.status).isZero();
		assertThat(train.output).contains("[ngram] validating epoch 1/4");
		assertThat(train.json).containsKeys("accuracy", "macro_f1", "version");
		assertThat(((Number) train.json.get("macro_f1")).doubleValue()).isGreaterThan(0.5);
		assertThat(Files.readString(out.resolve("model.json"))).contains("\"fields\" : [ \"HS01\", \"HS02\" ]")
			.contains("\"metrics\"");
		assertThat(out.resolve("ngram-0000.params")).exists();

		Result evaluate = run("evaluate", "--model", out.toString(), "--corpus", corpus.toString(), "--fields",
				"HS01,HS02");
		assertThat(evaluate.status).isZero();
		assertThat(evaluate.json).containsKeys("accuracy", "macro_f1", "n", "per_class", "confusion");
		assertThat(evaluate.json.get("n")).isEqualTo(144);
		@SuppressWarnings("unchecked")
		Map<String, Object> perClass = (Map<String, Object>) evaluate.json.get("per_class");
		assertThat(perClass.keySet()).containsExactly("anger", "sadness", "anxiety", "hurt", "embarrassment", "joy");
	}

	@Test
	void crossValidatesAgainstTheBaselineOnTheSameGroupedFolds() throws Exception {
		Result cv = run("train", "--corpus", corpus.toString(), "--kind", "ngram", "--cv", "3", "--set", "epochs=3",
				"--set", "ngram_dimension=8");
		assertThat(cv.status).isZero();
		assertThat(cv.output).contains("fold 1:").contains("fold 3:").contains("baseline accuracy");
		assertThat(cv.json).containsKeys("macro_f1", "baseline_macro_f1", "per_fold");
		assertThat((List<?>) cv.json.get("per_fold")).hasSize(3);
		assertThat(((Number) cv.json.get("baseline_macro_f1")).doubleValue()).isGreaterThan(0.5);
	}

	@Test
	void badArgumentsExitWithTwoAndSayWhy() throws Exception {
		Result missing = run("train", "--corpus", directory.resolve("nope.json").toString(), "--out", "x");
		assertThat(missing.status).isEqualTo(2);
		assertThat((String) missing.json.get("error")).contains("corpus file not found");
		Result kind = run("train", "--corpus", corpus.toString(), "--kind", "forest", "--out", "x");
		assertThat(kind.status).isEqualTo(2);
		assertThat((String) kind.json.get("error")).contains("kind must be");
		Path broken = Files.writeString(directory.resolve("broken.json"), "[{\"profile\": ");
		Result invalid = run("evaluate", "--model", directory.toString(), "--corpus", broken.toString());
		assertThat(invalid.status).isEqualTo(2);
		assertThat((String) invalid.json.get("error")).contains("not valid JSON");
	}

	private record Result(int status, String output, Map<String, Object> json) {
	}

	@SuppressWarnings("unchecked")
	private static Result run(String... args) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int status = new ClassifierCli(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(args);
		String output = bytes.toString(StandardCharsets.UTF_8);
		String[] lines = output.strip().split("\n");
		Map<String, Object> json = JsonMapper.builder().build().readValue(lines[lines.length - 1], Map.class);
		return new Result(status, output, json);
	}
}
