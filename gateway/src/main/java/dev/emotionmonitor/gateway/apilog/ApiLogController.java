package dev.emotionmonitor.gateway.apilog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The API usage log, for admins: entries newest first with filters, and counts per member, route and status. */
@RestController
@RequestMapping("/api/admin/api-log")
class ApiLogController {

	private final ReactiveMongoTemplate mongo;

	ApiLogController(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@GetMapping
	Mono<LogPage> entries(@RequestParam(name = "member_id", required = false) String memberId,
			@RequestParam(required = false) String route, @RequestParam(required = false) String method,
			@RequestParam(required = false) String status, @RequestParam(name = "path", required = false) String pathPrefix,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		ItemPage.check(page, size, 1000);
		Criteria filter = filter(memberId, route, method, status, pathPrefix, from, to);
		// _id breaks ties of one instant, so that pages neither skip nor repeat entries
		Query query = Query.query(filter).with(Sort.by(Sort.Direction.DESC, "at", "_id")).skip((long) page * size)
			.limit(size);
		Mono<List<EntryView>> items = mongo.find(query, ApiLogEntry.class).map(EntryView::of).collectList();
		Mono<Long> total = mongo.count(Query.query(filter), ApiLogEntry.class);
		Mono<List<GapView>> gaps = mongo
			.find(Query.query(gapFilter(from, to)).with(Sort.by(Sort.Direction.DESC, "from")).limit(100), ApiLogGap.class)
			.map(gap -> new GapView(gap.from(), gap.to(), gap.dropped(), gap.reason()))
			.collectList();
		return Mono.zip(items, total, gaps)
			.map(all -> new LogPage(all.getT1(), page, size, all.getT2(), all.getT3()));
	}

	@GetMapping("/counts")
	Mono<Counts> counts(@RequestParam(name = "member_id", required = false) String memberId,
			@RequestParam(required = false) String route, @RequestParam(required = false) String method,
			@RequestParam(required = false) String status, @RequestParam(name = "path", required = false) String pathPrefix,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		Criteria filter = filter(memberId, route, method, status, pathPrefix, from, to);
		Mono<List<Count>> byMember = group(filter, "memberId");
		Mono<List<Count>> byRoute = group(filter, "route");
		Mono<List<Count>> byStatus = group(filter, "status");
		return Mono.zip(byMember, byRoute, byStatus).map(all -> new Counts(
				all.getT1().stream().mapToLong(Count::count).sum(), all.getT1(), all.getT2(), all.getT3()));
	}

	private Mono<List<Count>> group(Criteria filter, String field) {
		Aggregation aggregation = Aggregation.newAggregation(Aggregation.match(filter),
				Aggregation.group(field).count().as("count").first("memberName").as("memberName"),
				Aggregation.sort(Sort.Direction.DESC, "count"));
		return mongo.aggregate(aggregation, "api_log", Document.class)
			.map(row -> new Count(row.get("_id") == null ? ("memberId".equals(field) ? "anonymous" : null)
					: String.valueOf(row.get("_id")),
					"memberId".equals(field) ? row.getString("memberName") : null,
					((Number) row.get("count")).longValue()))
			.collectList();
	}

	private static Criteria filter(String memberId, String route, String method, String status, String pathPrefix,
			String from, String to) {
		Criteria criteria = new Criteria();
		if (memberId != null && !memberId.isBlank()) {
			criteria.and("memberId").is(memberId.equals("anonymous") ? null : memberId);
		}
		if (route != null && !route.isBlank()) {
			criteria.and("route").is(route);
		}
		if (method != null && !method.isBlank()) {
			criteria.and("method").is(method.toUpperCase(Locale.ROOT));
		}
		if (status != null && !status.isBlank()) {
			criteria.and("status").gte(statusFrom(status)).lte(statusTo(status));
		}
		if (pathPrefix != null && !pathPrefix.isBlank()) {
			criteria.and("path").regex("^" + java.util.regex.Pattern.quote(pathPrefix));
		}
		if (from != null || to != null) {
			Criteria at = criteria.and("at");
			if (from != null) {
				at.gte(instant("from", from));
			}
			if (to != null) {
				at.lt(instant("to", to));
			}
		}
		return criteria;
	}

	private static Criteria gapFilter(String from, String to) {
		Criteria criteria = new Criteria();
		if (from != null) {
			criteria.and("to").gte(instant("from", from));
		}
		if (to != null) {
			criteria.and("from").lt(instant("to", to));
		}
		return criteria;
	}

	/** {@code 404} or a class such as {@code 4xx}. */
	private static int statusFrom(String status) {
		return parseStatus(status, '0');
	}

	private static int statusTo(String status) {
		return parseStatus(status, '9');
	}

	private static int parseStatus(String status, char fill) {
		String value = status.strip().toLowerCase(Locale.ROOT).replace('x', fill);
		if (!value.matches("[1-5][0-9][0-9]")) {
			throw Problems.badRequest("status must be a code such as 404 or a class such as 4xx, not '" + status + "'");
		}
		return Integer.parseInt(value);
	}

	private static Instant instant(String name, String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw Problems.badRequest(name + " must be an ISO-8601 UTC time such as 2026-11-24T00:00:00Z, not '"
					+ value + "'");
		}
	}

	record EntryView(String id, Instant at, String memberId, String memberName, String role, String credential,
			String method, String route, String path, int status, double latencyMs, long bytesIn, long bytesOut,
			String client) {

		static EntryView of(ApiLogEntry entry) {
			return new EntryView(entry.id(), entry.at(), entry.memberId(), entry.memberName(), entry.role(),
					entry.credential(), entry.method(), entry.route(), entry.path(), entry.status(), entry.latencyMs(),
					entry.bytesIn(), entry.bytesOut(), entry.client());
		}
	}

	record GapView(Instant from, Instant to, long dropped, String reason) {
	}

	/** Entries, newest first, with the gaps in the log over the same period. */
	record LogPage(List<EntryView> items, int page, int size, long total, List<GapView> gaps) {
	}

	record Count(String key, String memberName, long count) {
	}

	record Counts(long total, List<Count> byMember, List<Count> byRoute, List<Count> byStatus) {
	}
}
