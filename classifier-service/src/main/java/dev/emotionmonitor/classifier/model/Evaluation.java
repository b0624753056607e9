package dev.emotionmonitor.classifier.model;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.emotionmonitor.common.emotion.Emotion;

/**
 * Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix (rows: true class, columns: predicted,
 * both in canonical order).
 */
public record Evaluation(double accuracy, double macroF1, int n, Map<String, ClassFigures> perClass,
		int[][] confusion) {

	public record ClassFigures(double precision, double recall, double f1, int support) {
	}

	public static Evaluation of(int[] truth, float[][] probabilities) {
		int[] predicted = new int[truth.length];
		for (int i = 0; i < truth.length; i++) {
			predicted[i] = argmax(probabilities[i]);
		}
		return of(truth, predicted);
	}

	public static Evaluation of(int[] truth, int[] predicted) {
		int[][] confusion = new int[Emotion.COUNT][Emotion.COUNT];
		int correct = 0;
		for (int i = 0; i < truth.length; i++) {
			confusion[truth[i]][predicted[i]]++;
			if (truth[i] == predicted[i]) {
				correct++;
			}
		}
		Map<String, ClassFigures> perClass = new LinkedHashMap<>();
		double f1Sum = 0;
		int classesPresent = 0;
		for (Emotion emotion : Emotion.ALL) {
			int c = emotion.ordinal();
			int truePositive = confusion[c][c];
			int support = 0;
			int predictedCount = 0;
			for (int k = 0; k < Emotion.COUNT; k++) {
				support += confusion[c][k];
				predictedCount += confusion[k][c];
			}
			double precision = predictedCount == 0 ? 0 : (double) truePositive / predictedCount;
			double recall = support == 0 ? 0 : (double) truePositive / support;
			double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
			perClass.put(emotion.id(), new ClassFigures(round(precision), round(recall), round(f1), support));
			if (support > 0) {
				f1Sum += f1;
				classesPresent++;
			}
		}
		double accuracy = truth.length == 0 ? 0 : (double) correct / truth.length;
		double macroF1 = classesPresent == 0 ? 0 : f1Sum / classesPresent;
		return new Evaluation(round(accuracy), round(macroF1), truth.length, perClass, confusion);
	}

	public static int argmax(float[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] > values[best]) {
				best = i;
			}
		}
		return best;
	}

	private static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}
}
