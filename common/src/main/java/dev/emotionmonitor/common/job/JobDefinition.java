package dev.emotionmonitor.common.job;

import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.query.Update;

/**
 * What one kind of job (corpus imports, training runs, scrape runs) tells the kernel about its documents: the
 * collection that holds them (the service's own, with the service's own fields), its word for each status, and what
 * to do when a job ends. The kernel adds its fields {@value JobRunner#OWNER}, {@value JobRunner#HEARTBEAT_AT},
 * {@value JobRunner#CANCEL_REQUESTED} and {@value JobRunner#REVISION} to the same documents.
 */
public interface JobDefinition {

	/** What the jobs are called in logs ("import", "training run"). */
	String name();

	/** The service's collection of these jobs; {@code _id} is a string. */
	String collection();

	/**
	 * The service's stored (and shown) word for a status. Several states may share one word (an import shows
	 * {@code running} while it waits and {@code failed} when interrupted); the queued and running words must differ
	 * from every final one.
	 */
	String statusName(JobStatus status);

	/** The field set when a worker starts the job; null for none. */
	default String startedField() {
		return "startedAt";
	}

	/** The field set when the job reaches a final state. */
	default String finishedField() {
		return "finishedAt";
	}

	/**
	 * The fields of a job whose body threw something it did not turn into an outcome. The kernel logs the exception;
	 * the fields must not show a class name or a server path.
	 */
	default Update failed(String id, Throwable error) {
		return Update.update("error", "The " + name() + " failed because of a server error (logged as " + name() + " "
				+ id + ")");
	}

	/** The fields of a job found orphaned (its owner stopped or died). */
	default Update interrupted(String id) {
		return Update.update("error", "The service stopped while this " + name() + " was running; start it again");
	}

	/** The detail of the 503 answered when the bounded queue is full. */
	default String queueFull() {
		return "Too many " + name() + "s are waiting; try again when one of them has finished";
	}

	/**
	 * Runs once after a job reaches its final state, on whichever replica wrote it (the owner, a canceller, a
	 * recovering replica): release locks, remove what a failed job wrote.
	 */
	default Mono<Void> afterFinish(String id, JobStatus status) {
		return Mono.empty();
	}
}
