package dev.emotionmonitor.classifier.registry;

import java.nio.file.Path;

import dev.emotionmonitor.common.web.UploadDirectory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Zipped model directories are received and unpacked in {@code emotion.classifier.upload-dir}, not in /tmp. */
@Configuration(proxyBeanMethods = false)
class ModelUploads {

	@Bean
	UploadDirectory modelUploadDirectory(@Value("${emotion.classifier.upload-dir}") Path directory) {
		return new UploadDirectory(directory, "model-import-", ".zip");
	}
}
