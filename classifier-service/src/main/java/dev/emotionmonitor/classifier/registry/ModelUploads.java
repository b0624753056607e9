package dev.emotionmonitor.classifier.registry;

import dev.emotionmonitor.classifier.config.ClassifierProperties;
import dev.emotionmonitor.common.web.UploadDirectory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Zipped model directories are received and unpacked in {@code emotion.classifier.upload-dir}, not in /tmp. */
@Configuration(proxyBeanMethods = false)
class ModelUploads {

	@Bean
	UploadDirectory modelUploadDirectory(ClassifierProperties properties) {
		return new UploadDirectory(properties.uploadDir(), "model-import-", ".zip");
	}
}
