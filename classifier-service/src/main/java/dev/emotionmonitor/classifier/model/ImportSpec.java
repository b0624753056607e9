package dev.emotionmonitor.classifier.model;

import java.util.List;
import java.util.Map;

/**
 * How an imported Hugging Face classifier is run: {@code model.json}'s {@code imported} section.
 *
 * @param format {@code onnx} ({@code model.onnx}) or {@code torchscript} ({@code model.pt})
 * @param inputs the graph's inputs in the order they are fed ({@code input_ids}, {@code attention_mask},
 * {@code token_type_ids})
 * @param maxLength tokens per text, special tokens included; longer texts are truncated
 * @param padId the token id used to pad a batch (RoBERTa-style models derive positions from it)
 * @param sourceLabels the model's labels in its own class order ({@code config.json} {@code id2label})
 * @param labelMap each source label to the emotion id it counts for (probabilities of one emotion are summed)
 * @param sha256 the imported files' hashes
 */
public record ImportSpec(String format, List<String> inputs, int maxLength, long padId, List<String> sourceLabels,
		Map<String, String> labelMap, Map<String, String> sha256) {

	public static final String ONNX = "onnx";

	public static final String TORCHSCRIPT = "torchscript";

	String modelFile() {
		return this.format.equals(ONNX) ? "model.onnx" : "model.pt";
	}
}
