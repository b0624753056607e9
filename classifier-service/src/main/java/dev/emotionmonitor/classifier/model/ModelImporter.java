package dev.emotionmonitor.classifier.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

import dev.emotionmonitor.common.emotion.Emotion;

/**
 * Turns a Hugging Face export directory ({@code config.json}, {@code tokenizer.json}, {@code model.onnx} or
 * {@code model.pt}, optional {@code emotion-import.json}) into a registry-ready model directory of kind
 * {@code imported}. Bad input is an {@link IllegalArgumentException} whose message names files, never paths.
 */
public final class ModelImporter {

	public static final String OPTIONS_FILE = "emotion-import.json";

	private static final List<String> KNOWN_INPUTS = List.of("input_ids", "attention_mask", "token_type_ids");

	private static final int DEFAULT_MAX_LENGTH = 512;

	private ModelImporter() {
	}

	/**
	 * Writes the model into {@code out} (must not exist or be empty), loads it and classifies one text to prove it
	 * runs; on any failure {@code out} is removed again.
	 */
	public static ModelCard importDirectory(Path from, Path out, String name) throws IOException {
		if (Files.isDirectory(out)) {
			try (var listing = Files.list(out)) {
				if (listing.findAny().isPresent()) {
					throw new IllegalArgumentException("the output directory is not empty");
				}
			}
		}
		try {
			ModelCard card = write(from, out, name);
			try (EmotionModel model = ModelFiles.load(out)) {
				float[][] scores = model.predict(List.of("모델을 가져왔어요", "확인"));
				if (scores.length != 2 || Float.isNaN(scores[0][0])) {
					throw new IllegalArgumentException("the model does not give one score per label");
				}
			}
			catch (IOException | RuntimeException ex) {
				if (ex instanceof IllegalArgumentException) {
					throw ex;
				}
				throw new IllegalArgumentException("the model cannot be run: " + rootMessage(ex), ex);
			}
			return card;
		}
		catch (IOException | RuntimeException ex) {
			deleteRecursively(out);
			throw ex;
		}
	}

	private static ModelCard write(Path from, Path out, String name) throws IOException {
		Path directory = modelRoot(from);
		String format;
		if (Files.isRegularFile(directory.resolve("model.onnx"))) {
			format = ImportSpec.ONNX;
		}
		else if (Files.isRegularFile(directory.resolve("model.pt"))) {
			format = ImportSpec.TORCHSCRIPT;
		}
		else {
			throw new IllegalArgumentException("no model.onnx or model.pt found (export the model with optimum-cli or "
					+ "torch.onnx.export, or trace it to TorchScript)");
		}
		for (String required : List.of("config.json", "tokenizer.json")) {
			if (!Files.isRegularFile(directory.resolve(required))) {
				throw new IllegalArgumentException(required + " is missing");
			}
		}
		JsonNode config = readJson(directory.resolve("config.json"));
		JsonNode options = Files.isRegularFile(directory.resolve(OPTIONS_FILE)) ? readJson(directory.resolve(OPTIONS_FILE))
				: null;
		JsonNode tokenizer = readJson(directory.resolve("tokenizer.json"));
		List<String> sourceLabels = sourceLabels(config);
		Map<String, String> overrides = new LinkedHashMap<>();
		if (options != null && options.get("labels") != null) {
			options.get("labels").properties().forEach(entry -> overrides.put(entry.getKey(), entry.getValue().asString()));
		}
		Map<String, String> labelMap = mapLabels(sourceLabels, overrides);
		List<String> inputs = inputs(options, format);
		int maxLength = maxLength(config, options, tokenizer);
		long padId = padId(config, options, tokenizer);

		Files.createDirectories(out);
		List<String> files = new ArrayList<>();
		Map<String, String> sha256 = new TreeMap<>();
		try (var listing = Files.list(directory)) {
			for (Path file : listing.filter(Files::isRegularFile).sorted().toList()) {
				String fileName = file.getFileName().toString();
				if (!fileName.equals(ModelCard.FILE) && (fileName.startsWith("model.") || fileName.endsWith(".json")
						|| fileName.endsWith(".onnx_data") || fileName.endsWith(".txt"))) {
					sha256.put(fileName, copyHashing(file, out.resolve(fileName)));
					files.add(fileName);
				}
			}
		}
		files.add(ModelCard.FILE);
		String version = name != null && !name.isBlank() ? name.trim()
				: DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
						+ "-imported-" + sha256.get(format.equals(ImportSpec.ONNX) ? "model.onnx" : "model.pt").substring(0, 4);
		if (!version.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
			throw new IllegalArgumentException("a model name is 1–64 letters, digits, '.', '_' or '-'");
		}
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("source", "hugging face export (" + format + ")");
		for (String key : List.of("model_type", "_name_or_path", "hidden_size", "num_hidden_layers")) {
			JsonNode value = config.get(key);
			if (value != null && !value.isNull()) {
				training.put(key, value.isNumber() ? value.numberValue() : value.asString());
			}
		}
		ImportSpec spec = new ImportSpec(format, inputs, maxLength, padId, sourceLabels, labelMap, sha256);
		ModelCard card = new ModelCard(1, version, ImportedModel.KIND, ImportedModel.KIND, Instant.now(),
				config.path("_name_or_path").asString(null), null, Emotion.ids(),
				Emotion.koreanNames(), null, null, training, null, files, spec);
		card.write(out);
		return card;
	}

	/**
	 * Maps every source label onto an emotion: the label map first, then English ids, Korean names and AI Hub codes
	 * (E10–E69 by tens). Refused unless every label maps and the six emotions all appear.
	 */
	static Map<String, String> mapLabels(List<String> sourceLabels, Map<String, String> overrides) {
		Map<String, String> mapped = new LinkedHashMap<>();
		List<String> unknown = new ArrayList<>();
		Set<Emotion> seen = EnumSet.noneOf(Emotion.class);
		for (String label : sourceLabels) {
			try {
				Emotion emotion = Emotion.parse(overrides.getOrDefault(label, label));
				mapped.put(label, emotion.id());
				seen.add(emotion);
			}
			catch (IllegalArgumentException ex) {
				unknown.add(label);
			}
		}
		if (!unknown.isEmpty() || seen.size() != Emotion.COUNT) {
			Set<Emotion> missing = EnumSet.allOf(Emotion.class);
			missing.removeAll(seen);
			throw new IllegalArgumentException("the model's labels " + sourceLabels + " do not map onto the six emotions"
					+ (unknown.isEmpty() ? "" : "; unknown labels " + unknown)
					+ (missing.isEmpty() ? "" : "; no label for " + missing.stream().map(Emotion::id).toList())
					+ ". Use English ids (anger…joy), Korean names (분노…기쁨), AI Hub codes (E10–E69) or a \"labels\" map in "
					+ OPTIONS_FILE);
		}
		return mapped;
	}

	private static List<String> sourceLabels(JsonNode config) {
		JsonNode id2label = config.get("id2label");
		if (id2label == null || !id2label.isObject() || id2label.isEmpty()) {
			throw new IllegalArgumentException("config.json has no id2label");
		}
		Map<Integer, String> byIndex = new TreeMap<>();
		id2label.properties().forEach(entry -> {
			try {
				byIndex.put(Integer.parseInt(entry.getKey()), entry.getValue().asString());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("config.json id2label has a non-numeric id '" + entry.getKey() + "'");
			}
		});
		List<String> labels = new ArrayList<>(byIndex.values());
		if (!byIndex.keySet().equals(new TreeMap<>(java.util.stream.IntStream.range(0, labels.size()).boxed().collect(java.util.stream.Collectors.toMap(i -> i, i -> ""))).keySet())) {
			throw new IllegalArgumentException("config.json id2label ids are not 0.." + (labels.size() - 1));
		}
		return labels;
	}

	/** ONNX exports (optimum) name their inputs; a TorchScript trace takes (input_ids, attention_mask) by position. */
	private static List<String> inputs(JsonNode options, String format) {
		if (options != null && options.get("inputs") != null) {
			List<String> inputs = new ArrayList<>();
			options.get("inputs").forEach(node -> inputs.add(node.asString()));
			if (inputs.isEmpty() || !KNOWN_INPUTS.containsAll(inputs) || !inputs.contains("input_ids")) {
				throw new IllegalArgumentException(OPTIONS_FILE + " \"inputs\" must list input_ids and any of "
						+ KNOWN_INPUTS);
			}
			return inputs;
		}
		// an ONNX graph's own input names decide which of these it is fed (ImportedModel.load)
		return format.equals(ImportSpec.ONNX) ? KNOWN_INPUTS : List.of("input_ids", "attention_mask");
	}

	private static int maxLength(JsonNode config, JsonNode options, JsonNode tokenizer) {
		if (options != null && options.get("max_length") != null) {
			int value = options.get("max_length").asInt();
			if (value < 3) {
				throw new IllegalArgumentException(OPTIONS_FILE + " max_length must be at least 3");
			}
			return value;
		}
		int length = DEFAULT_MAX_LENGTH;
		JsonNode positions = config.get("max_position_embeddings");
		if (positions != null && positions.isNumber()) {
			// RoBERTa-style models reserve padding_idx + 1 positions (514 embeddings for 512 tokens)
			String type = config.path("model_type").asString("");
			int reserved = type.contains("roberta") || type.equals("camembert") ? 2 : 0;
			length = Math.min(length, positions.asInt() - reserved);
		}
		JsonNode truncation = tokenizer.get("truncation");
		if (truncation != null && truncation.get("max_length") != null) {
			length = Math.min(length, truncation.get("max_length").asInt());
		}
		return length;
	}

	private static long padId(JsonNode config, JsonNode options, JsonNode tokenizer) {
		if (options != null && options.get("pad_id") != null) {
			return options.get("pad_id").asLong();
		}
		if (config.get("pad_token_id") != null && config.get("pad_token_id").isNumber()) {
			return config.get("pad_token_id").asLong();
		}
		JsonNode padding = tokenizer.get("padding");
		if (padding != null && padding.get("pad_id") != null) {
			return padding.get("pad_id").asLong();
		}
		for (JsonNode token : tokenizer.path("added_tokens")) {
			String content = token.path("content").asString("");
			if (content.equals("[PAD]") || content.equals("<pad>")) {
				return token.path("id").asLong();
			}
		}
		return 0;
	}

	/** The directory itself, or its only sub-directory when a zip wrapped the files in one folder. */
	private static Path modelRoot(Path from) throws IOException {
		if (!Files.isDirectory(from)) {
			throw new IllegalArgumentException("not a directory: " + from.getFileName());
		}
		if (Files.isRegularFile(from.resolve("config.json"))) {
			return from;
		}
		try (var listing = Files.list(from)) {
			List<Path> entries = listing.filter(path -> !path.getFileName().toString().startsWith(".")
					&& !path.getFileName().toString().equals("__MACOSX")).toList();
			if (entries.size() == 1 && Files.isDirectory(entries.get(0))) {
				return entries.get(0);
			}
		}
		return from;
	}

	private static JsonNode readJson(Path file) {
		try {
			return ModelCard.JSON.readTree(file.toFile());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(file.getFileName() + " is not valid JSON");
		}
	}

	private static String copyHashing(Path source, Path target) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(source), MessageDigest.getInstance("SHA-256"))) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		// engine messages can carry server paths; keep the first line, without them
		return message.lines().findFirst().orElse("").replaceAll("/[^\\s:]+", "…");
	}

	static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (var walk = Files.walk(directory)) {
			for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}
}
