package dev.emotionmonitor.scraper.source;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /sources}. */
record NewSource(@NotBlank String name,
		@NotBlank @Pattern(regexp = "web|discord-export|discord-api",
				message = "must be web, discord-export or discord-api") String kind,
		String site, String url, @Pattern(regexp = "\\d{1,20}", message = "must be a Discord id (digits)") String guildId,
		String guildName, @Pattern(regexp = "\\d{1,20}", message = "must be a Discord id (digits)") String channelId,
		String channelName, String schedule, Instant since, String template, Map<String, String> selectors,
		String profileDir) {
}
