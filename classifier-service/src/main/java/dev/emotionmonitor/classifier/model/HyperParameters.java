package dev.emotionmonitor.classifier.model;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything that shapes a training run. Defaults suit a corpus of tens of thousands of dialogues on a 2-core CPU;
 * {@link #with(Map)} overrides any of them by its snake_case name.
 *
 * @param kind {@code linear}, {@code ngram}, {@code transformer} or {@code auto} (train all three, keep the best one
 *             or ensemble, judged on the early-stopping split)
 * @param holdOutFraction share of groups held out for the reported evaluation (grouped: a persona never on both sides)
 * @param earlyStoppingFraction share of the training groups used for early stopping and for the auto choice
 */
public record HyperParameters(String kind, long seed, int batchSize, int patience, boolean classWeights,
		double labelSmoothing, double holdOutFraction, double earlyStoppingFraction, int ngramEpochs,
		double ngramLearningRate, int ngramDimension, int ngramMinCount, int ngramMaxRows, int maxFeatures,
		double ngramDropout, int transformerEpochs, double transformerLearningRate, int warmupSteps,
		int transformerDimension, int transformerHeads, int transformerLayers, int transformerFeedForward,
		int maxLength, double transformerDropout, int vocabularyMinCount, int vocabularyMaxSize, int linearEpochs,
		double linearLearningRate, double linearWeightDecay) {

	/** The networks there are, in the order {@code auto} trains them. */
	public static final java.util.List<String> KINDS = java.util.List.of("linear", "ngram", "transformer");

	public static HyperParameters defaults() {
		return new HyperParameters("auto", 42, 32, 3, true, 0.05, 0.2, 0.12, 25, 0.01, 64, 2, 300_000, 1024, 0.2, 30,
				0.001, 200, 64, 4, 2, 128, 64, 0.1, 2, 30_000, 30, 0.02, 1e-5);
	}

	/** A copy with the given values (keys in snake_case, values as numbers, booleans or strings). */
	public HyperParameters with(Map<String, ?> overrides) {
		HyperParameters hp = this;
		for (Map.Entry<String, ?> entry : overrides.entrySet()) {
			hp = hp.with(entry.getKey(), String.valueOf(entry.getValue()));
		}
		return hp;
	}

	public HyperParameters with(String name, String value) {
		Function<String, Integer> i = Integer::parseInt;
		Function<String, Double> d = Double::parseDouble;
		try {
			return switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
				case "kind" -> withKind(value);
				case "seed" -> copy(Long.parseLong(value), null, null);
				case "batch_size" -> copy(null, "batchSize", positive(i.apply(value), name));
				case "patience" -> copy(null, "patience", positive(i.apply(value), name));
				case "class_weights" -> copy(null, "classWeights", Boolean.parseBoolean(value));
				case "label_smoothing" -> copy(null, "labelSmoothing", fraction(d.apply(value), name));
				case "hold_out_fraction" -> copy(null, "holdOutFraction", fraction(d.apply(value), name));
				case "early_stopping_fraction" -> copy(null, "earlyStoppingFraction", fraction(d.apply(value), name));
				case "epochs" -> copy(null, "ngramEpochs", positive(i.apply(value), name))
					.copy(null, "transformerEpochs", positive(i.apply(value), name))
					.copy(null, "linearEpochs", positive(i.apply(value), name));
				case "linear_epochs" -> copy(null, "linearEpochs", positive(i.apply(value), name));
				case "linear_learning_rate" -> copy(null, "linearLearningRate", d.apply(value));
				case "linear_weight_decay" -> copy(null, "linearWeightDecay", d.apply(value));
				case "ngram_epochs" -> copy(null, "ngramEpochs", positive(i.apply(value), name));
				case "ngram_learning_rate" -> copy(null, "ngramLearningRate", d.apply(value));
				case "ngram_dimension" -> copy(null, "ngramDimension", positive(i.apply(value), name));
				case "ngram_min_count" -> copy(null, "ngramMinCount", positive(i.apply(value), name));
				case "ngram_max_rows" -> copy(null, "ngramMaxRows", positive(i.apply(value), name));
				case "max_features" -> copy(null, "maxFeatures", positive(i.apply(value), name));
				case "ngram_dropout" -> copy(null, "ngramDropout", fraction(d.apply(value), name));
				case "transformer_epochs" -> copy(null, "transformerEpochs", positive(i.apply(value), name));
				case "transformer_learning_rate" -> copy(null, "transformerLearningRate", d.apply(value));
				case "warmup_steps" -> copy(null, "warmupSteps", positive(i.apply(value), name));
				case "transformer_dimension" -> copy(null, "transformerDimension", positive(i.apply(value), name));
				case "transformer_heads" -> copy(null, "transformerHeads", positive(i.apply(value), name));
				case "transformer_layers" -> copy(null, "transformerLayers", positive(i.apply(value), name));
				case "transformer_feed_forward" -> copy(null, "transformerFeedForward", positive(i.apply(value), name));
				case "max_length" -> copy(null, "maxLength", positive(i.apply(value), name));
				case "transformer_dropout" -> copy(null, "transformerDropout", fraction(d.apply(value), name));
				case "vocabulary_min_count" -> copy(null, "vocabularyMinCount", positive(i.apply(value), name));
				case "vocabulary_max_size" -> copy(null, "vocabularyMaxSize", positive(i.apply(value), name));
				default -> throw new IllegalArgumentException("unknown hyper-parameter '" + name + "'");
			};
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("hyper-parameter '" + name + "' is not a number: " + value);
		}
	}

	public HyperParameters withKind(String value) {
		String kind = value.toLowerCase(Locale.ROOT);
		if (!KINDS.contains(kind) && !kind.equals("auto")) {
			throw new IllegalArgumentException("kind must be auto, linear, ngram or transformer, not '" + value + "'");
		}
		return copy(null, "kind:" + kind, null);
	}

	private static int positive(int value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException("hyper-parameter '" + name + "' must be positive");
		}
		return value;
	}

	private static double fraction(double value, String name) {
		if (value < 0 || value >= 1) {
			throw new IllegalArgumentException("hyper-parameter '" + name + "' must be in [0, 1)");
		}
		return value;
	}

	/** Rebuilds the record with one component replaced (by component name) and/or a new seed. */
	private HyperParameters copy(Long newSeed, String component, Object value) {
		var components = HyperParameters.class.getRecordComponents();
		Object[] values = new Object[components.length];
		try {
			for (int c = 0; c < components.length; c++) {
				values[c] = components[c].getAccessor().invoke(this);
				if (component != null && component.startsWith("kind:") && components[c].getName().equals("kind")) {
					values[c] = component.substring(5);
				}
				else if (components[c].getName().equals(component)) {
					values[c] = value;
				}
				else if (newSeed != null && components[c].getName().equals("seed")) {
					values[c] = newSeed;
				}
			}
			Class<?>[] types = java.util.Arrays.stream(components).map(r -> r.getType()).toArray(Class<?>[]::new);
			return HyperParameters.class.getDeclaredConstructor(types).newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
