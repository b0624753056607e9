package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.emotionmonitor.classifier.text.Morphemes;
import dev.emotionmonitor.common.emotion.Emotion;

/** One DJL network (linear, ngram or transformer) on the PyTorch engine with the encoder that feeds it. */
public final class NetworkModel extends EmotionModel {

	private static final int CHUNK = 64;

	private final Model model;

	private final TextEncoder encoder;

	private ModelCard card;

	NetworkModel(Model model, TextEncoder encoder, ModelCard card) {
		this.model = model;
		this.encoder = encoder;
		this.card = card;
	}

	static NetworkModel load(Path directory, ModelCard card) throws IOException {
		HyperParameters hp = card.hyperParameters();
		TextEncoder encoder;
		Block network;
		if (card.kind().equals("linear")) {
			encoder = HashedNgrams.load(directory, hp.maxFeatures()).distinct();
			network = new LinearNetwork(encoder.rows(), null);
		}
		else if (card.kind().equals("ngram")) {
			encoder = HashedNgrams.load(directory, hp.maxFeatures());
			network = new NgramNetwork(encoder.rows(), hp.ngramDimension(), (float) hp.ngramDropout());
		}
		else if (card.kind().equals("transformer")) {
			encoder = MorphemeVocabulary.load(directory, hp.maxLength());
			network = new TransformerNetwork(encoder.rows(), TransformerSize.of(hp));
		}
		else {
			throw new IOException("unknown network kind '" + card.kind() + "' in " + directory);
		}
		Model model = Model.newInstance(card.kind(), Device.cpu(), "PyTorch");
		model.setBlock(network);
		try {
			model.load(directory, card.kind());
		}
		catch (MalformedModelException ex) {
			model.close();
			throw new IOException("cannot read the parameters in " + directory + ": " + ex.getMessage(), ex);
		}
		return new NetworkModel(model, encoder, card);
	}

	@Override
	public ModelCard card() {
		return this.card;
	}

	void setCard(ModelCard card) {
		this.card = card;
	}

	@Override
	public void renameVersion(String version) {
		this.card = this.card.withVersion(version);
	}

	TextEncoder encoder() {
		return this.encoder;
	}

	/**
	 * Encodes on the calling worker thread, then runs the texts in length-sorted chunks of at most
	 * {@value #CHUNK}: padding every text to the longest of 256 wastes most of a batch's work on padding.
	 */
	@Override
	public TextPredictor newPredictor() {
		Predictor<List<int[]>, float[][]> predictor = this.model.newPredictor(new ScoresTranslator());
		return new TextPredictor() {
			@Override
			public float[][] predict(List<String> texts) {
				List<int[]> encoded = new ArrayList<>(texts.size());
				for (String text : texts) {
					encoded.add(NetworkModel.this.encoder.encode(Morphemes.normalize(text)));
				}
				return LengthSortedChunks.predict(predictor, encoded, ids -> ids.length, CHUNK);
			}

			@Override
			public void close() {
				predictor.close();
			}
		};
	}

	@Override
	public void save(Path directory) throws IOException {
		Files.createDirectories(directory);
		this.model.save(directory, this.card.kind());
		this.encoder.save(directory);
		List<String> files = new ArrayList<>();
		try (var listing = Files.list(directory)) {
			listing.filter(Files::isRegularFile)
				.map(path -> path.getFileName().toString())
				.filter(name -> !name.equals(ModelCard.FILE))
				.sorted()
				.forEach(files::add);
		}
		files.add(ModelCard.FILE);
		this.card = this.card.withFiles(files);
		this.card.write(directory);
	}

	@Override
	public double flopsPerText(int tokens, int features) {
		HyperParameters hp = this.card.hyperParameters();
		if (this.card.kind().equals("linear")) {
			return 2.0 * features * Emotion.COUNT;
		}
		if (this.card.kind().equals("ngram")) {
			return (double) features * hp.ngramDimension() + 2.0 * hp.ngramDimension() * Emotion.COUNT;
		}
		double d = hp.transformerDimension();
		double f = hp.transformerFeedForward();
		double l = Math.max(1, Math.min(tokens, hp.maxLength()));
		double perLayer = l * (2 * d * 3 * d + 2 * d * d + 2 * 2 * d * f) + 2 * 2 * l * l * d;
		return hp.transformerLayers() * perLayer + 2 * d * Emotion.COUNT;
	}

	@Override
	public void close() {
		this.model.close();
	}

	/** Encoded texts in (padded here), six softmax probabilities per text out. */
	private static final class ScoresTranslator implements NoBatchifyTranslator<List<int[]>, float[][]> {

		@Override
		public NDList processInput(TranslatorContext ctx, List<int[]> encoded) {
			return TextEncoder.toInputs(ctx.getNDManager(), encoded);
		}

		@Override
		public float[][] processOutput(TranslatorContext ctx, NDList list) {
			NDArray logits = list.singletonOrThrow();
			float[] flat = logits.softmax(1).toFloatArray();
			int rows = (int) logits.getShape().get(0);
			float[][] scores = new float[rows][Emotion.COUNT];
			for (int row = 0; row < rows; row++) {
				System.arraycopy(flat, row * Emotion.COUNT, scores[row], 0, Emotion.COUNT);
			}
			return scores;
		}
	}
}
