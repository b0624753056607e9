package dev.emotionmonitor.classifier.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/**
 * Runs encoded texts through a predictor in chunks of similar length and answers in the input order: padding every
 * text of a 256-text batch to its longest wastes most of the batch's work on padding.
 */
final class LengthSortedChunks {

	private LengthSortedChunks() {
	}

	static <T> float[][] predict(Predictor<List<T>, float[][]> predictor, List<T> encoded, ToIntFunction<T> length,
			int chunkSize) {
		Integer[] order = new Integer[encoded.size()];
		Arrays.setAll(order, i -> i);
		Arrays.sort(order, Comparator.comparingInt(i -> length.applyAsInt(encoded.get(i))));
		float[][] results = new float[encoded.size()][];
		try {
			for (int start = 0; start < order.length; start += chunkSize) {
				int end = Math.min(order.length, start + chunkSize);
				List<T> chunk = new ArrayList<>(end - start);
				for (int k = start; k < end; k++) {
					chunk.add(encoded.get(order[k]));
				}
				float[][] part = predictor.predict(chunk);
				for (int k = start; k < end; k++) {
					results[order[k]] = part[k - start];
				}
			}
		}
		catch (TranslateException ex) {
			throw new IllegalStateException("prediction failed: " + ex.getMessage(), ex);
		}
		return results;
	}
}
