package dev.emotionmonitor.classifier.model;

import ai.djl.training.tracker.Tracker;

/** The learning-rate schedules of the two kinds, as DJL trackers (updates are counted from 1). */
final class LearningRateSchedule {

	private LearningRateSchedule() {
	}

	/** Linear warm-up over {@code warmup} updates, then decay with the inverse square root of the update number. */
	static Tracker warmUpInverseSqrt(float base, int warmup) {
		return update -> {
			int step = Math.max(1, update);
			return base * (float) Math.min((double) step / warmup, Math.sqrt((double) warmup / step));
		};
	}

	/** fastText's schedule: linear decay from {@code base} towards zero over the planned updates (floor 5 %). */
	static Tracker linearDecay(float base, long plannedUpdates) {
		return update -> base * (float) Math.max(0.05, 1.0 - (double) update / Math.max(1, plannedUpdates));
	}
}
