package dev.emotionmonitor.common.job;

/**
 * Where a job stands. Each service stores and shows its own word for each state ({@link JobDefinition#statusName});
 * the kernel reasons with these.
 */
public enum JobStatus {

	/** Recorded and waiting in its owner's bounded queue. */
	QUEUED,

	/** A worker of its owner runs it and beats for it. */
	RUNNING,

	SUCCEEDED,

	FAILED,

	/** Stopped on request: from the queue at once, or by its worker at its next progress save. */
	CANCELLED,

	/** Its owner stopped or died (no heartbeat for longer than {@code emotion.jobs.stale-after}). */
	INTERRUPTED;

	public boolean isFinal() {
		return this != QUEUED && this != RUNNING;
	}
}
