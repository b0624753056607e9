package dev.emotionmonitor.classifier.model;

import ai.djl.ndarray.NDArray;

/** Mean over the real positions of {@code [B, L, D]} given {@code mask [B, L]}; an all-padding row gives zeros. */
final class MaskedMean {

	private MaskedMean() {
	}

	static NDArray pool(NDArray values, NDArray mask) {
		NDArray weights = mask.expandDims(2);
		NDArray sum = values.mul(weights).sum(new int[] { 1 });
		NDArray count = mask.sum(new int[] { 1 }, true).maximum(1f);
		return sum.div(count);
	}
}
