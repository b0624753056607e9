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
import dev.emotionmonitor.dashboard.bucket.BucketKey;
import dev.emotionmonitor.dashboard.bucket.BucketStore;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/** The weekly digest of the week containing {@code week} (default: the last complete week), as JSON or Markdown. */
@RestController
class DigestController {

	private static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

	private final WeeklyDigest digest;

	private final DashboardProperties properties;

	private static final int LATEST_LOOKBACK_WEEKS = 52;

	private final BucketStore buckets;

	DigestController(WeeklyDigest digest, BucketStore buckets, DashboardProperties properties) {
		this.digest = digest;
		this.buckets = buckets;
		this.properties = properties;
	}

	@GetMapping("/digest")
	Mono<WeeklyDigest.Digest> digest(@RequestParam(required = false) String week,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String tz) {
		ZoneId zone = Window.zone(tz, this.properties);
		return week(week, zone, blankToNull(channel)).flatMap(day -> this.digest.digest(zone, day, blankToNull(channel)));
	}

	@GetMapping("/digest.md")
	Mono<ResponseEntity<String>> markdown(@RequestParam(required = false) String week,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String tz) {
		ZoneId zone = Window.zone(tz, this.properties);
		return week(week, zone, blankToNull(channel))
			.flatMap(day -> this.digest.digest(zone, day, blankToNull(channel)))
			.map(digest -> ResponseEntity.ok().contentType(MARKDOWN).body(WeeklyDigest.markdown(digest)));
	}

	/** The week asked for; by default the latest complete week with data, else the current week. */
	private Mono<LocalDate> week(String week, ZoneId zone, String channel) {
		if (week != null && !week.isBlank()) {
			return Mono.just(Window.date(week, "week"));
		}
		LocalDate today = LocalDate.now(zone);
		String channelId = channel == null ? BucketKey.ALL : channel;
		return this.buckets.latestWeekWithData(zone, channelId, today.minusWeeks(1), LATEST_LOOKBACK_WEEKS)
			.switchIfEmpty(Mono.just(today));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
