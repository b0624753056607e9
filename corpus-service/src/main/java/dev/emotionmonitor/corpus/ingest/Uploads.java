package dev.emotionmonitor.corpus.ingest;

import dev.emotionmonitor.common.web.UploadDirectory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.emotionmonitor.corpus.config.CorpusProperties;

/** Uploads wait in {@code emotion.corpus.imports.upload-dir} (default: {@code uploads} in the data directory). */
@Configuration(proxyBeanMethods = false)
class Uploads {

	@Bean
	UploadDirectory uploadDirectory(CorpusProperties properties) {
		return new UploadDirectory(properties.imports().uploadDir(), "upload-", ".part");
	}
}
