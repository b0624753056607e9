package dev.emotionmonitor.classifier.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.emotionmonitor.classifier.text.Morphemes;
import dev.emotionmonitor.common.emotion.Emotion;

/**
 * The reference baseline: character 1–3-gram TF-IDF (sublinear tf, smoothed idf, L2-normalised rows) and a
 * multinomial logistic regression with balanced class weights and a small L2 penalty, trained by AdaGrad SGD.
 * Plain Java, so the comparison does not depend on our DJL code.
 */
public final class TfidfLogisticRegression {

	private final Map<String, Integer> vocabulary;

	private final float[] idf;

	private final float[] weights;

	private final float[] bias = new float[Emotion.COUNT];

	private TfidfLogisticRegression(Map<String, Integer> vocabulary, float[] idf) {
		this.vocabulary = vocabulary;
		this.idf = idf;
		this.weights = new float[vocabulary.size() * Emotion.COUNT];
	}

	public static TfidfLogisticRegression fit(List<String> texts, int[] labels, long seed) {
		List<Map<String, Integer>> counts = texts.stream().map(TfidfLogisticRegression::grams).toList();
		Map<String, Integer> documentFrequency = new HashMap<>();
		counts.forEach(document -> document.keySet().forEach(gram -> documentFrequency.merge(gram, 1, Integer::sum)));
		int minDf = texts.size() >= 1000 ? 2 : 1;
		Map<String, Integer> vocabulary = new HashMap<>();
		documentFrequency.entrySet()
			.stream()
			.filter(entry -> entry.getValue() >= minDf)
			.map(Map.Entry::getKey)
			.sorted()
			.forEach(gram -> vocabulary.put(gram, vocabulary.size()));
		float[] idf = new float[vocabulary.size()];
		vocabulary.forEach((gram, index) -> idf[index] = (float) (Math.log((1.0 + texts.size())
				/ (1.0 + documentFrequency.get(gram))) + 1));
		TfidfLogisticRegression model = new TfidfLogisticRegression(vocabulary, idf);
		List<Sparse> rows = counts.stream().map(model::vector).toList();
		model.train(rows, labels, seed);
		return model;
	}

	public float[][] predict(List<String> texts) {
		float[][] scores = new float[texts.size()][];
		for (int i = 0; i < texts.size(); i++) {
			scores[i] = probabilities(vector(grams(texts.get(i))));
		}
		return scores;
	}

	private void train(List<Sparse> rows, int[] labels, long seed) {
		int[] classCounts = new int[Emotion.COUNT];
		for (int label : labels) {
			classCounts[label]++;
		}
		int present = (int) Arrays.stream(classCounts).filter(count -> count > 0).count();
		float[] classWeight = new float[Emotion.COUNT];
		for (int c = 0; c < Emotion.COUNT; c++) {
			classWeight[c] = classCounts[c] == 0 ? 0 : (float) labels.length / (present * classCounts[c]);
		}
		float[] squaredGradients = new float[this.weights.length];
		float[] biasSquaredGradients = new float[Emotion.COUNT];
		float learningRate = 0.5f;
		float l2 = 1e-5f;
		Integer[] order = new Integer[rows.size()];
		Arrays.setAll(order, i -> i);
		Random random = new Random(seed);
		for (int epoch = 0; epoch < 15; epoch++) {
			java.util.Collections.shuffle(Arrays.asList(order), random);
			for (int example : order) {
				Sparse row = rows.get(example);
				float[] p = probabilities(row);
				for (int c = 0; c < Emotion.COUNT; c++) {
					float error = classWeight[labels[example]] * (p[c] - (c == labels[example] ? 1f : 0f));
					for (int k = 0; k < row.indices.length; k++) {
						int w = row.indices[k] * Emotion.COUNT + c;
						float gradient = error * row.values[k] + l2 * this.weights[w];
						squaredGradients[w] += gradient * gradient;
						this.weights[w] -= learningRate * gradient / (float) Math.sqrt(squaredGradients[w] + 1e-8f);
					}
					biasSquaredGradients[c] += error * error;
					this.bias[c] -= learningRate * error / (float) Math.sqrt(biasSquaredGradients[c] + 1e-8f);
				}
			}
		}
	}

	private float[] probabilities(Sparse row) {
		float[] logits = this.bias.clone();
		for (int k = 0; k < row.indices.length; k++) {
			int base = row.indices[k] * Emotion.COUNT;
			for (int c = 0; c < Emotion.COUNT; c++) {
				logits[c] += this.weights[base + c] * row.values[k];
			}
		}
		float max = Float.NEGATIVE_INFINITY;
		for (float logit : logits) {
			max = Math.max(max, logit);
		}
		float sum = 0;
		for (int c = 0; c < Emotion.COUNT; c++) {
			logits[c] = (float) Math.exp(logits[c] - max);
			sum += logits[c];
		}
		for (int c = 0; c < Emotion.COUNT; c++) {
			logits[c] /= sum;
		}
		return logits;
	}

	private Sparse vector(Map<String, Integer> counts) {
		List<int[]> kept = new ArrayList<>();
		counts.forEach((gram, count) -> {
			Integer index = this.vocabulary.get(gram);
			if (index != null) {
				kept.add(new int[] { index, count });
			}
		});
		int[] indices = new int[kept.size()];
		float[] values = new float[kept.size()];
		double norm = 0;
		for (int k = 0; k < kept.size(); k++) {
			indices[k] = kept.get(k)[0];
			values[k] = (float) ((1 + Math.log(kept.get(k)[1])) * this.idf[indices[k]]);
			norm += values[k] * values[k];
		}
		float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
		for (int k = 0; k < values.length; k++) {
			values[k] *= scale;
		}
		return new Sparse(indices, values);
	}

	private static Map<String, Integer> grams(String text) {
		String chars = "_" + Morphemes.normalize(text).replace(' ', '_') + "_";
		Map<String, Integer> counts = new HashMap<>();
		for (int n = 1; n <= 3; n++) {
			for (int start = 0; start + n <= chars.length(); start++) {
				String gram = chars.substring(start, start + n);
				if (!gram.chars().allMatch(c -> c == '_')) {
					counts.merge(gram, 1, Integer::sum);
				}
			}
		}
		return counts;
	}

	private record Sparse(int[] indices, float[] values) {
	}
}
