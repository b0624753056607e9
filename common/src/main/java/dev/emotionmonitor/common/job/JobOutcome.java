package dev.emotionmonitor.common.job;

import org.springframework.data.mongodb.core.query.Update;

/**
 * How a job body ended: succeeded or failed, with the service's fields to set in the same write as the final status
 * (a report, a problem, a model version).
 */
public record JobOutcome(JobStatus status, Update fields) {

	public JobOutcome {
		if (status != JobStatus.SUCCEEDED && status != JobStatus.FAILED) {
			throw new IllegalArgumentException("a job body ends succeeded or failed, not " + status);
		}
		fields = fields == null ? new Update() : fields;
	}

	public static JobOutcome succeeded(Update fields) {
		return new JobOutcome(JobStatus.SUCCEEDED, fields);
	}

	public static JobOutcome failed(Update fields) {
		return new JobOutcome(JobStatus.FAILED, fields);
	}
}
