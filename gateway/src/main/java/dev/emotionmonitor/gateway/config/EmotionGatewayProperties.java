package dev.emotionmonitor.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the gateway; each default works on localhost and each can be overridden from the environment.
 *
 * @param services            backend name ({@code corpus}, {@code classifier}, ...) to its instance URLs; a request
 *                            to {@code /api/<name>/**} goes to one of them with the prefix stripped
 *                            ({@code CORPUS_URLS=http://a:8081,http://b:8081})
 * @param resolveAllAddresses expand each URL's host name to every address DNS returns, so that
 *                            {@code docker compose --scale classifier-service=3} spreads load over all replicas
 * @param connectTimeout      how long to wait for a backend connection
 * @param responseTimeout     how long to wait for a backend's response headers before answering 504
 * @param healthTimeout       how long a backend health probe may take before that backend counts as down
 * @param serviceKey          the key the services send to each other ({@code EMOTION_SERVICE_KEY}); a request bearing
 *                            it has the role {@code service}; empty accepts no service key
 * @param dataDir             where the first admin's key is written ({@code EMOTION_DATA_DIR}, file
 *                            {@code admin-api-key})
 * @param firstAdminName      display name of the admin created on first start
 * @param credentialCacheTtl  how long a resolved key or session is reused without reading the store; revoking a key,
 *                            disabling a member or signing out clears the cache at once
 * @param callerTokenLifetime how long a caller token forwarded to a backend lives (at most 5 minutes); one is minted
 *                            per caller and backend and reused until 30 s before it expires
 * @param session             the web sign-in cookie
 * @param apiLog              the API usage log
 * @param rateLimits          token buckets per key and route
 * @param requestSize         largest request body accepted
 * @param cors                origins of a separately hosted front end
 * @param dashboardContentSecurityPolicy CSP for the dashboard pages when the dashboard sends none itself
 * @param publicUrl           the URL users reach the gateway by when a proxy sits in front of it
 *                            ({@code https://emotion.example.org}); empty: the scheme and host each request came with.
 *                            Backends build their {@code Location} and {@code Link} URLs from it
 */
@ConfigurationProperties("emotion.gateway")
public record EmotionGatewayProperties(Map<String, List<URI>> services,
		@DefaultValue("false") boolean resolveAllAddresses, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("30s") Duration responseTimeout, @DefaultValue("2s") Duration healthTimeout,
		@DefaultValue("") String serviceKey, @DefaultValue("data") Path dataDir,
		@DefaultValue("admin") String firstAdminName, @DefaultValue("30s") Duration credentialCacheTtl,
		@DefaultValue("5m") Duration callerTokenLifetime, @DefaultValue Session session, @DefaultValue ApiLog apiLog, @DefaultValue RateLimits rateLimits,
		@DefaultValue RequestSize requestSize, @DefaultValue Cors cors,
		@DefaultValue("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'") String dashboardContentSecurityPolicy,
		URI publicUrl) {

	public EmotionGatewayProperties {
		services = services == null ? Map.of() : Map.copyOf(services);
	}

	/**
	 * @param cookieName the session cookie (HttpOnly; Secure when the request came over https)
	 * @param ttl        how long a sign-in lasts
	 * @param sameSite   {@code Strict} or {@code Lax}
	 */
	public record Session(@DefaultValue("EMOTION_SESSION") String cookieName, @DefaultValue("12h") Duration ttl,
			@DefaultValue("Strict") String sameSite) {
	}

	/**
	 * @param enabled        record every request
	 * @param ttl            how long entries are kept (TTL index)
	 * @param batchSize      entries per insert
	 * @param flushInterval  how often the buffer is written
	 * @param bufferCapacity entries kept in memory while the store is unreachable; beyond it they are dropped and the
	 *                       gap is recorded
	 */
	public record ApiLog(@DefaultValue("true") boolean enabled, @DefaultValue("90d") Duration ttl,
			@DefaultValue("500") int batchSize, @DefaultValue("1s") Duration flushInterval,
			@DefaultValue("20000") int bufferCapacity) {
	}

	/**
	 * Token buckets: one per key (or per client address for anonymous callers) and route.
	 *
	 * @param enabled switch for all limits
	 * @param roles   bucket per role: {@code admin}, {@code member}, {@code service}, {@code export} (export tokens),
	 *                {@code anonymous}
	 * @param routes  route id ({@code classifier}, {@code corpus}, {@code admin}, ...) to role to bucket, overriding
	 *                the role's default on that route
	 */
	public record RateLimits(@DefaultValue("true") boolean enabled, Map<String, Bucket> roles,
			Map<String, Map<String, Bucket>> routes) {

		public RateLimits {
			Map<String, Bucket> merged = new LinkedHashMap<>();
			merged.put("admin", new Bucket(200, 50));
			merged.put("member", new Bucket(60, 20));
			merged.put("service", new Bucket(4000, 2000));
			merged.put("export", new Bucket(20, 2));
			merged.put("anonymous", new Bucket(120, 30));
			if (roles != null) {
				merged.putAll(roles);
			}
			roles = Map.copyOf(merged);
			routes = routes == null ? Map.of() : Map.copyOf(routes);
		}

		public Bucket bucketFor(String role, String route) {
			Map<String, Bucket> perRoute = routes.get(route);
			if (perRoute != null && perRoute.containsKey(role)) {
				return perRoute.get(role);
			}
			return roles.getOrDefault(role, roles.get("anonymous"));
		}
	}

	/**
	 * @param capacity        burst size
	 * @param refillPerSecond sustained rate
	 */
	public record Bucket(long capacity, double refillPerSecond) {
	}

	/**
	 * @param max    default largest body
	 * @param routes route id to its own largest body (corpus uploads are big)
	 */
	public record RequestSize(@DefaultValue("4MB") DataSize max, Map<String, DataSize> routes) {

		public RequestSize {
			routes = routes == null ? Map.of() : Map.copyOf(routes);
		}

		public DataSize limitFor(String route) {
			return routes.getOrDefault(route, max);
		}
	}

	/**
	 * @param allowedOrigins origins allowed to call {@code /api/**} from a browser, with credentials; empty: no CORS
	 * @param maxAge         how long browsers cache a preflight answer
	 */
	public record Cors(List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

		public Cors {
			allowedOrigins = allowedOrigins == null ? List.of()
					: allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
		}
	}
}
