package dev.emotionmonitor.common.job;

/** Thrown by a job body (or {@link JobContext#throwIfCancelled()}) to stop on a cancel request. */
public class JobCancelledException extends RuntimeException {

	public JobCancelledException() {
		super("cancelled", null, false, false);
	}
}
