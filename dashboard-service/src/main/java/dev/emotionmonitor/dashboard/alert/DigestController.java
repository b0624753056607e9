package dev.emotionmonitor.dashboard.alert;

import java.time.LocalDate;
import java.time.ZoneId;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.emotionmonitor.dashboard.Window;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/** The weekly digest of the week containing {@code week} (default: the last complete week), as JSON or Markdown. */
@RestController
class DigestController {

	private static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

	private final WeeklyDigest digest;

	private final DashboardProperties properties;

	DigestController(WeeklyDigest digest, DashboardProperties properties) {
		this.digest = digest;
		this.properties = properties;
	}

	@GetMapping("/digest")
	Mono<WeeklyDigest.Digest> digest(@RequestParam(required = false) String week,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String tz) {
		ZoneId zone = Window.zone(tz, this.properties);
		return this.digest.digest(zone, day(week, zone), blankToNull(channel));
	}

	@GetMapping("/digest.md")
	Mono<ResponseEntity<String>> markdown(@RequestParam(required = false) String week,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String tz) {
		ZoneId zone = Window.zone(tz, this.properties);
		return this.digest.digest(zone, day(week, zone), blankToNull(channel))
			.map(digest -> ResponseEntity.ok().contentType(MARKDOWN).body(WeeklyDigest.markdown(digest)));
	}

	private static LocalDate day(String week, ZoneId zone) {
		return week == null || week.isBlank() ? LocalDate.now(zone).minusWeeks(1) : Window.date(week, "week");
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
