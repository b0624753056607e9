package dev.emotionmonitor.common.job;

/** The work of one job, run on a worker thread of its kind's bounded executor (blocking is fine there). */
@FunctionalInterface
public interface JobBody {

	/**
	 * Does the work, saving progress through {@code job} and checking {@link JobContext#cancelRequested()} between
	 * steps. Throw {@link JobCancelledException} to stop on request; any other exception fails the job with
	 * {@link JobDefinition#failed}.
	 */
	JobOutcome run(JobContext job) throws Exception;
}
