package dev.emotionmonitor.common.job;

/**
 * Counts, rate and ETA of a job, computed the same way for every kind: {@code done} of {@code total} units (records,
 * bytes, messages) in {@code elapsedSeconds}.
 *
 * @param total the units expected; negative when unknown
 */
public record JobProgress(long done, long total, double elapsedSeconds) {

	/** Units per second, one decimal; 0 before any time has passed. */
	public double ratePerSecond() {
		return this.elapsedSeconds > 0 ? round1(this.done / this.elapsedSeconds) : 0;
	}

	/** Share of the total done, in percent with one decimal (at most 100); null while the total is unknown. */
	public Double percent() {
		return this.total > 0 ? round1(fraction() * 100) : null;
	}

	/** Seconds left at the pace so far, one decimal; null while the total or the pace is unknown. */
	public Double etaSeconds() {
		double fraction = this.total > 0 ? fraction() : 0;
		return fraction > 0 ? round1(this.elapsedSeconds * (1 - fraction) / fraction) : null;
	}

	private double fraction() {
		return Math.min(1.0, (double) this.done / this.total);
	}

	private static double round1(double value) {
		return Math.round(value * 10) / 10.0;
	}
}
