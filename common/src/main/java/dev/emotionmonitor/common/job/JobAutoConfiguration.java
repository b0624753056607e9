package dev.emotionmonitor.common.job;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** The job kernel's settings and this replica's owner id; each service declares its own {@link JobRunner}s. */
@AutoConfiguration
@ConditionalOnClass(ReactiveMongoTemplate.class)
@EnableConfigurationProperties(JobProperties.class)
public class JobAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JobOwner jobOwner() {
		return JobOwner.ofThisProcess();
	}
}
