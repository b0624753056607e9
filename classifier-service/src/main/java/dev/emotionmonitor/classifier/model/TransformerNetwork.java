package dev.emotionmonitor.classifier.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

import dev.emotionmonitor.common.emotion.Emotion;

/**
 * Token + learnt position embeddings, {@code layers} encoder layers, a final layer norm, masked mean pooling,
 * dropout and a dense layer to six logits.
 */
final class TransformerNetwork extends AbstractBlock {

	private final int dimension;

	private final int maxLength;

	private final Parameter tokenEmbedding;

	private final Parameter positionEmbedding;

	private final Dropout embeddingDropout;

	private final List<EncoderLayer> layers = new ArrayList<>();

	private final LayerNorm finalNorm = LayerNorm.builder().axis(2).build();

	private final Dropout poolDropout;

	private final Linear output;

	TransformerNetwork(int vocabulary, TransformerSize size) {
		this.dimension = size.dimension();
		this.maxLength = size.maxLength();
		this.tokenEmbedding = addParameter(Parameter.builder()
			.setName("token_embedding")
			.setType(Parameter.Type.WEIGHT)
			.optShape(new Shape(vocabulary, this.dimension))
			.optInitializer(new NormalInitializer(0.05f))
			.build());
		this.positionEmbedding = addParameter(Parameter.builder()
			.setName("position_embedding")
			.setType(Parameter.Type.WEIGHT)
			.optShape(new Shape(this.maxLength, this.dimension))
			.optInitializer(new NormalInitializer(0.02f))
			.build());
		this.embeddingDropout = addChildBlock("embedding_dropout", Dropout.builder().optRate(size.dropout()).build());
		for (int i = 0; i < size.layers(); i++) {
			this.layers.add(addChildBlock("layer" + i,
					new EncoderLayer(this.dimension, size.heads(), size.feedForward(), size.dropout())));
		}
		addChildBlock("final_norm", this.finalNorm);
		this.poolDropout = addChildBlock("pool_dropout", Dropout.builder().optRate(size.dropout()).build());
		this.output = addChildBlock("output", Linear.builder().setUnits(Emotion.COUNT).build());
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			PairList<String, Object> params) {
		NDArray ids = inputs.get(0);
		NDArray mask = inputs.get(1);
		long length = ids.getShape().get(1);
		NDArray tokens = store.getValue(this.tokenEmbedding, ids.getDevice(), training);
		NDArray positions = store.getValue(this.positionEmbedding, ids.getDevice(), training);
		NDArray x = ids.getNDArrayInternal().embedding(ids, tokens, SparseFormat.DENSE).singletonOrThrow();
		x = x.add(positions.get(new NDIndex(":{}", length)));
		x = this.embeddingDropout.forward(store, new NDList(x), training).singletonOrThrow();
		NDArray bias = mask.sub(1f).mul(1e9f).expandDims(1).expandDims(1);
		for (EncoderLayer layer : this.layers) {
			x = layer.forward(store, new NDList(x, bias), training).singletonOrThrow();
		}
		x = this.finalNorm.forward(store, new NDList(x), training).singletonOrThrow();
		NDArray pooled = MaskedMean.pool(x, mask);
		NDList dropped = this.poolDropout.forward(store, new NDList(pooled), training);
		return this.output.forward(store, dropped, training);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { new Shape(inputShapes[0].get(0), Emotion.COUNT) };
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), this.dimension);
		Shape bias = new Shape(inputShapes[0].get(0), 1, 1, inputShapes[0].get(1));
		this.embeddingDropout.initialize(manager, dataType, hidden);
		for (EncoderLayer layer : this.layers) {
			layer.initialize(manager, dataType, hidden, bias);
		}
		this.finalNorm.initialize(manager, dataType, hidden);
		Shape pooled = new Shape(inputShapes[0].get(0), this.dimension);
		this.poolDropout.initialize(manager, dataType, pooled);
		this.output.initialize(manager, dataType, pooled);
	}
}
