package dev.emotionmonitor.classifier.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm transformer encoder layer: multi-head self-attention then a GELU feed-forward network, each behind a
 * layer norm and added back with dropout. Pre-norm trains stably without a long warm-up on small data.
 * Inputs: {@code x [B, L, D]} and an additive attention bias {@code [B, 1, 1, L]} (0 for tokens, -1e9 for padding).
 */
final class EncoderLayer extends AbstractBlock {

	private final int dimension;

	private final int heads;

	private final int feedForward;

	private final LayerNorm attentionNorm = LayerNorm.builder().axis(2).build();

	private final Linear queryKeyValue;

	private final Linear attentionOutput;

	private final Dropout attentionDropout;

	private final Dropout residualDropout;

	private final LayerNorm feedForwardNorm = LayerNorm.builder().axis(2).build();

	private final Linear feedForwardIn;

	private final Linear feedForwardOut;

	EncoderLayer(int dimension, int heads, int feedForward, float dropoutRate) {
		if (dimension % heads != 0) {
			throw new IllegalArgumentException("dimension " + dimension + " is not a multiple of heads " + heads);
		}
		this.dimension = dimension;
		this.heads = heads;
		this.feedForward = feedForward;
		addChildBlock("attention_norm", this.attentionNorm);
		this.queryKeyValue = addChildBlock("qkv", Linear.builder().setUnits(3L * dimension).build());
		this.attentionOutput = addChildBlock("attention_out", Linear.builder().setUnits(dimension).build());
		this.attentionDropout = addChildBlock("attention_dropout", Dropout.builder().optRate(dropoutRate).build());
		this.residualDropout = addChildBlock("residual_dropout", Dropout.builder().optRate(dropoutRate).build());
		addChildBlock("ffn_norm", this.feedForwardNorm);
		this.feedForwardIn = addChildBlock("ffn_in", Linear.builder().setUnits(feedForward).build());
		this.feedForwardOut = addChildBlock("ffn_out", Linear.builder().setUnits(dimension).build());
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			PairList<String, Object> params) {
		NDArray x = inputs.get(0);
		NDArray bias = inputs.get(1);
		long batch = x.getShape().get(0);
		long length = x.getShape().get(1);
		int headSize = this.dimension / this.heads;

		NDArray normed = this.attentionNorm.forward(store, new NDList(x), training).singletonOrThrow();
		NDList qkv = this.queryKeyValue.forward(store, new NDList(normed), training).singletonOrThrow().split(3, 2);
		NDArray query = qkv.get(0).reshape(batch, length, this.heads, headSize).transpose(0, 2, 1, 3);
		NDArray key = qkv.get(1).reshape(batch, length, this.heads, headSize).transpose(0, 2, 3, 1);
		NDArray value = qkv.get(2).reshape(batch, length, this.heads, headSize).transpose(0, 2, 1, 3);
		NDArray scores = query.matMul(key).div((float) Math.sqrt(headSize)).add(bias);
		NDArray attention = this.attentionDropout.forward(store, new NDList(scores.softmax(-1)), training)
			.singletonOrThrow();
		NDArray context = attention.matMul(value).transpose(0, 2, 1, 3).reshape(batch, length, this.dimension);
		NDArray attended = this.attentionOutput.forward(store, new NDList(context), training).singletonOrThrow();
		x = x.add(this.residualDropout.forward(store, new NDList(attended), training).singletonOrThrow());

		NDArray ffnInput = this.feedForwardNorm.forward(store, new NDList(x), training).singletonOrThrow();
		NDArray hidden = Activation.gelu(this.feedForwardIn.forward(store, new NDList(ffnInput), training)
			.singletonOrThrow());
		NDArray ffnOutput = this.feedForwardOut.forward(store, new NDList(hidden), training).singletonOrThrow();
		x = x.add(this.residualDropout.forward(store, new NDList(ffnOutput), training).singletonOrThrow());
		return new NDList(x);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { inputShapes[0] };
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape x = inputShapes[0];
		this.attentionNorm.initialize(manager, dataType, x);
		this.queryKeyValue.initialize(manager, dataType, x);
		this.attentionOutput.initialize(manager, dataType, x);
		this.attentionDropout.initialize(manager, dataType, x);
		this.residualDropout.initialize(manager, dataType, x);
		this.feedForwardNorm.initialize(manager, dataType, x);
		this.feedForwardIn.initialize(manager, dataType, x);
		this.feedForwardOut.initialize(manager, dataType, new Shape(x.get(0), x.get(1), this.feedForward));
	}
}
