package dev.emotionmonitor.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import dev.emotionmonitor.gateway.member.CredentialsChanged;
import dev.emotionmonitor.gateway.member.Keys;
import dev.emotionmonitor.gateway.member.Members;
import dev.emotionmonitor.gateway.metrics.GatewayMetrics;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Spring Security's authentication manager for the gateway: turns a presented key, export token or session cookie
 * into its {@link Caller}. Resolved callers are kept in a Caffeine cache for a short time so a request costs one hash
 * and a lookup; any change to keys or members empties it, and a generation counter keeps a lookup that raced with
 * such a change from putting a stale answer back.
 */
@Component
class Credentials implements ReactiveAuthenticationManager {

	private final Members members;

	private final ReactiveMongoTemplate mongo;

	private final EmotionGatewayProperties properties;

	private final String serviceKeyHash;

	private final Cache<String, Resolved> cache;

	private final AtomicLong generation = new AtomicLong();

	private final GatewayMetrics metrics;

	Credentials(Members members, ReactiveMongoTemplate mongo, EmotionGatewayProperties properties,
			GatewayMetrics metrics) {
		this.metrics = metrics;
		this.members = members;
		this.mongo = mongo;
		this.properties = properties;
		this.serviceKeyHash = properties.serviceKey().isBlank() ? null : Keys.hash(properties.serviceKey());
		this.cache = Caffeine.newBuilder()
			.maximumSize(50_000)
			// maintenance on the calling thread: no hand-off to the common pool on the request path
			.executor(Runnable::run)
			.expireAfterWrite(properties.credentialCacheTtl())
			.build();
		mongo.indexOps(WebSignIn.class)
			.createIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO))
			.onErrorResume(ex -> Mono.empty())
			.subscribe();
	}

	@Override
	public Mono<Authentication> authenticate(Authentication presented) {
		PresentedCredential credential = (PresentedCredential) presented;
		String value = (String) credential.getCredentials();
		Mono<Caller> caller = switch (credential.kind()) {
			case BEARER -> fromKey(value).switchIfEmpty(Mono.error(() -> new BadCredentialsException(
					"The API key is unknown or revoked, or its member is disabled")));
			case QUERY_TOKEN -> {
				if (!value.startsWith(Keys.EXPORT_TOKEN_PREFIX)) {
					yield Mono.error(new BadCredentialsException("Only export tokens may travel in the query string; "
							+ "send API keys as 'Authorization: Bearer <key>'"));
				}
				yield fromKey(value).switchIfEmpty(Mono.error(() -> new BadCredentialsException(
						"The export token is unknown or revoked, or its member is disabled")));
			}
			case SESSION -> fromSession(value)
				.switchIfEmpty(Mono.error(() -> new BadCredentialsException("Your session has ended; sign in again")));
		};
		String kind = credential.kind().name();
		return caller.<Authentication>map(CallerAuthentication::new)
			.doOnNext(authenticated -> this.metrics.authenticated(kind, true))
			.doOnError(BadCredentialsException.class, failed -> this.metrics.authenticated(kind, false));
	}
	/** The caller holding this key; empty when the key is unknown, revoked or its member disabled. */
	Mono<Caller> fromKey(String key) {
		String hash = Keys.hash(key);
		if (serviceKeyHash != null && MessageDigest.isEqual(serviceKeyHash.getBytes(StandardCharsets.US_ASCII),
				hash.getBytes(StandardCharsets.US_ASCII))) {
			return Mono.just(Caller.SERVICE);
		}
		return cached("k:" + hash, () -> members.callerForKeyHash(hash)).doOnNext(this::used);
	}

	/** The caller signed in with this session cookie; empty when it is unknown, expired or its key was revoked. */
	Mono<Caller> fromSession(String token) {
		String hash = Keys.hash(token);
		return cached("s:" + hash, () -> mongo.findById(hash, WebSignIn.class)
			.filter(session -> session.expiresAt().isAfter(Instant.now()))
			.flatMap(session -> members.callerForKeyId(session.keyId())
				.map(caller -> new Resolved(caller.viaSession(), session.expiresAt()))))
			.doOnNext(this::used);
	}

	/** Starts a web session for a key's holder; answers the cookie token (shown only in the cookie). */
	Mono<SignedIn> signIn(Caller caller) {
		String token = Keys.sessionToken();
		Instant now = Instant.now();
		WebSignIn session = new WebSignIn(Keys.hash(token), caller.credentialId(), caller.memberId(), now,
				now.plus(properties.session().ttl()));
		// expired sessions go here too: the embedded store has no TTL indexes
		Mono<Void> purge = mongo.remove(Query.query(Criteria.where("expiresAt").lt(now)), WebSignIn.class)
			.onErrorResume(ex -> Mono.empty())
			.then();
		return purge.then(mongo.insert(session))
			.map(saved -> new SignedIn(token, caller.viaSession(), saved.expiresAt()));
	}

	Mono<Void> signOut(String token) {
		String hash = Keys.hash(token);
		return mongo.remove(Query.query(Criteria.where("tokenHash").is(hash)), WebSignIn.class)
			.doOnSuccess(done -> forget())
			.then();
	}

	@EventListener
	void on(CredentialsChanged change) {
		forget();
	}

	private void forget() {
		generation.incrementAndGet();
		cache.invalidateAll();
	}

	private void used(Caller caller) {
		if (caller.credential() != Caller.Credential.SERVICE_KEY) {
			members.used(caller.credentialId());
		}
	}

	private Mono<Caller> cached(String cacheKey, Supplier<Mono<?>> load) {
		Resolved hit = cache.getIfPresent(cacheKey);
		if (hit != null && hit.valid()) {
			return Mono.just(hit.caller());
		}
		long seenGeneration = generation.get();
		return load.get().map(found -> {
			Resolved resolved = found instanceof Resolved r ? r : new Resolved((Caller) found, null);
			if (generation.get() == seenGeneration) {
				cache.put(cacheKey, resolved);
			}
			return resolved.caller();
		});
	}

	record SignedIn(String token, Caller caller, Instant expiresAt) {
	}

	/** A session is cached no longer than it lives. */
	private record Resolved(Caller caller, Instant expiresAt) {

		boolean valid() {
			return expiresAt == null || expiresAt.isAfter(Instant.now());
		}
	}
}
