package dev.emotionmonitor.scraper.config;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bounded scheduler that runs Selenium sessions, file parsing and other blocking work off the event loop. */
@Configuration(proxyBeanMethods = false)
class BlockingWork {

	@Bean(destroyMethod = "dispose")
	Scheduler blockingScheduler(ScraperProperties properties) {
		return Schedulers.newBoundedElastic(Math.max(1, properties.workers()), 100, "scraper-work");
	}
}
