package dev.emotionmonitor.gateway.apilog;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The one thread that writes the API log ({@link ApiLogWriter}), so no request waits for the store. */
@Configuration(proxyBeanMethods = false)
class ApiLogScheduling {

	@Bean
	ThreadPoolTaskScheduler apiLogWriterThread(ThreadPoolTaskSchedulerBuilder builder) {
		ThreadPoolTaskScheduler thread = builder.poolSize(1).threadNamePrefix("api-log-writer-").build();
		// keeps writing while the server drains its last requests; the writer's destroy writes what is left on it
		thread.setAcceptTasksAfterContextClose(true);
		return thread;
	}
}
