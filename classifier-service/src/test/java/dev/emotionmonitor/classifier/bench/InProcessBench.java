package dev.emotionmonitor.classifier.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.emotionmonitor.classifier.corpus.CorpusReader;
import dev.emotionmonitor.classifier.corpus.LabeledText;
import dev.emotionmonitor.classifier.model.DjlSetup;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.HyperParameters;
import dev.emotionmonitor.classifier.model.ModelFiles;
import dev.emotionmonitor.classifier.model.ModelTrainer;
import dev.emotionmonitor.classifier.model.TextPredictor;
import dev.emotionmonitor.classifier.model.TrainingListener;
import dev.emotionmonitor.classifier.support.TinyCorpus;
import dev.emotionmonitor.classifier.text.Morphemes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-process figures for the starter model and a transformer at its default size: single-text latency p50/p99,
 * texts/s at batch 1, 32 and 256 (with the service's worker count, one predictor each), training examples/s, and
 * achieved FLOP/s against the measured matrix-multiply FLOP/s of one thread.
 *
 * <pre>./mvnw -o -Pbench -pl classifier-service -am test -Dtest=InProcessBench</pre>
 */
@Tag("bench")
class InProcessBench {

	private static final int WORKERS = Integer.getInteger("bench.workers", 2);

	@Test
	void printFigures(@TempDir Path directory) throws Exception {
		DjlSetup.configure(1);
		List<LabeledText> corpus = corpus(directory);
		List<String> texts = corpus.stream().map(LabeledText::text).toList();
		System.out.printf("%n== in-process benchmark: %d texts (mean %.0f chars), %d worker threads, %d cores ==%n",
				texts.size(), texts.stream().mapToInt(String::length).average().orElse(0), WORKERS,
				Runtime.getRuntime().availableProcessors());
		double matmul = matmulFlops();
		System.out.printf("matrix multiply (512x512, 1 thread): %.2f GFLOP/s%n", matmul / 1e9);

		try (EmotionModel starter = ModelFiles.load(ModelFiles.copyFromClasspath("starter-model",
				directory.resolve("starter")))) {
			report("starter model " + starter.version() + " (" + starter.card().kind() + ")", starter, texts, matmul);
		}
		HyperParameters hp = HyperParameters.defaults().withKind("transformer").with("epochs", "2");
		long started = System.nanoTime();
		List<Object> figures = new ArrayList<>();
		try (EmotionModel transformer = new ModelTrainer(hp, TrainingListener.NONE).train(corpus, "bench",
				CorpusReader.DEFAULT_FIELDS)) {
			System.out.printf("transformer training (default size, 2 epochs, %d examples): %s examples/s, %.1f s%n",
					corpus.size(), ((java.util.Map<?, ?>) transformer.card().training().get("transformer"))
						.get("examples_per_second"), (System.nanoTime() - started) / 1e9);
			report("transformer (default size: d=64, 4 heads, 2 layers, ffn 128)", transformer, texts, matmul);
		}
		HyperParameters ngram = HyperParameters.defaults().withKind("ngram").with("epochs", "3");
		try (EmotionModel model = new ModelTrainer(ngram, TrainingListener.NONE).train(corpus, "bench",
				CorpusReader.DEFAULT_FIELDS)) {
			System.out.printf("ngram training (default size, 3 epochs): %s examples/s%n",
					((java.util.Map<?, ?>) model.card().training().get("ngram")).get("examples_per_second"));
		}
		figures.clear();
	}

	private static void report(String name, EmotionModel model, List<String> texts, double matmul)
			throws InterruptedException {
		System.out.println("-- " + name);
		try (TextPredictor predictor = model.newPredictor()) {
			for (int i = 0; i < 50; i++) {
				predictor.predict(List.of(texts.get(i % texts.size())));
			}
			long[] latencies = new long[400];
			for (int i = 0; i < latencies.length; i++) {
				long start = System.nanoTime();
				predictor.predict(List.of(texts.get(i % texts.size())));
				latencies[i] = System.nanoTime() - start;
			}
			Arrays.sort(latencies);
			System.out.printf("single text latency: p50 %.2f ms, p99 %.2f ms%n", latencies[199] / 1e6,
					latencies[395] / 1e6);
		}
		double tokens = texts.stream().limit(500).mapToInt(t -> Morphemes.of(Morphemes.normalize(t)).size()).average()
			.orElse(0);
		double features = tokens * 2 + texts.stream().limit(500).mapToInt(String::length).average().orElse(0) * 3;
		double flopsPerText = model.flopsPerText((int) tokens, (int) features);
		for (int batch : new int[] { 1, 32, 256 }) {
			double[] measured = throughput(model, texts, batch);
			double perSecond = measured[0];
			System.out.printf("batch %3d: %7.0f texts/s wall, %7.0f texts per worker CPU-second (x%d cores if idle = %.0f/s)"
					+ "  (%.2f MFLOP/text, achieved %.3f GFLOP/s = %.1f%% of %d x matmul)%n", batch, perSecond,
					measured[1], WORKERS, measured[1] * WORKERS, flopsPerText / 1e6, perSecond * flopsPerText / 1e9,
					100 * perSecond * flopsPerText / (matmul * WORKERS), WORKERS);
		}
	}

	/** Texts/s over wall time, and texts per CPU-second the workers actually got (contention-independent). */
	private static double[] throughput(EmotionModel model, List<String> texts, int batch) throws InterruptedException {
		int batchesPerWorker = Math.max(2, 2048 / batch / WORKERS);
		AtomicLong done = new AtomicLong();
		AtomicLong cpuNanos = new AtomicLong();
		CountDownLatch finished = new CountDownLatch(WORKERS);
		long start = System.nanoTime();
		for (int w = 0; w < WORKERS; w++) {
			int offset = w * 997;
			new Thread(() -> {
				long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
				try (TextPredictor predictor = model.newPredictor()) {
					for (int b = 0; b < batchesPerWorker; b++) {
						List<String> slice = new ArrayList<>(batch);
						for (int i = 0; i < batch; i++) {
							slice.add(texts.get((offset + b * batch + i) % texts.size()));
						}
						done.addAndGet(predictor.predict(slice).length);
					}
				}
				finally {
					cpuNanos.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
							- cpuStart);
					finished.countDown();
				}
			}).start();
		}
		finished.await();
		double wall = done.get() / ((System.nanoTime() - start) / 1e9);
		double perCpuSecond = done.get() / (cpuNanos.get() / 1e9);
		return new double[] { wall, perCpuSecond };
	}

	private static double matmulFlops() {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			int n = 512;
			NDArray a = manager.randomNormal(new Shape(n, n));
			NDArray b = manager.randomNormal(new Shape(n, n));
			for (int i = 0; i < 5; i++) {
				a.matMul(b).close();
			}
			int repeats = 40;
			long start = System.nanoTime();
			for (int i = 0; i < repeats; i++) {
				NDArray c = a.matMul(b);
				c.getFloat(0, 0);
				c.close();
			}
			return 2.0 * n * n * n * repeats / ((System.nanoTime() - start) / 1e9);
		}
	}

	private static List<LabeledText> corpus(Path directory) throws Exception {
		Path starter = Path.of("../corpus/starter/starter-corpus.json");
		if (Files.isRegularFile(starter)) {
			return CorpusReader.read(starter, CorpusReader.DEFAULT_FIELDS);
		}
		return CorpusReader.read(TinyCorpus.write(directory.resolve("tiny.json"), 100, 1), CorpusReader.DEFAULT_FIELDS);
	}
}
