package dev.emotionmonitor.classifier.model;

/** The shape of a transformer network. */
record TransformerSize(int dimension, int heads, int layers, int feedForward, int maxLength, float dropout) {

	static TransformerSize of(HyperParameters hp) {
		return new TransformerSize(hp.transformerDimension(), hp.transformerHeads(), hp.transformerLayers(),
				hp.transformerFeedForward(), hp.maxLength(), (float) hp.transformerDropout());
	}
}
