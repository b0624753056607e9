package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Turns a text into the row ids a network embeds; the mapping is learnt from the training split and saved. */
public abstract class TextEncoder {

	/** Row 0 is padding in every encoder. */
	static final int PAD = 0;

	abstract int[] encode(String normalizedText);

	abstract int rows();

	abstract void save(Path directory) throws IOException;

	/** Pads a batch into {@code ids [B, L]} (int64) and {@code mask [B, L]} (1 for a real position). */
	static NDList toInputs(NDManager manager, List<int[]> batch) {
		int length = 1;
		for (int[] ids : batch) {
			length = Math.max(length, ids.length);
		}
		long[] ids = new long[batch.size() * length];
		float[] mask = new float[batch.size() * length];
		for (int row = 0; row < batch.size(); row++) {
			int[] encoded = batch.get(row);
			for (int i = 0; i < encoded.length; i++) {
				ids[row * length + i] = encoded[i];
				mask[row * length + i] = 1f;
			}
		}
		Shape shape = new Shape(batch.size(), length);
		NDArray idArray = manager.create(ids, shape);
		NDArray maskArray = manager.create(mask, shape);
		return new NDList(idArray, maskArray);
	}
}
