package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import dev.emotionmonitor.common.emotion.Emotion;

/**
 * A Hugging Face sequence classifier exported to ONNX (run on ONNX Runtime) or TorchScript (run on PyTorch),
 * tokenised with its own {@code tokenizer.json}; its labels' probabilities are summed into the six emotions.
 */
public final class ImportedModel extends EmotionModel {

	public static final String KIND = "imported";

	private static final int CHUNK = 32;

	private final Model model;

	private final HuggingFaceTokenizer tokenizer;

	/** Source class index to emotion ordinal. */
	private final int[] emotionOf;

	/** The inputs fed, in order: the spec's, narrowed to those an ONNX graph declares. */
	private final List<String> inputs;

	private ModelCard card;

	private ImportedModel(Model model, HuggingFaceTokenizer tokenizer, int[] emotionOf, List<String> inputs,
			ModelCard card) {
		this.model = model;
		this.inputs = inputs;
		this.tokenizer = tokenizer;
		this.emotionOf = emotionOf;
		this.card = card;
	}

	static ImportedModel load(Path directory, ModelCard card) throws IOException {
		ImportSpec spec = card.imported();
		if (spec == null) {
			throw new IOException("model.json of an imported model has no 'imported' section");
		}
		int[] emotionOf = new int[spec.sourceLabels().size()];
		for (int i = 0; i < emotionOf.length; i++) {
			emotionOf[i] = Emotion.parse(spec.labelMap().get(spec.sourceLabels().get(i))).ordinal();
		}
		HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
			.optTokenizerPath(directory.resolve("tokenizer.json"))
			.optAddSpecialTokens(true)
			.optTruncation(true)
			.optMaxLength(spec.maxLength())
			.optPadding(false)
			.build();
		Model model = spec.format().equals(ImportSpec.ONNX) ? Model.newInstance(card.version(), Device.cpu(), "OnnxRuntime")
				: Model.newInstance(card.version(), Device.cpu(), "PyTorch");
		try {
			// one thread per session: the serving workers already run one forward pass each
			model.load(directory, "model", Map.of("interOpNumThreads", "1", "intraOpNumThreads",
					System.getProperty("ai.djl.pytorch.num_threads", "1")));
		}
		catch (MalformedModelException | IOException | RuntimeException ex) {
			model.close();
			tokenizer.close();
			throw new IOException("cannot load " + spec.modelFile() + ": " + ex.getMessage(), ex);
		}
		List<String> inputs = spec.inputs();
		if (spec.format().equals(ImportSpec.ONNX)) {
			List<String> graph = model.describeInput().keys();
			inputs = inputs.stream().filter(graph::contains).toList();
			List<String> unfed = graph.stream().filter(name -> !spec.inputs().contains(name)).toList();
			if (!unfed.isEmpty() || !inputs.contains("input_ids")) {
				model.close();
				tokenizer.close();
				throw new IllegalArgumentException("the ONNX graph's inputs " + graph + " are not "
						+ "input_ids/attention_mask/token_type_ids (name them with \"inputs\" in emotion-import.json)");
			}
		}
		return new ImportedModel(model, tokenizer, emotionOf, inputs, card);
	}

	@Override
	public ModelCard card() {
		return this.card;
	}

	@Override
	public void renameVersion(String version) {
		this.card = this.card.withVersion(version);
	}

	/** Tokenises on the worker thread, then runs length-sorted chunks so short texts are not padded to long ones. */
	@Override
	public TextPredictor newPredictor() {
		Predictor<List<Encoding>, float[][]> predictor = this.model.newPredictor(new LogitsTranslator(this.inputs, this.card.imported().padId()));
		return new TextPredictor() {
			@Override
			public float[][] predict(List<String> texts) {
				List<Encoding> encodings = List.of(ImportedModel.this.tokenizer.batchEncode(texts));
				float[][] logits = LengthSortedChunks.predict(predictor, encodings, encoding -> encoding.getIds().length,
						CHUNK);
				float[][] scores = new float[logits.length][];
				for (int i = 0; i < logits.length; i++) {
					scores[i] = emotions(logits[i]);
				}
				return scores;
			}

			@Override
			public void close() {
				predictor.close();
			}
		};
	}

	/** Softmax over the model's own labels (in double), then each label's probability added to its emotion. */
	private float[] emotions(float[] logits) {
		if (logits.length != this.emotionOf.length) {
			throw new IllegalStateException("the model gives " + logits.length + " logits per text, its config.json names "
					+ this.emotionOf.length + " labels");
		}
		double max = Double.NEGATIVE_INFINITY;
		for (float logit : logits) {
			max = Math.max(max, logit);
		}
		double[] exp = new double[logits.length];
		double sum = 0;
		for (int i = 0; i < logits.length; i++) {
			exp[i] = Math.exp(logits[i] - max);
			sum += exp[i];
		}
		double[] emotions = new double[Emotion.COUNT];
		for (int i = 0; i < logits.length; i++) {
			emotions[this.emotionOf[i]] += exp[i] / sum;
		}
		float[] scores = new float[Emotion.COUNT];
		for (int c = 0; c < Emotion.COUNT; c++) {
			scores[c] = (float) emotions[c];
		}
		return scores;
	}

	@Override
	public void save(Path directory) {
		throw new UnsupportedOperationException("an imported model is written by ModelImporter");
	}

	/** 2 × parameters per token of a BERT-style encoder, from config.json when the import recorded its size. */
	@Override
	public double flopsPerText(int tokens, int features) {
		Map<String, Object> training = this.card.training();
		if (training == null || !(training.get("hidden_size") instanceof Number hidden)
				|| !(training.get("num_hidden_layers") instanceof Number layers)) {
			return Double.NaN;
		}
		double d = hidden.doubleValue();
		double l = Math.max(1, Math.min(tokens, this.card.imported().maxLength()));
		return layers.doubleValue() * (l * 2 * 12 * d * d + 2 * 2 * l * l * d);
	}

	@Override
	public void close() {
		this.model.close();
		this.tokenizer.close();
	}

	/** Pads a chunk of encodings into the graph's named inputs; the named {@code logits} output (or the first) out. */
	private static final class LogitsTranslator implements NoBatchifyTranslator<List<Encoding>, float[][]> {

		private final List<String> inputs;

		private final long padId;

		LogitsTranslator(List<String> inputs, long padId) {
			this.inputs = inputs;
			this.padId = padId;
		}

		@Override
		public NDList processInput(TranslatorContext ctx, List<Encoding> encodings) {
			int rows = encodings.size();
			int columns = encodings.stream().mapToInt(encoding -> encoding.getIds().length).max().orElse(0);
			NDManager manager = ctx.getNDManager();
			NDList inputs = new NDList();
			for (String name : this.inputs) {
				long[] flat = new long[rows * columns];
				for (int row = 0; row < rows; row++) {
					Encoding encoding = encodings.get(row);
					long[] values = switch (name) {
						case "input_ids" -> encoding.getIds();
						case "attention_mask" -> encoding.getAttentionMask();
						case "token_type_ids" -> encoding.getTypeIds();
						default -> throw new IllegalStateException("unknown input " + name);
					};
					long pad = name.equals("input_ids") ? this.padId : 0;
					Arrays.fill(flat, row * columns + values.length, (row + 1) * columns, pad);
					System.arraycopy(values, 0, flat, row * columns, values.length);
				}
				NDArray array = manager.create(flat, new Shape(rows, columns));
				array.setName(name);
				inputs.add(array);
			}
			return inputs;
		}

		@Override
		public float[][] processOutput(TranslatorContext ctx, NDList list) {
			NDArray logits = list.get("logits");
			if (logits == null) {
				logits = list.get(0);
			}
			int rows = (int) logits.getShape().get(0);
			int labels = (int) (logits.getShape().size() / rows);
			Number[] flat = logits.toArray();
			float[][] out = new float[rows][labels];
			for (int row = 0; row < rows; row++) {
				for (int label = 0; label < labels; label++) {
					out[row][label] = flat[row * labels + label].floatValue();
				}
			}
			return out;
		}
	}
}
