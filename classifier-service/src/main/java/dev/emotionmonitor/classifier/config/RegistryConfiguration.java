package dev.emotionmonitor.classifier.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.gridfs.ReactiveGridFsTemplate;

/** The GridFS bucket {@code model_files} that holds the registry's model archives. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

	@Bean
	ReactiveGridFsTemplate modelFiles(ReactiveMongoDatabaseFactory factory, MappingMongoConverter converter) {
		return new ReactiveGridFsTemplate(factory, converter, "model_files");
	}
}
