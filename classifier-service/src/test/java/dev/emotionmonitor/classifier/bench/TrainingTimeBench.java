package dev.emotionmonitor.classifier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.emotionmonitor.classifier.corpus.CorpusReader;
import dev.emotionmonitor.classifier.corpus.LabeledText;
import dev.emotionmonitor.classifier.model.DjlSetup;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.HyperParameters;
import dev.emotionmonitor.classifier.model.ModelTrainer;
import dev.emotionmonitor.classifier.model.TrainingListener;
import dev.emotionmonitor.common.emotion.Emotion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long {@code train --kind auto} takes with default settings, on the starter corpus and on a generated corpus the
 * size of AI Hub's (50,000 dialogues: each one two or three sentences of the same class drawn from different
 * starter dialogues, in persona blocks of three). Prints the hardware and the figures of each kind.
 *
 * <pre>./mvnw -o -Pbench -pl classifier-service -am test -Dtest=TrainingTimeBench [-Dbench.dialogues=50000]</pre>
 */
@Tag("bench")
class TrainingTimeBench {

	private static final Path STARTER = Path.of("../corpus/starter/starter-corpus-2.json");

	@Test
	void autoTrainingTime() throws IOException {
		DjlSetup.configure(Runtime.getRuntime().availableProcessors());
		System.out.printf("%n== training time, kind auto, default hyper-parameters: %s, %d cores ==%n", cpu(),
				Runtime.getRuntime().availableProcessors());
		List<LabeledText> starter = CorpusReader.read(STARTER, CorpusReader.DEFAULT_FIELDS);
		time("starter corpus, 2nd edition", starter);
		time("generated", generate(starter, Integer.getInteger("bench.dialogues", 50_000), 42));
	}

	private static void time(String name, List<LabeledText> corpus) {
		long started = System.nanoTime();
		try (EmotionModel model = new ModelTrainer(HyperParameters.defaults(), TrainingListener.NONE).train(corpus,
				name, CorpusReader.DEFAULT_FIELDS)) {
			double seconds = (System.nanoTime() - started) / 1e9;
			Map<String, Object> training = model.card().training();
			System.out.printf("%s: %,d dialogues, %.0f s wall, chose %s, held-out accuracy %.4f%n", name, corpus.size(),
					seconds, ((Map<?, ?>) training.get("selection")).get("chosen"), model.card().metrics().accuracy());
			for (String kind : HyperParameters.KINDS) {
				System.out.printf("  %-11s %s%n", kind, training.get(kind));
			}
			System.out.printf("  refit       %s%n", training.get("refit"));
		}
	}

	/** Dialogues of one class recombined from sentences of that class's starter dialogues. */
	static List<LabeledText> generate(List<LabeledText> starter, int size, long seed) {
		Map<Emotion, List<String>> sentences = new EnumMap<>(Emotion.class);
		for (LabeledText text : starter) {
			for (String sentence : text.text().split("(?<=[.!?ㅠ])\\s+")) {
				sentences.computeIfAbsent(text.label(), label -> new ArrayList<>()).add(sentence.strip());
			}
		}
		Random random = new Random(seed);
		List<LabeledText> corpus = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			Emotion label = Emotion.ALL.get(random.nextInt(Emotion.COUNT));
			List<String> pool = sentences.get(label);
			StringBuilder text = new StringBuilder();
			for (int s = 2 + random.nextInt(2); s > 0; s--) {
				text.append(pool.get(random.nextInt(pool.size()))).append(' ');
			}
			corpus.add(new LabeledText(text.toString().strip(), label, "generated-" + i / 3, "E" + (label.ordinal() + 1) + "0"));
		}
		return corpus;
	}

	private static String cpu() throws IOException {
		Path info = Path.of("/proc/cpuinfo");
		if (!Files.isReadable(info)) {
			return System.getProperty("os.arch");
		}
		return Files.readAllLines(info).stream().filter(line -> line.startsWith("model name")).findFirst()
			.map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(System.getProperty("os.arch"));
	}
}
