package dev.emotionmonitor.corpus.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A train/validation split that keeps every group (persona/situation block) on one side: a group goes to
 * validation when the hash of seed and group falls below the ratio. Deterministic for a seed, independent of order
 * and of what else is in the corpus; the share of groups is close to, not exactly, the ratio.
 */
final class GroupedSplit {

	private final String seed;

	private final double validationRatio;

	GroupedSplit(long seed, double validationRatio) {
		this.seed = Long.toString(seed);
		this.validationRatio = validationRatio;
	}

	String partOf(String group) {
		return position(group) < this.validationRatio ? "validation" : "train";
	}

	/** A uniform number in [0, 1) from the first 53 bits of SHA-256(seed:group). */
	private double position(String group) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((this.seed + ":" + group).getBytes(StandardCharsets.UTF_8));
			long bits = 0;
			for (int i = 0; i < 8; i++) {
				bits = (bits << 8) | (digest[i] & 0xFF);
			}
			return (bits >>> 11) / (double) (1L << 53);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
