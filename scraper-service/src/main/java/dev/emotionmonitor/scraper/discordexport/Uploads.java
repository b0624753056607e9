package dev.emotionmonitor.scraper.discordexport;

import dev.emotionmonitor.common.web.UploadDirectory;
import dev.emotionmonitor.scraper.config.ScraperProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exports wait in {@code emotion.scraper.imports.temp-dir} (default: {@code uploads} in the data directory). */
@Configuration(proxyBeanMethods = false)
class Uploads {

	@Bean
	UploadDirectory uploadDirectory(ScraperProperties properties) {
		return new UploadDirectory(properties.imports().tempDir(), "discord-export-", ".json");
	}
}
