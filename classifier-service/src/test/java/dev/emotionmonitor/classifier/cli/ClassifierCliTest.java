package dev.emotionmonitor.classifier.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.emotionmonitor.classifier.model.DjlSetup;
import dev.emotionmonitor.classifier.support.ImportedFixtures;
import dev.emotionmonitor.classifier.support.TinyCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The train / evaluate / cross-validation commands as the ./emotion script runs them: standard output only the JSON
 * result (one object, or one per text), progress and errors on standard error.
 */
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
		assertThat(train.log).contains("[ngram] validating epoch 1/4");
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
		assertThat(cv.log).contains("fold 1:").contains("fold 3:").contains("baseline accuracy");
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
		Result invalid = run("train", "--corpus", broken.toString(), "--out", directory.resolve("y").toString());
		assertThat(invalid.status).isEqualTo(2);
		assertThat((String) invalid.json.get("error")).contains("not valid JSON");
		Result noModel = run("evaluate", "--model", directory.resolve("no-such-model").toString(), "--corpus",
				corpus.toString());
		assertThat(noModel.status).isEqualTo(2);
		assertThat((String) noModel.json.get("error")).contains("not a model directory");
		assertThat(noModel.log).as("refused before the corpus is read").doesNotContain("read ");
	}

	@Test
	@SuppressWarnings("unchecked")
	void importsAHuggingFaceExportThenClassifiesAndEvaluatesWithIt() throws Exception {
		Path out = directory.resolve("imported-ts");
		Result imported = run("import-model", "--from", ImportedFixtures.TORCHSCRIPT.toString(), "--out", out.toString(),
				"--name", "fixture-ts");
		assertThat(imported.status).isZero();
		assertThat(imported.json).containsEntry("version", "fixture-ts").containsEntry("kind", "imported")
			.containsEntry("format", "torchscript").containsKey("sha256");
		assertThat((Map<String, Object>) imported.json.get("labels")).containsEntry("LABEL_0", "joy");

		List<ImportedFixtures.Expected> expected = ImportedFixtures.expected();
		Path texts = directory.resolve("texts.txt");
		Files.write(texts, expected.stream().map(ImportedFixtures.Expected::text).toList());
		Result fromFile = run("classify", "--model", out.toString(), "--file", texts.toString());
		assertThat(fromFile.status).isZero();
		List<String> lines = fromFile.out.strip().lines().toList();
		assertThat(lines).hasSize(expected.size());
		for (int i = 0; i < lines.size(); i++) {
			Map<String, Object> line = JsonMapper.builder().build().readValue(lines.get(i), Map.class);
			assertThat(line).containsEntry("text", expected.get(i).text()).containsKeys("label", "label_ko");
			ImportedFixtures.assertScores(expected.get(i).text(), (Map<String, Number>) line.get("scores"));
		}
		Result positional = run("classify", "--model", out.toString(), expected.get(1).text());
		ImportedFixtures.assertScores(expected.get(1).text(), (Map<String, Number>) positional.json.get("scores"));

		Result evaluate = run("evaluate", "--model", out.toString(), "--corpus", corpus.toString());
		assertThat(evaluate.status).isZero();
		assertThat(evaluate.json).containsKeys("accuracy", "macro_f1", "confusion").containsEntry("model_version", "fixture-ts");

		Result refused = run("import-model", "--from", directory.toString(), "--out", directory.resolve("x").toString());
		assertThat(refused.status).isEqualTo(2);
		assertThat((String) refused.json.get("error")).contains("no model.onnx or model.pt");
		assertThat(directory.resolve("x")).doesNotExist();
		assertThat(run("classify", "--model", out.toString()).status).isEqualTo(2);
	}

	@Test
	@SuppressWarnings("unchecked")
	void runAsAProgramItsStandardOutputIsOnlyTheJsonResultAndItsLogsGoToStandardError() throws Exception {
		Path texts = Files.write(directory.resolve("program-texts.txt"), List.of("고마워요", "정말 속상해요"));
		Path stderr = directory.resolve("program-stderr.txt");
		Process program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ClassifierCli.class.getName(),
				"classify", "--model", Path.of("src/main/resources/starter-model").toAbsolutePath().toString(),
				"--file", texts.toString())
			.redirectError(stderr.toFile())
			.start();
		String stdout = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(program.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(program.exitValue()).as(Files.readString(stderr)).isZero();

		List<String> lines = stdout.strip().lines().toList();
		assertThat(lines).as("standard output:%n%s", stdout).hasSize(2);
		for (int i = 0; i < lines.size(); i++) {
			Map<String, Object> line = JsonMapper.builder().build().readValue(lines.get(i), Map.class);
			assertThat(line).containsEntry("text", List.of("고마워요", "정말 속상해요").get(i)).containsKeys("label", "scores");
		}
		assertThat(Files.readString(stderr)).as("the engine's log lines, on standard error").contains("ai.djl");
	}

	/** {@code out}: standard output, every line a JSON object; {@code json}: its last line. */
	private record Result(int status, String out, String log, Map<String, Object> json) {
	}

	@SuppressWarnings("unchecked")
	private static Result run(String... args) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		int status = new ClassifierCli(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(log, true, StandardCharsets.UTF_8)).run(args);
		List<String> lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
		assertThat(lines).as("standard output: the JSON result only").isNotEmpty()
			.allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
		Map<String, Object> json = JsonMapper.builder().build().readValue(lines.get(lines.size() - 1), Map.class);
		return new Result(status, out.toString(StandardCharsets.UTF_8), log.toString(StandardCharsets.UTF_8), json);
	}
}
