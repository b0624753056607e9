package dev.emotionmonitor.classifier.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.emotionmonitor.classifier.model.DjlSetup;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.ModelFiles;
import dev.emotionmonitor.classifier.model.ModelImporter;
import dev.emotionmonitor.classifier.model.TextPredictor;
import dev.emotionmonitor.classifier.support.ImportedFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A randomly initialised BERT-base-sized classifier (12 layers, hidden 768, 110 M parameters) imported as ONNX and as
 * TorchScript: texts/s at batch 1, 8 and 32, p50/p99 latency of one text, and the achieved share of the machine's
 * matrix-multiply FLOP/s (both engines use every core). Make the model first (not committed, ~440 MB a format):
 *
 * <pre>
 * /usr/bin/python3 classifier-service/scripts/imported_fixtures.py --bench /tmp/bert-base
 * ./mvnw -o -Pbench -pl classifier-service test -Dtest=ImportedModelBench [-Dbench.imported=/tmp/bert-base]
 * </pre>
 */
@Tag("bench")
class ImportedModelBench {

	private static final Path SOURCE = Path.of(System.getProperty("bench.imported", "/tmp/bert-base"));

	@Test
	void printFigures(@TempDir Path directory) throws Exception {
		Assumptions.assumeTrue(Files.isDirectory(SOURCE.resolve("onnx")),
				"no BERT-base export in " + SOURCE + "; make it with scripts/imported_fixtures.py --bench " + SOURCE);
		int cores = Runtime.getRuntime().availableProcessors();
		DjlSetup.configure(cores);
		List<String> texts = texts();
		double matmul = matmulFlops();
		System.out.printf("%n== imported BERT-base-sized encoder (12 x 768), %d cores, %d texts ==%n", cores,
				texts.size());
		System.out.printf("matrix multiply (1024x1024, PyTorch, %d threads, best of 5): %.2f GFLOP/s; load average %.1f%n",
				cores, matmul / 1e9, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		for (String format : List.of("onnx", "torchscript")) {
			Path out = directory.resolve(format);
			long started = System.nanoTime();
			ModelImporter.importDirectory(SOURCE.resolve(format), out, "bench-" + format);
			System.out.printf("-- %s (import and check %.1f s)%n", format, (System.nanoTime() - started) / 1e9);
			try (EmotionModel model = ModelFiles.load(out); TextPredictor predictor = model.newPredictor()) {
				int tokens = meanTokens(texts);
				double flopsPerText = model.flopsPerText(tokens, 0);
				for (int i = 0; i < 5; i++) {
					predictor.predict(texts.subList(0, 8));
				}
				long[] latencies = new long[60];
				for (int i = 0; i < latencies.length; i++) {
					long start = System.nanoTime();
					predictor.predict(List.of(texts.get(i % texts.size())));
					latencies[i] = System.nanoTime() - start;
				}
				Arrays.sort(latencies);
				System.out.printf("   one text (~%d tokens): p50 %.1f ms, p99 %.1f ms; model %.2f GFLOP per text%n", tokens,
						latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 99 / 100] / 1e6,
						flopsPerText / 1e9);
				for (int batch : new int[] { 1, 8, 32 }) {
					int done = 0;
					long start = System.nanoTime();
					while (done < 96 || System.nanoTime() - start < 5_000_000_000L) {
						int from = done % (texts.size() - batch);
						predictor.predict(texts.subList(from, from + batch));
						done += batch;
					}
					double perSecond = done / ((System.nanoTime() - start) / 1e9);
					System.out.printf("   batch %2d: %6.1f texts/s, %.1f GFLOP/s = %.0f %% of the matmul rate%n", batch,
							perSecond, perSecond * flopsPerText / 1e9, 100 * perSecond * flopsPerText / matmul);
				}
			}
		}
	}

	/** Reflection-like texts of the fixture's words, 10–40 words each (about 20–70 tokens). */
	private static List<String> texts() {
		List<String> words = new ArrayList<>();
		ImportedFixtures.expected().forEach(e -> words.addAll(Arrays.asList(e.text().split(" "))));
		Random random = new Random(42);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 256; i++) {
			StringBuilder text = new StringBuilder();
			int count = 10 + random.nextInt(31);
			for (int w = 0; w < count; w++) {
				text.append(words.get(random.nextInt(words.size()))).append(' ');
			}
			texts.add(text.toString().trim());
		}
		return texts;
	}

	private static int meanTokens(List<String> texts) throws java.io.IOException {
		try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
			.optTokenizerPath(SOURCE.resolve("onnx/tokenizer.json"))
			.build()) {
			return (int) Math.round(texts.stream().mapToInt(t -> tokenizer.encode(t).getIds().length).average().orElse(0));
		}
	}

	private static double matmulFlops() {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			int n = 1024;
			NDArray a = manager.randomNormal(new Shape(n, n));
			NDArray b = manager.randomNormal(new Shape(n, n));
			for (int i = 0; i < 3; i++) {
				a.matMul(b).close();
			}
			// best of five rounds: the machine is shared, and the peak is what the model's share is measured against
			double best = 0;
			for (int round = 0; round < 5; round++) {
				int repeats = 10;
				long start = System.nanoTime();
				for (int i = 0; i < repeats; i++) {
					NDArray c = a.matMul(b);
					c.getFloat(0, 0);
					c.close();
				}
				best = Math.max(best, 2.0 * n * n * n * repeats / ((System.nanoTime() - start) / 1e9));
			}
			return best;
		}
	}
}
