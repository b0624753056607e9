package dev.emotionmonitor.classifier.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.classifier.text.Morphemes;

/**
 * fastText-style features: morphemes, morpheme bigrams and character 1–3-grams (spaces kept as {@code _} so grams
 * span word boundaries), each hashed into a 2^24 space. Only buckets seen in training get a row, so the model stores
 * rows for what it learnt and nothing for the empty rest of the hash space; unseen buckets are dropped at inference.
 */
public final class HashedNgrams extends TextEncoder {

	static final String FILE = "ngram-buckets.bin";

	private static final int HASH_BITS = 24;

	private final int[] buckets;

	private final int maxFeatures;

	private final boolean distinct;

	private HashedNgrams(int[] sortedBuckets, int maxFeatures, boolean distinct) {
		this.buckets = sortedBuckets;
		this.maxFeatures = maxFeatures;
		this.distinct = distinct;
	}

	/** The same features, each at most once per text: the linear model weighs them by idf itself. */
	HashedNgrams distinct() {
		return new HashedNgrams(this.buckets, this.maxFeatures, true);
	}

	/** Keeps the buckets seen at least {@code minCount} times, the most frequent first when over {@code maxRows}. */
	static HashedNgrams fit(List<String> normalizedTexts, int minCount, int maxRows, int maxFeatures) {
		Map<Integer, Integer> counts = new HashMap<>();
		for (String text : normalizedTexts) {
			for (int hash : hashes(text, maxFeatures)) {
				counts.merge(hash, 1, Integer::sum);
			}
		}
		List<Map.Entry<Integer, Integer>> kept = new ArrayList<>(counts.entrySet()
			.stream()
			.filter(entry -> entry.getValue() >= minCount)
			.toList());
		kept.sort(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
		int[] rows = kept.stream().limit(maxRows).mapToInt(Map.Entry::getKey).toArray();
		Arrays.sort(rows);
		return new HashedNgrams(rows, maxFeatures, false);
	}

	static HashedNgrams load(Path directory, int maxFeatures) throws IOException {
		try (InputStream file = Files.newInputStream(directory.resolve(FILE));
				DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(file))) {
			int[] rows = new int[in.readInt()];
			for (int i = 0; i < rows.length; i++) {
				rows[i] = in.readInt();
			}
			return new HashedNgrams(rows, maxFeatures, false);
		}
	}

	@Override
	void save(Path directory) throws IOException {
		try (OutputStream file = Files.newOutputStream(directory.resolve(FILE));
				DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(file))) {
			out.writeInt(this.buckets.length);
			for (int bucket : this.buckets) {
				out.writeInt(bucket);
			}
		}
	}

	@Override
	int rows() {
		return this.buckets.length + 1;
	}

	@Override
	int[] encode(String normalizedText) {
		int[] hashes = hashes(normalizedText, this.maxFeatures);
		int[] ids = new int[hashes.length];
		int count = 0;
		for (int hash : hashes) {
			int index = Arrays.binarySearch(this.buckets, hash);
			if (index >= 0) {
				ids[count++] = index + 1;
			}
		}
		return this.distinct ? Arrays.stream(ids, 0, count).distinct().toArray() : Arrays.copyOf(ids, count);
	}

	static int[] hashes(String normalizedText, int maxFeatures) {
		List<String> morphemes = Morphemes.of(normalizedText);
		String chars = "_" + normalizedText.replace(' ', '_') + "_";
		int[] hashes = new int[Math.min(maxFeatures, morphemes.size() * 2 + chars.length() * 3)];
		int count = 0;
		for (int i = 0; i < morphemes.size() && count < hashes.length; i++) {
			hashes[count++] = fold(mix(mix(OFFSET, "w"), morphemes.get(i)));
			if (i + 1 < morphemes.size() && count < hashes.length) {
				long h = (mix(mix(OFFSET, "b"), morphemes.get(i)) ^ '|') * PRIME;
				hashes[count++] = fold(mix(h, morphemes.get(i + 1)));
			}
		}
		long gramSeed = mix(OFFSET, "c");
		for (int n = 1; n <= 3; n++) {
			for (int start = 0; start + n <= chars.length() && count < hashes.length; start++) {
				// hashed over the char range directly: no substring per gram; a gram of only '_' carries nothing
				long h = gramSeed;
				boolean onlySpace = true;
				for (int k = start; k < start + n; k++) {
					char c = chars.charAt(k);
					onlySpace &= c == '_';
					h = (h ^ c) * PRIME;
				}
				if (!onlySpace) {
					hashes[count++] = fold((h ^ 0x1f) * PRIME);
				}
			}
		}
		return Arrays.copyOf(hashes, count);
	}

	private static final long OFFSET = 0xcbf29ce484222325L;

	private static final long PRIME = 0x100000001b3L;

	/** Folds a 64-bit FNV-1a state to {@value #HASH_BITS} bits. */
	private static int fold(long h) {
		return (int) ((h ^ (h >>> 32)) & ((1L << HASH_BITS) - 1));
	}

	/** 64-bit FNV-1a over the string's chars, then a separator. */
	private static long mix(long h, String value) {
		for (int i = 0; i < value.length(); i++) {
			h = (h ^ value.charAt(i)) * PRIME;
		}
		return (h ^ 0x1f) * PRIME;
	}
}
