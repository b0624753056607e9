package dev.emotionmonitor.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import dev.emotionmonitor.gateway.member.CredentialsChanged;
import dev.emotionmonitor.gateway.member.Keys;
import dev.emotionmonitor.gateway.member.Members;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Turns a key or a session token into its {@link Caller}. Resolved callers are cached for a short time so a request
 * costs one hash and a map lookup; any change to keys or members empties the cache, and a generation counter keeps a
 * lookup that raced with such a change from putting a stale answer back.
 */
@Component
class Credentials {

	private static final int MAX_CACHED = 50_000;

	private final Members members;

	private final ReactiveMongoTemplate mongo;

	private final EmotionGatewayProperties properties;

	private final String serviceKeyHash;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	Credentials(Members members, ReactiveMongoTemplate mongo, EmotionGatewayProperties properties) {
		this.members = members;
		this.mongo = mongo;
		this.properties = properties;
		this.serviceKeyHash = properties.serviceKey().isBlank() ? null : Keys.hash(properties.serviceKey());
		mongo.indexOps(WebSignIn.class)
			.createIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO))
			.onErrorResume(ex -> Mono.empty())
			.subscribe();
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
		cache.clear();
	}

	private void used(Caller caller) {
		if (caller.credential() != Caller.Credential.SERVICE_KEY) {
			members.used(caller.credentialId());
		}
	}

	private Mono<Caller> cached(String cacheKey, Supplier<Mono<?>> load) {
		Cached hit = cache.get(cacheKey);
		long now = System.nanoTime();
		if (hit != null && now < hit.expiresNanos()) {
			return Mono.just(hit.caller());
		}
		long seenGeneration = generation.get();
		return load.get().map(found -> {
			Resolved resolved = found instanceof Resolved r ? r : new Resolved((Caller) found, null);
			long ttl = properties.credentialCacheTtl().toNanos();
			if (resolved.expiresAt() != null) {
				ttl = Math.min(ttl, Duration.between(Instant.now(), resolved.expiresAt()).toNanos());
			}
			if (generation.get() == seenGeneration && ttl > 0) {
				if (cache.size() >= MAX_CACHED) {
					cache.clear();
				}
				cache.put(cacheKey, new Cached(resolved.caller(), System.nanoTime() + ttl));
			}
			return resolved.caller();
		});
	}

	record SignedIn(String token, Caller caller, Instant expiresAt) {
	}

	private record Resolved(Caller caller, Instant expiresAt) {
	}

	private record Cached(Caller caller, long expiresNanos) {
	}
}
