package dev.emotionmonitor.dashboard.export;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import dev.emotionmonitor.common.emotion.Emotion;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.dashboard.Window;
import dev.emotionmonitor.dashboard.bucket.Anonymity;
import dev.emotionmonitor.dashboard.bucket.BucketKey;
import dev.emotionmonitor.dashboard.bucket.BucketStore;
import dev.emotionmonitor.dashboard.bucket.Directory;
import dev.emotionmonitor.dashboard.bucket.EmotionTotals;
import dev.emotionmonitor.dashboard.bucket.Grain;
import dev.emotionmonitor.dashboard.config.DashboardProperties;
import dev.emotionmonitor.dashboard.observation.Observation;

/**
 * Read-only exports for Grafana (JSON, {@code $.data}), Google Sheets {@code IMPORTDATA} and Excel (CSV). The gateway
 * checks export tokens and forwards the caller's identity; message-level rows are limited to what the caller may see.
 */
@RestController
class ExportController {

	static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	static final List<String> OBSERVATION_COLUMNS;

	/** New columns go last, so that readers by position keep working; a thread's row names its parent channel. */
	static final List<String> WEEKLY_COLUMNS = List.of("period_start", "channel_id", "channel", "emotion", "n",
			"mean_score", "emotion_ko", "parent_channel_id");

	static {
		List<String> columns = new ArrayList<>(List.of("source", "message_id", "section", "member_id", "member_name",
				"channel_id", "channel", "guild", "at", "local_date", "label", "label_ko"));
		columns.addAll(Emotion.ids());
		columns.add("model_version");
		columns.add("parent_channel_id");
		OBSERVATION_COLUMNS = List.copyOf(columns);
	}

	private static final int DEFAULT_WEEKLY_DAYS = 26 * 7;

	private static final int DEFAULT_OBSERVATION_DAYS = 28;

	private final ReactiveMongoTemplate mongo;

	private final BucketStore buckets;

	private final Directory directory;

	private final ExportCaching caching;

	private final DashboardProperties properties;

	ExportController(ReactiveMongoTemplate mongo, BucketStore buckets, Directory directory, ExportCaching caching,
			DashboardProperties properties) {
		this.mongo = mongo;
		this.buckets = buckets;
		this.directory = directory;
		this.caching = caching;
		this.properties = properties;
	}

	/** {@code next_cursor} is always written, {@code null} on the last page: readers test it to stop paging. */
	record Meta(LocalDate from, LocalDate to, String zone, Instant generatedAt,
			@JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor, int count) {
	}

	record JsonExport(List<Map<String, Object>> data, Meta meta) {
	}

	private record Page(Window window, List<Map<String, Object>> rows, String nextCursor) {
	}

	@GetMapping("/exports/observations.csv")
	Mono<ResponseEntity<byte[]>> observationsCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String tz,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String member,
			@RequestParam(required = false) String after, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String bom, ServerWebExchange exchange,
			@AuthenticationPrincipal Caller caller) {
		Window window = Window.of(from, to, tz, DEFAULT_OBSERVATION_DAYS, this.properties);
		return this.caching.check(exchange, caller).flatMap(validators -> {
			if (validators.notModified()) {
				return Mono.just(validators.notModifiedResponse());
			}
			return observations(window, channel, member, after, limit, caller).map(page -> {
				Csv csv = new Csv(OBSERVATION_COLUMNS);
				page.rows().forEach(row -> csv.row(OBSERVATION_COLUMNS.stream().map(row::get).toList()));
				return withNext(validators.ok(), exchange, page.nextCursor()).contentType(CSV)
					.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"observations.csv\"")
					.body(csv.bytes(flag(bom)));
			});
		});
	}

	@GetMapping("/exports/observations.json")
	Mono<ResponseEntity<JsonExport>> observationsJson(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String tz,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String member,
			@RequestParam(required = false) String after, @RequestParam(required = false) Integer limit,
			ServerWebExchange exchange,
			@AuthenticationPrincipal Caller caller) {
		Window window = Window.of(from, to, tz, DEFAULT_OBSERVATION_DAYS, this.properties);
		return this.caching.check(exchange, caller).flatMap(validators -> {
			if (validators.notModified()) {
				return Mono.just(validators.<JsonExport>notModifiedResponse());
			}
			return observations(window, channel, member, after, limit, caller)
				.map(page -> withNext(validators.ok(), exchange, page.nextCursor()).contentType(MediaType.APPLICATION_JSON)
					.body(new JsonExport(page.rows(), meta(window, page.nextCursor(), page.rows().size()))));
		});
	}

	@GetMapping("/exports/weekly.csv")
	Mono<ResponseEntity<byte[]>> weeklyCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String tz,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String bom,
			ServerWebExchange exchange,
			@AuthenticationPrincipal Caller caller) {
		Window window = Window.of(from, to, tz, DEFAULT_WEEKLY_DAYS, this.properties);
		return this.caching.check(exchange, caller).flatMap(validators -> {
			if (validators.notModified()) {
				return Mono.just(validators.notModifiedResponse());
			}
			return weekly(window, channel).map(rows -> {
				Csv csv = new Csv(WEEKLY_COLUMNS);
				rows.forEach(row -> csv.row(WEEKLY_COLUMNS.stream().map(row::get).toList()));
				return validators.ok().contentType(CSV)
					.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"weekly.csv\"")
					.body(csv.bytes(flag(bom)));
			});
		});
	}

	@GetMapping("/exports/weekly.json")
	Mono<ResponseEntity<JsonExport>> weeklyJson(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String tz,
			@RequestParam(required = false) String channel, ServerWebExchange exchange,
			@AuthenticationPrincipal Caller caller) {
		Window window = Window.of(from, to, tz, DEFAULT_WEEKLY_DAYS, this.properties);
		return this.caching.check(exchange, caller).flatMap(validators -> {
			if (validators.notModified()) {
				return Mono.just(validators.<JsonExport>notModifiedResponse());
			}
			return weekly(window, channel).map(rows -> validators.ok().contentType(MediaType.APPLICATION_JSON)
				.body(new JsonExport(rows, meta(window, null, rows.size()))));
		});
	}

	private Mono<Page> observations(Window window, String channel, String member, String after, Integer limit,
			Caller caller) {
		int pageSize = limit == null ? this.properties.exports().pageSize() : limit;
		if (pageSize < 1 || pageSize > this.properties.exports().maxPageSize()) {
			throw Problems.badRequest("limit must be between 1 and " + this.properties.exports().maxPageSize() + ".");
		}
		Instant start = window.from().atStartOfDay(window.zone()).toInstant();
		Instant end = window.to().plusDays(1).atStartOfDay(window.zone()).toInstant();
		List<Criteria> filters = new ArrayList<>();
		filters.add(Criteria.where("at").gte(start).lt(end));
		if (channel != null && !channel.isBlank()) {
			filters.add(Criteria.where("channelId").is(channel.trim()));
		}
		if (member != null && !member.isBlank()) {
			caller.requireMaySee(member.trim());
			filters.add(Criteria.where("memberId").is(member.trim()));
		}
		else if (!caller.privileged()) {
			List<String> own = new ArrayList<>(caller.identities());
			if (caller.memberId() != null) {
				own.add(caller.memberId());
			}
			filters.add(Criteria.where("memberId").in(own));
		}
		if (after != null && !after.isBlank()) {
			ExportCursor cursor = ExportCursor.decode(after);
			filters.add(new Criteria().orOperator(Criteria.where("at").gt(cursor.at()),
					new Criteria().andOperator(Criteria.where("at").is(cursor.at()), Criteria.where("_id").gt(cursor.id()))));
		}
		Query query = new Query(new Criteria().andOperator(filters)).with(Sort.by("at", "_id")).limit(pageSize + 1);
		return this.mongo.find(query, Observation.class).collectList().map(found -> {
			List<Observation> page = found.size() > pageSize ? found.subList(0, pageSize) : found;
			String next = found.size() > pageSize
					? new ExportCursor(page.get(page.size() - 1).at(), page.get(page.size() - 1).id()).encode() : null;
			return new Page(window, page.stream().map(observation -> row(observation, window)).toList(), next);
		});
	}

	private static Map<String, Object> row(Observation observation, Window window) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("source", observation.source());
		row.put("message_id", observation.messageId());
		row.put("section", observation.section());
		row.put("member_id", observation.memberId());
		row.put("member_name", observation.memberName());
		row.put("channel_id", observation.channelId());
		row.put("channel", observation.channel());
		row.put("guild", observation.guild());
		row.put("at", observation.at().toString());
		row.put("local_date", observation.at().atZone(window.zone()).toLocalDate().toString());
		row.put("label", observation.label());
		row.put("label_ko", Emotion.byId(observation.label()).map(Emotion::korean).orElse(null));
		for (Emotion emotion : Emotion.ALL) {
			row.put(emotion.id(), observation.scores().get(emotion.id()));
		}
		row.put("model_version", observation.modelVersion());
		row.put("parent_channel_id", observation.parentChannelId());
		return row;
	}

	/**
	 * Long form, one row per week, channel and emotion: n observations labelled with it and its mean score over all the
	 * week's observations. Without {@code channel} every channel; {@code channel=*} the whole team. Weeks with fewer
	 * than k distinct members are left out.
	 */
	private Mono<List<Map<String, Object>>> weekly(Window window, String channel) {
		boolean team = BucketKey.ALL.equals(channel == null ? null : channel.trim());
		Mono<Map<String, Directory.Channel>> known = this.directory.channels()
			.collectMap(Directory.Channel::id, Function.identity(), LinkedHashMap::new);
		List<LocalDate> weeks = Grain.WEEK.periods(window.from(), window.to());
		return known.flatMap(channels -> {
			List<String> names = channel == null || channel.isBlank() ? List.copyOf(channels.keySet())
					: List.of(channel.trim());
			long rows = (long) weeks.size() * names.size() * Emotion.COUNT;
			if (rows > this.properties.exports().rowCap()) {
				return Mono.error(Problems.badRequest("This export could reach " + rows + " rows; the cap is "
						+ this.properties.exports().rowCap() + ". Narrow from/to or pick a channel."));
			}
			List<BucketKey> keys = new ArrayList<>();
			List<BucketKey> parts = new ArrayList<>();
			for (LocalDate week : weeks) {
				for (String name : names) {
					keys.add(new BucketKey(window.zone().getId(), Grain.WEEK, week, name, BucketKey.ALL));
				}
				if (team) {
					channels.keySet().forEach(id -> parts.add(new BucketKey(window.zone().getId(), Grain.WEEK, week, id, BucketKey.ALL)));
				}
			}
			List<BucketKey> all = new ArrayList<>(keys);
			all.addAll(parts);
			return this.buckets.find(all).map(found -> {
				List<Map<String, Object>> out = new ArrayList<>();
				for (BucketKey key : keys) {
					Document bucket = found.get(key.id());
					if (bucket == null) {
						continue;
					}
					EmotionTotals totals = new EmotionTotals();
					totals.add(bucket);
					if (totals.n() == 0 || Anonymity.tooFew(totals, this.properties.minMembers())) {
						continue;
					}
					if (team && Anonymity.revealsByDifference(totals, parts.stream()
						.filter(part -> part.period().equals(key.period()))
						.map(part -> EmotionTotals.of(found.get(part.id())))
						.toList(), this.properties.minMembers())) {
						continue;
					}
					for (Emotion emotion : Emotion.ALL) {
						Map<String, Object> row = new LinkedHashMap<>();
						row.put("period_start", key.period().toString());
						row.put("channel_id", key.channelId());
						Directory.Channel seen = channels.get(key.channelId());
						row.put("channel", seen == null ? key.channelId() : seen.name());
						row.put("emotion", emotion.id());
						row.put("n", totals.count(emotion));
						row.put("mean_score", Math.round(totals.meanScore(emotion) * 10000.0) / 10000.0);
						row.put("emotion_ko", emotion.korean());
						row.put("parent_channel_id", seen == null ? null : seen.parentId());
						out.add(row);
					}
				}
				return out;
			});
		});
	}

	private static Meta meta(Window window, String nextCursor, int count) {
		return new Meta(window.from(), window.to(), window.zone().getId(), Instant.now(), nextCursor, count);
	}

	/**
	 * Adds {@code Link: <this URL with after=next>; rel="next"}. Behind the gateway the request URL is already the
	 * public one: {@code server.forward-headers-strategy: framework} applies its X-Forwarded-Proto/Host/Port and puts
	 * X-Forwarded-Prefix ({@code /api/dashboard}) in front of the path.
	 */
	private static ResponseEntity.BodyBuilder withNext(ResponseEntity.BodyBuilder response, ServerWebExchange exchange,
			String nextCursor) {
		if (nextCursor == null) {
			return response;
		}
		URI next = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
			.replaceQueryParam("after", nextCursor)
			.build(true)
			.toUri();
		return response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").header("X-Next-Cursor", nextCursor);
	}

	private static boolean flag(String value) {
		return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
	}
}
