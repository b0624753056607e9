package dev.emotionmonitor.corpus.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.emotionmonitor.common.job.JobDefinition;
import dev.emotionmonitor.common.job.JobOwner;
import dev.emotionmonitor.common.job.JobProperties;
import dev.emotionmonitor.common.job.JobRunner;
import dev.emotionmonitor.common.job.JobStatus;
import dev.emotionmonitor.corpus.config.CorpusProperties;
import dev.emotionmonitor.corpus.dialogue.Dialogue;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Imports as jobs of the common kernel: the {@code imports} collection, the words the API has always shown
 * ({@code running} while waiting or running, {@code completed}, {@code failed} for every other end, with a problem),
 * and what an import that did not complete leaves to undo (its dialogues) and to free (its dataset's lock).
 */
@Configuration(proxyBeanMethods = false)
class ImportJobs {

	@Bean
	ThreadPoolTaskExecutor importExecutor(CorpusProperties properties) {
		return JobRunner.executor("corpus-import-", properties.imports().workers(),
				properties.imports().queueCapacity());
	}

	@Bean
	JobRunner importRunner(ReactiveMongoTemplate mongo, ImportLocks locks,
			@Qualifier("importExecutor") ThreadPoolTaskExecutor importExecutor, JobOwner owner,
			JobProperties properties) {
		return new JobRunner(new Definition(mongo, locks), mongo, importExecutor, owner, properties);
	}

	static Map<String, Object> problem(HttpStatus status, String detail, Map<String, Object> properties) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.putAll(properties);
		return problem;
	}

	private record Definition(ReactiveMongoTemplate mongo, ImportLocks locks) implements JobDefinition {

		@Override
		public String name() {
			return "import";
		}

		@Override
		public String collection() {
			return "imports";
		}

		@Override
		public String statusName(JobStatus status) {
			return switch (status) {
				case QUEUED, RUNNING -> ImportJob.RUNNING;
				case SUCCEEDED -> ImportJob.COMPLETED;
				case FAILED, CANCELLED, INTERRUPTED -> ImportJob.FAILED;
			};
		}

		@Override
		public String startedField() {
			return null;
		}

		@Override
		public Update failed(String id, Throwable error) {
			return Update.update("problem", problem(HttpStatus.INTERNAL_SERVER_ERROR,
					"The import failed because of a server error (logged as import " + id + ")", Map.of()));
		}

		@Override
		public Update interrupted(String id) {
			return Update.update("problem", problem(HttpStatus.INTERNAL_SERVER_ERROR,
					"The service stopped while this import was running; import the file again", Map.of()));
		}

		@Override
		public String queueFull() {
			return "Too many imports are waiting; try again when one of them has finished";
		}

		/** Frees the dataset; an import that did not complete takes its dialogues with it. */
		@Override
		public Mono<Void> afterFinish(String id, JobStatus status) {
			Mono<Void> undo = status == JobStatus.SUCCEEDED ? Mono.empty()
					: this.mongo.remove(Query.query(where("importId").is(id)), Dialogue.class).then();
			return undo.then(this.locks.release(id));
		}
	}
}
