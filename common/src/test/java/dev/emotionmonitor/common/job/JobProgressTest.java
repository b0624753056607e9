package dev.emotionmonitor.common.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts, rate and ETA as every job kind shows them. */
class JobProgressTest {

	@Test
	void countsRateAndEtaAreComputedOnce() {
		JobProgress half = new JobProgress(500, 1000, 10);
		assertThat(half.percent()).isEqualTo(50.0);
		assertThat(half.ratePerSecond()).isEqualTo(50.0);
		assertThat(half.etaSeconds()).isEqualTo(10.0);
		JobProgress unknown = new JobProgress(7, -1, 2);
		assertThat(unknown.percent()).isNull();
		assertThat(unknown.etaSeconds()).isNull();
		assertThat(unknown.ratePerSecond()).isEqualTo(3.5);
		assertThat(new JobProgress(0, 100, 0).ratePerSecond()).isZero();
		assertThat(new JobProgress(0, 100, 3).etaSeconds()).isNull();
		assertThat(new JobProgress(150, 100, 3).percent()).isEqualTo(100.0);
	}
}
