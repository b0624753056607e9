package dev.emotionmonitor.dashboard.aggregate;

import java.time.LocalDate;
import java.time.ZoneId;

import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.dashboard.Window;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/** Team and member figures: every endpoint takes from/to (local dates), channel, tz; member where it applies. */
@RestController
class AggregateController {

	private static final int DEFAULT_DAYS = 12 * 7;

	private final Aggregates aggregates;

	private final DashboardProperties properties;

	AggregateController(Aggregates aggregates, DashboardProperties properties) {
		this.aggregates = aggregates;
		this.properties = properties;
	}

	@GetMapping("/distribution")
	Mono<Views.Distribution> distribution(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String member, @RequestParam(required = false) String tz,
			@AuthenticationPrincipal Caller caller) {
		return this.aggregates.distribution(window(from, to, tz), blankToNull(channel), blankToNull(member),
				caller);
	}

	@GetMapping("/timeline")
	Mono<Views.Timeline> timeline(@RequestParam(defaultValue = "week") String grain,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String member,
			@RequestParam(required = false) String tz, @AuthenticationPrincipal Caller caller) {
		return this.aggregates.timeline(window(from, to, tz), grain(grain), blankToNull(channel), blankToNull(member),
				caller);
	}

	/** A member's own history; the same as {@code /timeline?member=}. */
	@GetMapping("/members/{memberId}/timeline")
	Mono<Views.Timeline> memberTimeline(@PathVariable String memberId, @RequestParam(defaultValue = "week") String grain,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String tz,
			@AuthenticationPrincipal Caller caller) {
		return this.aggregates.timeline(window(from, to, tz), grain(grain), blankToNull(channel), memberId,
				caller);
	}

	@GetMapping("/negative-share")
	Mono<Views.NegativeShare> negativeShare(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String member, @RequestParam(required = false) String tz,
			@AuthenticationPrincipal Caller caller) {
		return this.aggregates.negativeShare(window(from, to, tz), blankToNull(channel), blankToNull(member),
				caller);
	}

	/**
	 * The members table of the week containing {@code week}; without it, of the latest week with data on or before
	 * {@code to} (default today).
	 */
	@GetMapping("/members")
	Mono<Views.Members> members(@RequestParam(required = false) String week, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String tz,
			@AuthenticationPrincipal Caller caller) {
		ZoneId zone = Window.zone(tz, this.properties);
		boolean exactWeek = week != null && !week.isBlank();
		String day = exactWeek ? week : to;
		LocalDate date = day == null || day.isBlank() ? LocalDate.now(zone) : Window.date(day, exactWeek ? "week" : "to");
		return this.aggregates.members(zone, date, exactWeek, blankToNull(channel), caller);
	}

	@GetMapping("/channels")
	Mono<Views.Channels> channels() {
		return this.aggregates.channels();
	}

	private Window window(String from, String to, String tz) {
		return Window.of(from, to, tz, DEFAULT_DAYS, this.properties);
	}

	private static Grain grain(String grain) {
		return Grain.byId(grain)
			.orElseThrow(() -> Problems.badRequest("grain \"" + grain + "\" is not one of day, week, month."));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
