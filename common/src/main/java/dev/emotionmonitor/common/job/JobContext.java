package dev.emotionmonitor.common.job;

import java.util.function.Supplier;

import org.springframework.data.mongodb.core.query.Update;

/**
 * A running job as its body sees it: progress saved at the kernel's cadence, and the cancel flag as last read from
 * the store (at each progress save and each heartbeat). Used from the job's worker thread only.
 */
public final class JobContext {

	private final JobRunner runner;

	private final JobRunner.Held job;

	private final long startNanos = System.nanoTime();

	private long lastSave = System.nanoTime();

	JobContext(JobRunner runner, JobRunner.Held job) {
		this.runner = runner;
		this.job = job;
	}

	public String id() {
		return this.job.id;
	}

	/** Seconds since the worker started the job. */
	public double elapsedSeconds() {
		return (System.nanoTime() - this.startNanos) / 1e9;
	}

	/**
	 * Cheap to call per item: saves {@code fields} (built only then) when {@code emotion.jobs.progress-every} has
	 * passed since the last save, and reads the cancel flag in the same round trip.
	 */
	public void progress(Supplier<Update> fields) {
		if (System.nanoTime() - this.lastSave >= this.runner.progressEveryNanos()) {
			save(fields.get());
		}
	}

	/** Saves {@code fields} now: a milestone worth showing at once (a phase change, the end of an epoch). */
	public void save(Update fields) {
		this.lastSave = System.nanoTime();
		this.runner.saveProgress(this.job, fields);
	}

	/** Whether someone asked (on any replica) to cancel the job, or this replica is stopping. */
	public boolean cancelRequested() {
		return this.job.cancel || this.runner.stopping();
	}

	public void throwIfCancelled() {
		if (cancelRequested()) {
			throw new JobCancelledException();
		}
	}
}
