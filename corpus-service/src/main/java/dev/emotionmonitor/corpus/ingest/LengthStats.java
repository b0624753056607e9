package dev.emotionmonitor.corpus.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Distribution of the person's text length (characters of HS01…HS04 together), mergeable across imports.
 *
 * @param buckets counts for lengths below 20, 40, 60, 80, 100, 150, 200 and 200 or more
 */
public record LengthStats(long count, long sum, int min, int max, List<Long> buckets) {

	public static final int[] UPPER_BOUNDS = { 20, 40, 60, 80, 100, 150, 200 };

	public static LengthStats empty() {
		List<Long> buckets = new ArrayList<>();
		for (int i = 0; i <= UPPER_BOUNDS.length; i++) {
			buckets.add(0L);
		}
		return new LengthStats(0, 0, 0, 0, buckets);
	}

	public LengthStats plus(LengthStats other) {
		if (other == null || other.count == 0) {
			return this;
		}
		if (this.count == 0) {
			return other;
		}
		List<Long> merged = new ArrayList<>(this.buckets);
		for (int i = 0; i < merged.size() && i < other.buckets.size(); i++) {
			merged.set(i, merged.get(i) + other.buckets.get(i));
		}
		return new LengthStats(this.count + other.count, this.sum + other.sum, Math.min(this.min, other.min),
				Math.max(this.max, other.max), merged);
	}

	static int bucket(int length) {
		for (int i = 0; i < UPPER_BOUNDS.length; i++) {
			if (length < UPPER_BOUNDS[i]) {
				return i;
			}
		}
		return UPPER_BOUNDS.length;
	}

	/** Single-threaded accumulator used while an import runs. */
	static final class Builder {

		private long count;

		private long sum;

		private int min = Integer.MAX_VALUE;

		private int max;

		private final long[] buckets = new long[UPPER_BOUNDS.length + 1];

		void add(int length) {
			this.count++;
			this.sum += length;
			this.min = Math.min(this.min, length);
			this.max = Math.max(this.max, length);
			this.buckets[bucket(length)]++;
		}

		LengthStats build() {
			List<Long> list = new ArrayList<>(this.buckets.length);
			for (long value : this.buckets) {
				list.add(value);
			}
			return new LengthStats(this.count, this.sum, this.count == 0 ? 0 : this.min, this.max, list);
		}
	}
}
