package dev.emotionmonitor.classifier.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

import dev.emotionmonitor.common.emotion.Emotion;

/** fastText-style classifier: the mean of the feature embeddings, dropout, one dense layer to six logits. */
final class NgramNetwork extends AbstractBlock {

	private final Parameter embedding;

	private final Dropout dropout;

	private final Linear output;

	private final int dimension;

	NgramNetwork(int rows, int dimension, float dropoutRate) {
		this.dimension = dimension;
		this.embedding = addParameter(Parameter.builder()
			.setName("embedding")
			.setType(Parameter.Type.WEIGHT)
			.optShape(new Shape(rows, dimension))
			.optInitializer(new NormalInitializer(0.05f))
			.build());
		this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
		this.output = addChildBlock("output", Linear.builder().setUnits(Emotion.COUNT).build());
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			PairList<String, Object> params) {
		NDArray ids = inputs.get(0);
		NDArray mask = inputs.get(1);
		NDArray weight = store.getValue(this.embedding, ids.getDevice(), training);
		NDArray vectors = ids.getNDArrayInternal().embedding(ids, weight, SparseFormat.DENSE).singletonOrThrow();
		NDArray pooled = MaskedMean.pool(vectors, mask);
		NDList hidden = this.dropout.forward(store, new NDList(pooled), training);
		return this.output.forward(store, hidden, training);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { new Shape(inputShapes[0].get(0), Emotion.COUNT) };
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape pooled = new Shape(inputShapes[0].get(0), this.dimension);
		this.dropout.initialize(manager, dataType, pooled);
		this.output.initialize(manager, dataType, pooled);
	}
}
