package dev.emotionmonitor.gateway.access;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.gateway.access.RouteRules.Access;
import dev.emotionmonitor.gateway.access.RouteRules.RouteRule;
import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The gateway's door, for every request (routed or its own): strips identity headers sent from outside, finds the
 * caller (bearer key, session cookie, or an export token in {@code ?token=}), applies the {@link RouteRules}, the rate
 * limit and the size limit, then passes the caller on in the identity headers.
 */
@Component
public class AccessFilter implements WebFilter, Ordered {

	/** The route id of the request (from the rule table), for the API log. */
	public static final String ROUTE_ATTRIBUTE = AccessFilter.class.getName() + ".route";

	public static final String MEMBER_ID = "X-Emotion-Member-Id";

	public static final String MEMBER_NAME = "X-Emotion-Member-Name";

	public static final String MEMBER_ROLE = "X-Emotion-Member-Role";

	public static final String MEMBER_IDENTITIES = "X-Emotion-Member-Identities";

	static final List<String> IDENTITY_HEADERS = List.of(MEMBER_ID, MEMBER_NAME, MEMBER_ROLE, MEMBER_IDENTITIES);

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private final Credentials credentials;

	private final RateLimiter limiter;

	private final EmotionGatewayProperties properties;

	AccessFilter(Credentials credentials, RateLimiter limiter, EmotionGatewayProperties properties) {
		this.credentials = credentials;
		this.limiter = limiter;
		this.properties = properties;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 40;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		RouteRule rule = RouteRules.match(request.getMethod(), request.getPath().pathWithinApplication());
		exchange.getAttributes().put(ROUTE_ATTRIBUTE, rule.route());
		return authenticate(request, rule).flatMap(found -> {
			if (found.failure() != null) {
				// a wrong key counts against the caller's address, so guessing is rate limited too
				limit(request, rule, null);
				throw unauthenticated(found.failure());
			}
			Caller caller = found.caller();
			if (caller != null) {
				exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
			}
			authorize(request, rule, caller);
			limit(request, rule, caller);
			return chain.filter(exchange.mutate().request(forward(request, rule, caller)).build());
		});
	}

	private Mono<Found> authenticate(ServerHttpRequest request, RouteRule rule) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() < 8) {
				return Mono.just(Found.failed("Send the key as 'Authorization: Bearer <key>'"));
			}
			return credentials.fromKey(authorization.substring(7).strip())
				.map(Found::of)
				.defaultIfEmpty(Found.failed("The API key is unknown or revoked, or its member is disabled"));
		}
		String token = request.getQueryParams().getFirst("token");
		if (token != null && rule.exportTokens()) {
			if (!token.startsWith("emx_")) {
				return Mono.just(Found.failed("Only export tokens may travel in the query string; "
						+ "send API keys as 'Authorization: Bearer <key>'"));
			}
			return credentials.fromKey(token)
				.map(Found::of)
				.defaultIfEmpty(Found.failed("The export token is unknown or revoked, or its member is disabled"));
		}
		HttpCookie cookie = request.getCookies().getFirst(properties.session().cookieName());
		if (cookie != null && !cookie.getValue().isEmpty()) {
			Found ended = rule.access() == Access.PUBLIC ? Found.NOBODY
					: Found.failed("Your session has ended; sign in again");
			return credentials.fromSession(cookie.getValue()).map(Found::of).defaultIfEmpty(ended);
		}
		return Mono.just(Found.NOBODY);
	}

	private void authorize(ServerHttpRequest request, RouteRule rule, Caller caller) {
		String call = request.getMethod().name() + " " + request.getPath().value();
		if (caller == null) {
			if (rule.access() != Access.PUBLIC) {
				throw unauthenticated("Sign in or send 'Authorization: Bearer <key>': " + call + " needs the "
						+ (rule.access() == Access.ADMIN ? "admin" : "member") + " role");
			}
			return;
		}
		if (caller.isExportToken() && !rule.exportTokens() && rule.access() != Access.PUBLIC) {
			throw Problems.of(HttpStatus.FORBIDDEN,
					"Export tokens are read-only and reach only GET /api/dashboard/exports/**, not " + call);
		}
		if (rule.access() == Access.ADMIN && caller.role() == Role.MEMBER) {
			throw Problems.of(HttpStatus.FORBIDDEN, call + " needs the admin role; you are a member");
		}
		if (caller.credential() == Caller.Credential.SESSION && !SAFE.contains(request.getMethod())) {
			String origin = request.getHeaders().getOrigin();
			if (origin != null && !sameHost(origin, request.getURI()) && !properties.cors().allowedOrigins().contains(origin)) {
				throw Problems.of(HttpStatus.FORBIDDEN, "Cross-site request from " + origin + " refused");
			}
		}
	}

	private void limit(ServerHttpRequest request, RouteRule rule, Caller caller) {
		if (!properties.rateLimits().enabled()) {
			return;
		}
		String role;
		String who;
		if (caller == null) {
			role = "anonymous";
			String address = clientAddress(request);
			who = "address:" + (address == null ? "unknown" : address);
		}
		else {
			role = caller.isExportToken() ? "export" : caller.role().id();
			who = caller.credentialId();
		}
		long retryAfter = limiter.tryTake(who + "|" + rule.route(), properties.rateLimits().bucketFor(role, rule.route()));
		if (retryAfter > 0) {
			ErrorResponseException tooMany = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Rate limit of the " + role
					+ " role on route '" + rule.route() + "' reached; retry in " + retryAfter + " s");
			tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			throw tooMany;
		}
	}

	private ServerHttpRequest forward(ServerHttpRequest request, RouteRule rule, Caller caller) {
		ServerHttpRequest.Builder builder = request.mutate().headers(headers -> {
			IDENTITY_HEADERS.forEach(headers::remove);
			// the backends trust the identity headers; the caller's key goes no further than the gateway
			headers.remove(HttpHeaders.AUTHORIZATION);
			if (caller != null) {
				headers.set(MEMBER_ID, caller.memberId());
				headers.set(MEMBER_NAME, headerSafe(caller.displayName()));
				headers.set(MEMBER_ROLE, caller.role().id());
				headers.set(MEMBER_IDENTITIES, String.join(",", caller.identities()));
			}
			if (caller != null && caller.credential() == Caller.Credential.SESSION) {
				// the backends never need the gateway's session cookie
				removeCookie(headers, properties.session().cookieName());
			}
		});
		if (rule.exportTokens() && request.getQueryParams().containsKey("token")) {
			URI withoutToken = UriComponentsBuilder.fromUri(request.getURI())
				.replaceQueryParam("token")
				.build(true)
				.toUri();
			builder.uri(withoutToken);
		}
		ServerHttpRequest forwarded = builder.build();
		return limitBody(forwarded, properties.requestSize().limitFor(rule.route()), rule.route());
	}

	private static ServerHttpRequest limitBody(ServerHttpRequest request, DataSize limit, String route) {
		long length = request.getHeaders().getContentLength();
		long max = limit.toBytes();
		if (length > max) {
			throw tooLarge(length + " bytes", max, route);
		}
		if (length >= 0 || SAFE.contains(request.getMethod())) {
			return request;
		}
		// a body without Content-Length (chunked): count it as it streams
		return new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong seen = new AtomicLong();
				return super.getBody().map(buffer -> {
					if (seen.addAndGet(buffer.readableByteCount()) > max) {
						DataBufferUtils.release(buffer);
						throw tooLarge("more than " + max + " bytes", max, route);
					}
					return buffer;
				});
			}
		};
	}

	private static ErrorResponseException tooLarge(String size, long max, String route) {
		return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "The request body is " + size + "; route '" + route
				+ "' accepts at most " + DataSize.ofBytes(max).toKilobytes() + " KB");
	}

	private static ErrorResponseException unauthenticated(String detail) {
		ErrorResponseException problem = Problems.of(HttpStatus.UNAUTHORIZED, detail);
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"emotion-monitor\"");
		return problem;
	}

	/** Header values are Latin-1 on the wire: names in Korean travel percent-encoded (UTF-8), ASCII stays as is. */
	static String headerSafe(String value) {
		boolean plain = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '%');
		return plain ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static void removeCookie(HttpHeaders headers, String name) {
		List<String> cookies = headers.get(HttpHeaders.COOKIE);
		if (cookies == null) {
			return;
		}
		List<String> kept = cookies.stream()
			.flatMap(line -> java.util.Arrays.stream(line.split(";")))
			.map(String::strip)
			.filter(pair -> !pair.isEmpty() && !pair.startsWith(name + "="))
			.toList();
		if (kept.isEmpty()) {
			headers.remove(HttpHeaders.COOKIE);
		}
		else {
			headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
		}
	}

	private static boolean sameHost(String origin, URI request) {
		try {
			return URI.create(origin).getHost() != null && URI.create(origin).getHost().equalsIgnoreCase(request.getHost());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The caller's IP address as this gateway sees it; null when the connection does not tell. */
	public static String clientAddress(ServerHttpRequest request) {
		var remote = request.getRemoteAddress();
		if (remote == null) {
			return null;
		}
		return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	private record Found(Caller caller, String failure) {

		static final Found NOBODY = new Found(null, null);

		static Found of(Caller caller) {
			return new Found(caller, null);
		}

		static Found failed(String failure) {
			return new Found(null, failure);
		}
	}
}
