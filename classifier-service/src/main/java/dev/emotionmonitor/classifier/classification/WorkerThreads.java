package dev.emotionmonitor.classifier.classification;

import dev.emotionmonitor.classifier.config.ClassifierProperties;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The classifier's worker threads: each runs one {@link BatchingClassifier} loop, with its own predictor. */
@Configuration(proxyBeanMethods = false)
class WorkerThreads {

	@Bean
	ThreadPoolTaskExecutor classifierWorkers(ThreadPoolTaskExecutorBuilder builder, ClassifierProperties properties) {
		int workers = BatchingClassifier.workers(properties);
		return builder.corePoolSize(workers)
			.maxPoolSize(workers)
			.queueCapacity(0)
			.threadNamePrefix("classifier-worker-")
			// the loops end in BatchingClassifier's stop, after the server's drain; a lifecycle stop would wait for them
			.acceptTasksAfterContextClose(true)
			.build();
	}
}
