package dev.emotionmonitor.classifier.training;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.emotionmonitor.classifier.config.ClassifierProperties;
import dev.emotionmonitor.common.job.JobDefinition;
import dev.emotionmonitor.common.job.JobOwner;
import dev.emotionmonitor.common.job.JobProperties;
import dev.emotionmonitor.common.job.JobRunner;
import dev.emotionmonitor.common.job.JobStatus;

/**
 * Training runs as jobs of the common kernel: one runs at a time (training is CPU-bound and the machine is small),
 * {@code training-queue} more may wait; the {@code training_runs} collection, with the statuses {@code queued},
 * {@code running}, {@code succeeded}, {@code failed}, {@code cancelled} and {@code interrupted}.
 */
@Configuration(proxyBeanMethods = false)
class TrainingRunJobs {

	@Bean
	ThreadPoolTaskExecutor trainingExecutor(ClassifierProperties properties) {
		return JobRunner.executor("training-", 1, Math.max(1, properties.trainingQueue()));
	}

	@Bean
	JobRunner trainingRunner(ReactiveMongoTemplate mongo,
			@Qualifier("trainingExecutor") ThreadPoolTaskExecutor trainingExecutor, JobOwner owner,
			JobProperties jobProperties, ClassifierProperties properties) {
		return new JobRunner(new Definition(properties.trainingQueue()), mongo, trainingExecutor, owner,
				jobProperties);
	}

	private record Definition(int queue) implements JobDefinition {

		@Override
		public String name() {
			return "training run";
		}

		@Override
		public String collection() {
			return "training_runs";
		}

		@Override
		public String statusName(JobStatus status) {
			return status.name().toLowerCase(java.util.Locale.ROOT);
		}

		@Override
		public Update failed(String id, Throwable error) {
			return Update.update("error", "the training run failed because of a server error (logged as training run "
					+ id + ")");
		}

		@Override
		public Update interrupted(String id) {
			return Update.update("error", "the service stopped while this run was going on; start it again");
		}

		@Override
		public String queueFull() {
			return "the training queue is full (" + this.queue + " runs waiting); try again after one finishes";
		}
	}
}
