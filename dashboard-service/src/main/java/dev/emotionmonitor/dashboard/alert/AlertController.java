package dev.emotionmonitor.dashboard.alert;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.dashboard.Window;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * Stored alerts: team alerts are visible to everyone, a member's alert only to that member and to admins.
 */
@RestController
class AlertController {

	private static final int MAX_SIZE = 500;

	private final ReactiveMongoTemplate mongo;

	private final AlertEvaluator evaluator;

	private final DashboardProperties properties;

	AlertController(ReactiveMongoTemplate mongo, AlertEvaluator evaluator, DashboardProperties properties) {
		this.mongo = mongo;
		this.evaluator = evaluator;
		this.properties = properties;
	}

	record Evaluation(String weekStart, int raised) {
	}

	@GetMapping("/alerts")
	Mono<ItemPage<AlertView>> alerts(@RequestParam(defaultValue = "open") String status,
			@RequestParam(required = false) String channel, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, @AuthenticationPrincipal Caller caller) {
		if (!List.of(Alert.OPEN, Alert.ACKNOWLEDGED, "all").contains(status)) {
			throw Problems.badRequest("status must be open, acknowledged or all.");
		}
		ItemPage.check(page, size, MAX_SIZE);
		Query query = "all".equals(status) ? new Query() : Query.query(Criteria.where("status").is(status));
		return this.mongo.find(query, Alert.class)
			.filter(alert -> visible(alert, caller))
			.filter(alert -> channel == null || channel.isBlank() || channel.equals(alert.channel())
					|| (alert.channels() != null && alert.channels().contains(channel)))
			.sort(Comparator.comparing(Alert::weekStart).thenComparing(Alert::updatedAt).reversed())
			.map(AlertView::of)
			.collectList()
			.map(all -> new ItemPage<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size()));
	}

	@GetMapping("/alerts/{id}")
	Mono<AlertView> alert(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return find(id).map(alert -> {
			if (!visible(alert, caller)) {
				throw notFound(id);
			}
			return AlertView.of(alert);
		});
	}

	/** Admins and services acknowledge any alert, a member their own. Acknowledging twice keeps the first. */
	@PostMapping("/alerts/{id}/acknowledge")
	Mono<AlertView> acknowledge(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return find(id).flatMap(alert -> {
			if (!visible(alert, caller)) {
				return Mono.error(notFound(id));
			}
			if (!caller.privileged() && !caller.is(alert.memberId())) {
				return Mono.error(Problems.forbidden("Only admins acknowledge team alerts."));
			}
			if (Alert.ACKNOWLEDGED.equals(alert.status())) {
				return Mono.just(AlertView.of(alert));
			}
			String by = caller.name() != null ? caller.name()
					: caller.memberId() != null ? caller.memberId() : caller.role().id();
			Update update = new Update().set("status", Alert.ACKNOWLEDGED)
				.set("acknowledgedAt", Instant.now())
				.set("acknowledgedBy", by);
			return this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, Alert.class)
				.then(find(id))
				.map(AlertView::of);
		});
	}

	/** Evaluates the rules for the week containing {@code week} (default today); admins and services only. */
	@PostMapping("/alerts/evaluate")
	Mono<Evaluation> evaluate(@RequestParam(required = false) String week, @RequestParam(required = false) String tz,
			@AuthenticationPrincipal Caller caller) {
		if (!caller.privileged()) {
			throw Problems.forbidden("Only admins and services evaluate the alert rules.");
		}
		var zone = Window.zone(tz, this.properties);
		var monday = Grain.WEEK.start(week == null || week.isBlank() ? java.time.LocalDate.now(zone) : Window.date(week, "week"));
		return this.evaluator.evaluate(zone, List.of(monday)).map(raised -> new Evaluation(monday.toString(), raised));
	}

	private Mono<Alert> find(String id) {
		return this.mongo.findById(id, Alert.class).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	private static boolean visible(Alert alert, Caller caller) {
		return !alert.aboutMember() || caller.maySee(alert.memberId());
	}

	private static RuntimeException notFound(String id) {
		return Problems.notFound("No alert " + id + ".");
	}
}
