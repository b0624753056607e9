package dev.emotionmonitor.classifier.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import dev.emotionmonitor.classifier.corpus.LabeledText;
import dev.emotionmonitor.classifier.text.Morphemes;
import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.job.JobProgress;

/**
 * Trains one network with Adam on class-weighted, label-smoothed cross-entropy, stops early when the loss on the
 * early-stopping split has not improved for {@code patience} epochs and keeps the parameters of the best epoch.
 */
final class NetworkTrainer {

	private final HyperParameters hp;

	private final TrainingListener listener;

	private final RunClock clock;

	NetworkTrainer(HyperParameters hp, TrainingListener listener, RunClock clock) {
		this.hp = hp;
		this.listener = listener;
		this.clock = clock;
	}

	/** Shared by the networks of one run, so progress and ETA cover the whole run. */
	static final class RunClock {

		final long started = System.nanoTime();

		long examplesDone;

		long examplesPlanned;

		/** Rate and ETA as every job reports them. */
		JobProgress progress() {
			return new JobProgress(this.examplesDone, this.examplesPlanned, (System.nanoTime() - this.started) / 1e9);
		}

		double rate() {
			return progress().ratePerSecond();
		}

		/** Seconds left, -1 while unknown. */
		double eta() {
			Double eta = progress().etaSeconds();
			return eta == null ? -1 : eta;
		}
	}

	/** The same trainer (listener, progress clock) with other hyper-parameters, e.g. fixed epochs for a refit. */
	NetworkTrainer with(HyperParameters other) {
		return new NetworkTrainer(other, this.listener, this.clock);
	}

	RunClock clock() {
		return this.clock;
	}

	static int epochsOf(String kind, HyperParameters hp) {
		return switch (kind) {
			case "linear" -> hp.linearEpochs();
			case "ngram" -> hp.ngramEpochs();
			default -> hp.transformerEpochs();
		};
	}

	NetworkModel train(String kind, List<LabeledText> fit, List<LabeledText> stop) {
		Engine.getEngine("PyTorch").setRandomSeed((int) this.hp.seed());
		List<String> fitTexts = fit.stream().map(text -> Morphemes.normalize(text.text())).toList();
		TextEncoder encoder;
		Block network;
		if (kind.equals("linear")) {
			encoder = HashedNgrams.fit(fitTexts, this.hp.ngramMinCount(), this.hp.ngramMaxRows(),
					this.hp.maxFeatures()).distinct();
			int[][] documents = fitTexts.stream().map(encoder::encode).toArray(int[][]::new);
			network = new LinearNetwork(encoder.rows(), LinearNetwork.idf(encoder.rows(), documents));
		}
		else if (kind.equals("ngram")) {
			encoder = HashedNgrams.fit(fitTexts, this.hp.ngramMinCount(), this.hp.ngramMaxRows(),
					this.hp.maxFeatures());
			network = new NgramNetwork(encoder.rows(), this.hp.ngramDimension(), (float) this.hp.ngramDropout());
		}
		else {
			encoder = MorphemeVocabulary.fit(fitTexts, this.hp.vocabularyMinCount(), this.hp.vocabularyMaxSize(),
					this.hp.maxLength());
			network = new TransformerNetwork(encoder.rows(), TransformerSize.of(this.hp));
		}
		int[][] fitIds = fitTexts.stream().map(encoder::encode).toArray(int[][]::new);
		int[] fitLabels = fit.stream().mapToInt(text -> text.label().ordinal()).toArray();
		int[][] stopIds = stop.stream().map(text -> encoder.encode(Morphemes.normalize(text.text()))).toArray(int[][]::new);
		int[] stopLabels = stop.stream().mapToInt(text -> text.label().ordinal()).toArray();

		int epochs = epochsOf(kind, this.hp);
		int batchSize = this.hp.batchSize();
		long stepsPerEpoch = (fitIds.length + batchSize - 1) / batchSize;
		Tracker schedule = kind.equals("linear")
				? LearningRateSchedule.linearDecay((float) this.hp.linearLearningRate(), stepsPerEpoch * epochs)
				: kind.equals("ngram")
				? LearningRateSchedule.linearDecay((float) this.hp.ngramLearningRate(), stepsPerEpoch * epochs)
				: LearningRateSchedule.warmUpInverseSqrt((float) this.hp.transformerLearningRate(),
						// a small corpus would otherwise spend all its updates warming up
						(int) Math.max(1, Math.min(this.hp.warmupSteps(), stepsPerEpoch * epochs / 10)));
		float[] classWeights = classWeights(fitLabels);

		Model model = Model.newInstance(kind, Device.cpu(), "PyTorch");
		model.setBlock(network);
		DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
			.optOptimizer(Adam.builder()
				.optLearningRateTracker(schedule)
				// the linear model's L2 penalty, as in logistic regression; the networks rely on dropout
				.optWeightDecays(kind.equals("linear") ? (float) this.hp.linearWeightDecay() : 0f)
				.build());
		Map<String, Object> figures = new LinkedHashMap<>();
		try (Trainer trainer = model.newTrainer(config)) {
			trainer.initialize(new Shape(batchSize, 8), new Shape(batchSize, 8));
			Random random = new Random(this.hp.seed());
			Integer[] order = new Integer[fitIds.length];
			Arrays.setAll(order, i -> i);
			double bestLoss = Double.POSITIVE_INFINITY;
			int bestEpoch = 0;
			byte[] bestParameters = null;
			int epochsWithoutImprovement = 0;
			int epoch = 0;
			double trainingSeconds = 0;
			long trainedExamples = 0;
			while (epoch < epochs) {
				epoch++;
				java.util.Collections.shuffle(Arrays.asList(order), random);
				double lossSum = 0;
				long epochStart = System.nanoTime();
				for (int start = 0; start < order.length; start += batchSize) {
					if (this.listener.cancelled()) {
						model.close();
						throw new TrainingCancelledException();
					}
					int end = Math.min(order.length, start + batchSize);
					List<int[]> batch = new ArrayList<>(end - start);
					float[] target = new float[(end - start) * Emotion.COUNT];
					double weightSum = 0;
					for (int i = start; i < end; i++) {
						weightSum += classWeights[fitLabels[order[i]]];
					}
					float smoothing = (float) this.hp.labelSmoothing();
					for (int i = start; i < end; i++) {
						int example = order[i];
						batch.add(fitIds[example]);
						float weight = (float) (classWeights[fitLabels[example]] / weightSum);
						for (int c = 0; c < Emotion.COUNT; c++) {
							float truth = c == fitLabels[example] ? 1f - smoothing : 0f;
							target[(i - start) * Emotion.COUNT + c] = weight * (truth + smoothing / Emotion.COUNT);
						}
					}
					try (NDManager batchManager = trainer.getManager().newSubManager()) {
						NDList inputs = TextEncoder.toInputs(batchManager, batch);
						NDArray targetArray = batchManager.create(target, new Shape(end - start, Emotion.COUNT));
						try (GradientCollector collector = trainer.newGradientCollector()) {
							NDArray logits = trainer.forward(inputs).singletonOrThrow();
							NDArray loss = logits.logSoftmax(1).mul(targetArray).sum().neg();
							collector.backward(loss);
							lossSum += loss.getFloat() * (end - start);
						}
						trainer.step();
					}
					this.clock.examplesDone += end - start;
					if ((start / batchSize) % 20 == 19) {
						report("training", kind, epoch, epochs, lossSum / (end), null, null);
					}
				}
				trainingSeconds += (System.nanoTime() - epochStart) / 1e9;
				trainedExamples += order.length;
				double trainLoss = lossSum / Math.max(1, order.length);
				if (stopIds.length == 0) {
					bestEpoch = epoch;
					report("training", kind, epoch, epochs, trainLoss, null, null);
					continue;
				}
				float[][] probabilities = evaluate(trainer, stopIds);
				double stopLoss = crossEntropy(probabilities, stopLabels);
				double stopAccuracy = Evaluation.of(stopLabels, probabilities).accuracy();
				report("validating", kind, epoch, epochs, trainLoss, stopLoss, stopAccuracy);
				if (stopLoss < bestLoss - 1e-4) {
					bestLoss = stopLoss;
					bestEpoch = epoch;
					bestParameters = parameters(network);
					epochsWithoutImprovement = 0;
				}
				else if (++epochsWithoutImprovement >= this.hp.patience()) {
					break;
				}
			}
			// the run ended early: the planned examples of the epochs not run will never come
			this.clock.examplesPlanned -= (long) (epochs - epoch) * order.length;
			if (bestParameters != null && bestEpoch != epoch) {
				restore(network, model.getNDManager(), bestParameters);
			}
			figures.put("epochs_run", epoch);
			figures.put("best_epoch", bestEpoch);
			figures.put("early_stopping_loss", Double.isInfinite(bestLoss) ? null : round(bestLoss));
			figures.put("examples_per_second", round(trainedExamples / Math.max(1e-9, trainingSeconds)));
			figures.put("rows", encoder.rows());
		}
		catch (TrainingCancelledException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			model.close();
			throw ex;
		}
		ModelCard card = new ModelCard(1, kind, kind, kind, Instant.now(), null, null, Emotion.ids(),
				Emotion.koreanNames(), this.hp, null, figures, null, List.of());
		return new NetworkModel(model, encoder, card);
	}

	private float[][] evaluate(Trainer trainer, int[][] ids) {
		float[][] probabilities = new float[ids.length][];
		for (int start = 0; start < ids.length; start += 256) {
			int end = Math.min(ids.length, start + 256);
			try (NDManager batchManager = trainer.getManager().newSubManager()) {
				NDList inputs = TextEncoder.toInputs(batchManager, Arrays.asList(ids).subList(start, end));
				float[] flat = trainer.evaluate(inputs).singletonOrThrow().softmax(1).toFloatArray();
				for (int i = start; i < end; i++) {
					probabilities[i] = Arrays.copyOfRange(flat, (i - start) * Emotion.COUNT,
							(i - start + 1) * Emotion.COUNT);
				}
			}
		}
		return probabilities;
	}

	/** Inverse class frequency, normalised to a mean of 1 over examples and capped at 5. */
	private float[] classWeights(int[] labels) {
		float[] weights = new float[Emotion.COUNT];
		Arrays.fill(weights, 1f);
		if (!this.hp.classWeights() || labels.length == 0) {
			return weights;
		}
		int[] counts = new int[Emotion.COUNT];
		for (int label : labels) {
			counts[label]++;
		}
		int present = (int) Arrays.stream(counts).filter(count -> count > 0).count();
		for (int c = 0; c < Emotion.COUNT; c++) {
			weights[c] = counts[c] == 0 ? 1f
					: Math.min(5f, (float) labels.length / (present * (float) counts[c]));
		}
		return weights;
	}

	static double crossEntropy(float[][] probabilities, int[] labels) {
		double sum = 0;
		for (int i = 0; i < labels.length; i++) {
			sum -= Math.log(Math.max(1e-7, probabilities[i][labels[i]]));
		}
		return labels.length == 0 ? 0 : sum / labels.length;
	}

	private void report(String phase, String kind, int epoch, int epochs, double loss, Double stopLoss,
			Double stopAccuracy) {
		this.listener.progress(new TrainingProgress(phase, kind, epoch, epochs, this.clock.examplesDone,
				this.clock.examplesPlanned, round(loss), stopLoss == null ? null : round(stopLoss), stopAccuracy,
				round(this.clock.rate()), round(this.clock.eta())));
	}

	private static byte[] parameters(Block network) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			network.saveParameters(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void restore(Block network, NDManager manager, byte[] parameters) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
			network.loadParameters(manager, in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (MalformedModelException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}
}
