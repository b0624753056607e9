package dev.emotionmonitor.classifier.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

import dev.emotionmonitor.common.emotion.Emotion;

/**
 * Multinomial logistic regression over TF-IDF n-gram features, the classic strong baseline as a DJL block: a text's
 * distinct features (from {@link HashedNgrams#distinct()}) are weighted by their idf and L2-normalised, and each
 * feature adds its own weight per class. The idf vector is learnt from the training split, kept as a fixed parameter,
 * and saved with the weights.
 */
final class LinearNetwork extends AbstractBlock {

	private final Parameter weight;

	private final Parameter idf;

	private final Parameter bias;

	/** @param idf the training split's idf per row, or null when the parameters are loaded from a file */
	LinearNetwork(int rows, float[] idf) {
		this.weight = addParameter(Parameter.builder()
			.setName("weight")
			.setType(Parameter.Type.WEIGHT)
			.optShape(new Shape(rows, Emotion.COUNT))
			.optInitializer(new NormalInitializer(0.01f))
			.build());
		this.idf = addParameter(Parameter.builder()
			.setName("idf")
			.setType(Parameter.Type.OTHER)
			.optShape(new Shape(rows, 1))
			.optRequiresGrad(false)
			.optInitializer(idf == null ? Initializer.ONES : (manager, shape, type) -> manager.create(idf, shape))
			.build());
		this.bias = addParameter(Parameter.builder()
			.setName("bias")
			.setType(Parameter.Type.BIAS)
			.optShape(new Shape(Emotion.COUNT))
			.optInitializer(Initializer.ZEROS)
			.build());
	}

	/** Smoothed idf of each row over {@code documents} (row ids per document, each row at most once). */
	static float[] idf(int rows, int[][] documents) {
		int[] frequency = new int[rows];
		for (int[] document : documents) {
			for (int row : document) {
				frequency[row]++;
			}
		}
		float[] idf = new float[rows];
		for (int row = 0; row < rows; row++) {
			idf[row] = (float) (Math.log((1.0 + documents.length) / (1.0 + frequency[row])) + 1);
		}
		idf[TextEncoder.PAD] = 0;
		return idf;
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			PairList<String, Object> params) {
		NDArray ids = inputs.get(0);
		NDArray mask = inputs.get(1);
		NDArray weights = store.getValue(this.weight, ids.getDevice(), training);
		NDArray idfs = store.getValue(this.idf, ids.getDevice(), training);
		var internal = ids.getNDArrayInternal();
		NDArray tfidf = internal.embedding(ids, idfs, SparseFormat.DENSE).singletonOrThrow().squeeze(2).mul(mask);
		NDArray norm = tfidf.square().sum(new int[] { 1 }, true).sqrt().add(1e-6f);
		NDArray values = tfidf.div(norm).expandDims(2);
		NDArray perFeature = internal.embedding(ids, weights, SparseFormat.DENSE).singletonOrThrow();
		NDArray logits = perFeature.mul(values).sum(new int[] { 1 })
			.add(store.getValue(this.bias, ids.getDevice(), training));
		return new NDList(logits);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { new Shape(inputShapes[0].get(0), Emotion.COUNT) };
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		// no child blocks: three parameters
	}
}
