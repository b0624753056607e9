package dev.emotionmonitor.classifier.registry;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The replica's model housekeeping: {@link ModelSync} polls the registry's active version on it, one poll at a time. */
@Configuration(proxyBeanMethods = false)
class ModelScheduling {

	@Bean
	ThreadPoolTaskScheduler modelScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.poolSize(1).threadNamePrefix("model-").build();
	}
}
