package dev.emotionmonitor.classifier.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.corpus.CorpusReader;
import dev.emotionmonitor.classifier.corpus.LabeledText;
import dev.emotionmonitor.classifier.model.DjlSetup;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.Evaluation;
import dev.emotionmonitor.classifier.model.HyperParameters;
import dev.emotionmonitor.classifier.model.ModelCard;
import dev.emotionmonitor.classifier.model.ModelFiles;
import dev.emotionmonitor.classifier.model.ModelImporter;
import dev.emotionmonitor.classifier.model.ModelTrainer;
import dev.emotionmonitor.classifier.model.TrainingListener;
import dev.emotionmonitor.classifier.model.TrainingProgress;
import dev.emotionmonitor.common.emotion.Emotion;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code train} and {@code evaluate} without any service running. Standard output carries only the result as JSON
 * (one object; {@code classify}: one per text), so it can be piped; progress lines, errors and every log line (DJL's,
 * the engine's: {@value #LOGGING}) go to standard error. Exit code 0 on success, 2 on bad arguments or input, 1 on
 * any other failure.
 */
public final class ClassifierCli {

	private static final String USAGE = """
			usage:
			  train    --corpus FILE [--fields HS01,HS02,HS03] [--kind auto|transformer|ngram] --out DIR
			           [--cv K] [--seed N] [--version NAME] [--set name=value ...]
			  evaluate --model DIR --corpus FILE [--fields HS01,HS02,HS03]
			  import-model --from DIR --out MODEL_DIR [--name NAME]
			           DIR: a Hugging Face export (config.json, tokenizer.json, model.onnx or model.pt)
			  classify --model DIR [--file FILE | TEXT ...]   (FILE: one text per line)
			FILE: AI Hub labeling JSON (.json) or source sheet (.xlsx), the corpus-service training export (.jsonl),
			      or a directory of them""";

	private static final ObjectMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	/** The CLI's logback configuration: everything to standard error. Set before anything logs. */
	static final String LOGGING = "classifier-cli-logback.xml";

	private final PrintStream out;

	private final PrintStream log;

	/** {@code out} receives the JSON result only; {@code log} progress and errors. */
	ClassifierCli(PrintStream out, PrintStream log) {
		this.out = out;
		this.log = log;
	}

	public static void main(String[] args) {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", LOGGING);
		}
		// one intra-op thread: libgomp spin-waits badly when the few cores are shared with other processes
		DjlSetup.configure(1);
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		PrintStream log = new PrintStream(System.err, true, StandardCharsets.UTF_8);
		int status = new ClassifierCli(out, log).run(args);
		System.exit(status);
	}

	int run(String[] args) {
		try {
			if (args.length == 0) {
				throw new IllegalArgumentException("no command");
			}
			Map<String, List<String>> options = options(args);
			if (options.containsKey("") && !args[0].equals("classify")) {
				throw new IllegalArgumentException("unexpected argument '" + options.get("").get(0) + "'");
			}
			return switch (args[0]) {
				case "train" -> train(options);
				case "evaluate" -> evaluate(options);
				case "import-model" -> importModel(options);
				case "classify" -> classify(options);
				default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
			};
		}
		catch (IllegalArgumentException ex) {
			this.log.println("error: " + ex.getMessage());
			this.log.println(USAGE);
			this.out.println(JSON.writeValueAsString(Map.of("error", String.valueOf(ex.getMessage()))));
			return 2;
		}
		catch (Exception ex) {
			ex.printStackTrace(this.log);
			this.out.println(JSON.writeValueAsString(Map.of("error", String.valueOf(ex.getMessage()))));
			return 1;
		}
	}

	private int train(Map<String, List<String>> options) throws IOException {
		Path corpusFile = corpusFile(options);
		List<String> fields = CorpusReader.parseFields(single(options, "fields", null));
		HyperParameters hp = HyperParameters.defaults().withKind(single(options, "kind", "auto"));
		if (options.containsKey("seed")) {
			hp = hp.with("seed", single(options, "seed", null));
		}
		for (String assignment : options.getOrDefault("set", List.of())) {
			int equals = assignment.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("--set takes name=value, not '" + assignment + "'");
			}
			hp = hp.with(assignment.substring(0, equals), assignment.substring(equals + 1));
		}
		List<LabeledText> corpus = CorpusReader.read(corpusFile, fields);
		long groups = corpus.stream().map(LabeledText::group).distinct().count();
		this.log.printf("read %d dialogues (%d persona groups) from %s, fields %s%n", corpus.size(), groups, corpusFile,
				String.join(",", fields));
		TrainingListener listener = this::printProgress;
		String cv = single(options, "cv", null);
		if (cv != null) {
			int folds = Integer.parseInt(cv);
			if (folds < 2) {
				throw new IllegalArgumentException("--cv needs at least 2 folds");
			}
			Map<String, Object> summary = CrossValidation.run(corpus, folds, hp, corpusFile.getFileName().toString(),
					fields, listener, fold -> this.log.printf(
							"fold %d: train %d, test %d, %s accuracy %.4f macro-F1 %.4f | baseline accuracy %.4f macro-F1 %.4f%n",
							fold.fold(), fold.trainSize(), fold.testSize(), fold.modelKind(), fold.model().accuracy(),
							fold.model().macroF1(), fold.baseline().accuracy(), fold.baseline().macroF1()));
			this.out.println(JSON.writeValueAsString(summary));
			return 0;
		}
		Path outDirectory = Path.of(required(options, "out"));
		try (EmotionModel model = new ModelTrainer(hp, listener).train(corpus, corpusFile.getFileName().toString(),
				fields)) {
			String version = single(options, "version", null);
			if (version != null) {
				model.renameVersion(version);
			}
			model.save(outDirectory);
			Evaluation metrics = model.card().metrics();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("version", model.version());
			result.put("kind", model.card().kind());
			result.put("out", outDirectory.toAbsolutePath().toString());
			result.put("accuracy", metrics.accuracy());
			result.put("macro_f1", metrics.macroF1());
			result.put("n", metrics.n());
			result.put("per_class", metrics.perClass());
			result.put("training", model.card().training());
			this.out.println(JSON.writeValueAsString(result));
		}
		return 0;
	}

	private int evaluate(Map<String, List<String>> options) throws IOException {
		Path modelDirectory = Path.of(required(options, "model"));
		if (!java.nio.file.Files.isRegularFile(modelDirectory.resolve("model.json"))) {
			// checked before the corpus is read, which can take minutes
			throw new IllegalArgumentException("--model " + modelDirectory + " is not a model directory (no model.json)");
		}
		Path corpusFile = corpusFile(options);
		List<String> fields = CorpusReader.parseFields(single(options, "fields", null));
		List<LabeledText> corpus = CorpusReader.read(corpusFile, fields);
		this.log.printf("read %d dialogues from %s, fields %s%n", corpus.size(), corpusFile, String.join(",", fields));
		try (EmotionModel model = ModelFiles.load(modelDirectory)) {
			this.log.printf("model %s (%s)%n", model.version(), model.card().kind());
			List<String> texts = corpus.stream().map(LabeledText::text).toList();
			float[][] scores = new float[texts.size()][];
			long started = System.nanoTime();
			for (int start = 0; start < texts.size(); start += 256) {
				int end = Math.min(texts.size(), start + 256);
				float[][] batch = model.predict(texts.subList(start, end));
				System.arraycopy(batch, 0, scores, start, batch.length);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			this.log.printf("classified %d texts in %.1f s (%.0f texts/s)%n", texts.size(), seconds,
					texts.size() / Math.max(seconds, 1e-9));
			Evaluation evaluation = Evaluation.of(corpus.stream().mapToInt(text -> text.label().ordinal()).toArray(),
					scores);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("model_version", model.version());
			result.put("accuracy", evaluation.accuracy());
			result.put("macro_f1", evaluation.macroF1());
			result.put("n", evaluation.n());
			result.put("per_class", evaluation.perClass());
			result.put("confusion", evaluation.confusion());
			this.out.println(JSON.writeValueAsString(result));
		}
		return 0;
	}

	private int importModel(Map<String, List<String>> options) throws IOException {
		Path from = Path.of(required(options, "from"));
		Path out = Path.of(required(options, "out"));
		ModelCard card = ModelImporter.importDirectory(from, out, single(options, "name", null));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("version", card.version());
		result.put("kind", card.kind());
		result.put("format", card.imported().format());
		result.put("out", out.toAbsolutePath().toString());
		result.put("labels", card.imported().labelMap());
		result.put("inputs", card.imported().inputs());
		result.put("max_length", card.imported().maxLength());
		result.put("sha256", card.imported().sha256());
		this.out.println(JSON.writeValueAsString(result));
		return 0;
	}

	/** One JSON line per text, in order, for any model kind. */
	private int classify(Map<String, List<String>> options) throws IOException {
		Path modelDirectory = Path.of(required(options, "model"));
		List<String> texts = new ArrayList<>(options.getOrDefault("", List.of()));
		String file = single(options, "file", null);
		if (file != null) {
			if (!texts.isEmpty()) {
				throw new IllegalArgumentException("give either --file or texts, not both");
			}
			if (!Files.isRegularFile(Path.of(file))) {
				throw new IllegalArgumentException("file not found: " + file);
			}
			Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
				.forEach(texts::add);
		}
		if (texts.isEmpty() || texts.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("nothing to classify: give --file FILE or one or more non-empty texts");
		}
		try (EmotionModel model = ModelFiles.load(modelDirectory)) {
			for (int start = 0; start < texts.size(); start += 256) {
				List<String> batch = texts.subList(start, Math.min(texts.size(), start + 256));
				float[][] scores = model.predict(batch);
				for (int i = 0; i < batch.size(); i++) {
					int best = 0;
					Map<String, Double> byEmotion = new LinkedHashMap<>();
					for (Emotion emotion : Emotion.ALL) {
						byEmotion.put(emotion.id(), (double) scores[i][emotion.ordinal()]);
						best = scores[i][emotion.ordinal()] > scores[i][best] ? emotion.ordinal() : best;
					}
					Map<String, Object> line = new LinkedHashMap<>();
					line.put("text", batch.get(i));
					line.put("label", Emotion.ALL.get(best).id());
					line.put("label_ko", Emotion.ALL.get(best).korean());
					line.put("scores", byEmotion);
					this.out.println(JSON.writeValueAsString(line));
				}
			}
		}
		return 0;
	}

	private void printProgress(TrainingProgress progress) {
		StringBuilder line = new StringBuilder();
		line.append(String.format("[%s] %s epoch %d/%d loss %.4f", progress.kind(), progress.phase(), progress.epoch(),
				progress.epochs(), progress.loss()));
		if (progress.validationLoss() != null) {
			line.append(String.format(" early-stopping loss %.4f accuracy %.4f", progress.validationLoss(),
					progress.validationAccuracy()));
		}
		line.append(String.format(" | %.0f examples/s, ETA %s", progress.examplesPerSecond(),
				progress.etaSeconds() < 0 ? "?" : Math.round(progress.etaSeconds()) + " s"));
		this.log.println(line);
	}

	private static Path corpusFile(Map<String, List<String>> options) {
		Path file = Path.of(required(options, "corpus"));
		if (!Files.isRegularFile(file) && !Files.isDirectory(file)) {
			throw new IllegalArgumentException("corpus file not found: " + file);
		}
		return file;
	}

	private static Map<String, List<String>> options(String[] args) {
		Map<String, List<String>> options = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				options.computeIfAbsent("", key -> new ArrayList<>()).add(args[i]);
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
			}
			options.computeIfAbsent(args[i].substring(2), key -> new ArrayList<>()).add(args[++i]);
		}
		return options;
	}

	private static String single(Map<String, List<String>> options, String name, String fallback) {
		List<String> values = options.get(name);
		return values == null ? fallback : values.get(values.size() - 1);
	}

	private static String required(Map<String, List<String>> options, String name) {
		String value = single(options, name, null);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}
}
