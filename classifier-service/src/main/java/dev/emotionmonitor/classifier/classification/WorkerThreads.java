package dev.emotionmonitor.classifier.classification;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/** The classifier's worker threads: each runs one {@link BatchingClassifier} loop, with its own predictor. */
@Configuration(proxyBeanMethods = false)
class WorkerThreads {

	/**
	 * A thread per loop, for the service's whole life. Not a pooled executor: its lifecycle stop waits for running
	 * tasks, and these loops only end in {@link BatchingClassifier}'s stop, after the server's drain, so every shutdown
	 * would wait out the 30 s stop timeout.
	 */
	@Bean
	SimpleAsyncTaskExecutor classifierWorkers(SimpleAsyncTaskExecutorBuilder builder) {
		return builder.threadNamePrefix("classifier-worker-").build();
	}
}
