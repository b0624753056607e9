package dev.emotionmonitor.scraper.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the periodic outbox worker and the source schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {
}
