package dev.emotionmonitor.gateway.member;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.gateway.access.Caller;
import dev.emotionmonitor.common.caller.Role;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Members and their keys in the gateway's store: creation, changes, revocation, and the lookups sign-in needs. */
@Service
public class Members {

	private static final Pattern IDENTITY = Pattern.compile("[a-z][a-z0-9-]{0,31}:[^\\s,]{1,128}");

	private final ReactiveMongoTemplate mongo;

	private final ApplicationEventPublisher events;

	private final LastUsedRecorder lastUsed;

	Members(ReactiveMongoTemplate mongo, ApplicationEventPublisher events, LastUsedRecorder lastUsed) {
		this.mongo = mongo;
		this.events = events;
		this.lastUsed = lastUsed;
	}

	Mono<Void> createIndexes() {
		return Mono
			.when(mongo.indexOps(ApiKey.class).createIndex(new Index().on("hash", Sort.Direction.ASC).unique()),
					mongo.indexOps(ApiKey.class).createIndex(new Index().on("memberId", Sort.Direction.ASC)),
					mongo.indexOps(Member.class).createIndex(new Index().on("identities", Sort.Direction.ASC)))
			.then();
	}

	Mono<Long> count() {
		return mongo.count(new Query(), Member.class);
	}

	/** A new member and its first API key (the only time the key is seen). */
	Mono<MemberWithKey> create(String displayName, String role, List<String> identities) {
		String name = checkName(displayName);
		Role checkedRole = Role.ofMember(role == null ? "member" : role);
		List<String> checkedIdentities = checkIdentities(identities);
		Instant now = Instant.now();
		Member member = new Member(Keys.newId("m-"), name, checkedIdentities, checkedRole.id(), true, now, now);
		return identitiesFree(checkedIdentities, member.id()).then(mongo.insert(member))
			.flatMap(saved -> issueKey(saved, ApiKey.API, "first key", ApiKey.OWN).map(key -> new MemberWithKey(saved, key)));
	}

	Mono<Member> find(String id) {
		return mongo.findById(id, Member.class)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No member with id '" + id + "'")));
	}

	Mono<ItemPage<Member>> list(Boolean active, String role, int page, int size) {
		Query query = new Query();
		if (active != null) {
			query.addCriteria(Criteria.where("active").is(active));
		}
		if (role != null && !role.isBlank()) {
			query.addCriteria(Criteria.where("role").is(Role.ofMember(role).id()));
		}
		Mono<Long> total = mongo.count(query, Member.class);
		Query pageQuery = Query.of(query)
			.with(Sort.by("createdAt", "id"))
			.skip((long) page * size)
			.limit(size);
		return mongo.find(pageQuery, Member.class).collectList().zipWith(total,
				(items, count) -> new ItemPage<>(items, page, size, count));
	}

	/** Changes what is given; refuses to leave the system without an active admin. */
	Mono<Member> update(String id, String displayName, String role, List<String> identities, Boolean active) {
		return find(id).flatMap(current -> {
			String name = displayName == null ? current.displayName() : checkName(displayName);
			String newRole = role == null ? current.role() : Role.ofMember(role).id();
			List<String> newIdentities = identities == null ? current.identities() : checkIdentities(identities);
			boolean newActive = active == null ? current.active() : active;
			Member changed = new Member(id, name, newIdentities, newRole, newActive, current.createdAt(),
					Instant.now());
			boolean losesAdmin = isActiveAdmin(current) && !isActiveAdmin(changed);
			Mono<Void> guard = losesAdmin ? otherActiveAdmins(id).flatMap(others -> others > 0 ? Mono.<Void>empty()
					: Mono.error(Problems.conflict("'" + current.displayName()
							+ "' is the last active admin; make another member admin first")))
					: Mono.empty();
			Mono<Void> identitiesCheck = identities == null ? Mono.empty() : identitiesFree(newIdentities, id);
			return guard.then(identitiesCheck).then(mongo.save(changed)).doOnSuccess(saved -> changed("member " + id));
		});
	}

	Mono<IssuedKey> issueKey(String memberId, String kind, String name, String scope) {
		String checkedKind = kind == null ? ApiKey.API : kind;
		if (!ApiKey.API.equals(checkedKind) && !ApiKey.EXPORT.equals(checkedKind)) {
			return Mono.error(Problems.badRequest("kind must be 'api' or 'export', not '" + kind + "'"));
		}
		String checkedScope = scope == null || scope.isBlank() ? ApiKey.OWN : scope;
		if (!ApiKey.OWN.equals(checkedScope) && !ApiKey.TEAM.equals(checkedScope)) {
			return Mono.error(Problems.badRequest("scope must be 'own' or 'team', not '" + scope + "'"));
		}
		if (ApiKey.TEAM.equals(checkedScope) && !ApiKey.EXPORT.equals(checkedKind)) {
			return Mono.error(Problems.badRequest("scope 'team' is for export tokens (kind 'export') only"));
		}
		return find(memberId).flatMap(member -> member.active() ? issueKey(member, checkedKind, name, checkedScope)
				: Mono.error(Problems.conflict("Member '" + memberId + "' is disabled; enable it before issuing keys")));
	}

	private Mono<IssuedKey> issueKey(Member member, String kind, String name, String scope) {
		String secret = Keys.generate(kind);
		ApiKey key = new ApiKey(Keys.newId("k-"), member.id(), kind, name == null || name.isBlank() ? kind : name.strip(),
				Keys.hash(secret), secret.substring(0, 8), Instant.now(), null, null, scope);
		return mongo.insert(key).map(saved -> new IssuedKey(saved, secret));
	}

	Mono<ItemPage<ApiKey>> keys(String memberId, boolean includeRevoked, int page, int size) {
		Query query = new Query();
		if (memberId != null && !memberId.isBlank()) {
			query.addCriteria(Criteria.where("memberId").is(memberId));
		}
		if (!includeRevoked) {
			query.addCriteria(Criteria.where("revokedAt").is(null));
		}
		Mono<Long> total = mongo.count(query, ApiKey.class);
		Query pageQuery = Query.of(query).with(Sort.by("createdAt", "id")).skip((long) page * size).limit(size);
		return mongo.find(pageQuery, ApiKey.class)
			.map(lastUsed::withPending)
			.collectList()
			.zipWith(total, (items, count) -> new ItemPage<>(items, page, size, count));
	}

	Mono<ApiKey> revoke(String keyId) {
		return mongo.findById(keyId, ApiKey.class)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No key with id '" + keyId + "'")))
			.flatMap(key -> key.revoked() ? Mono.just(key)
					: mongo.findAndModify(Query.query(Criteria.where("id").is(keyId)),
							Update.update("revokedAt", Instant.now()), ApiKey.class)
						.then(mongo.findById(keyId, ApiKey.class)))
			.doOnSuccess(key -> changed("key " + keyId));
	}

	/** The caller behind a key's hash: present only while the key is not revoked and its member is active. */
	public Mono<Caller> callerForKeyHash(String hash) {
		return mongo.findOne(Query.query(Criteria.where("hash").is(hash)), ApiKey.class).flatMap(this::callerFor);
	}

	/** The same for a key known by id (a web session remembers the key it was made from). */
	public Mono<Caller> callerForKeyId(String keyId) {
		return mongo.findById(keyId, ApiKey.class).flatMap(this::callerFor);
	}

	/** Remembers that a key was used; written to the store in batches, off the request path. */
	public void used(String keyId) {
		lastUsed.record(keyId);
	}

	private Mono<Caller> callerFor(ApiKey key) {
		if (key.revoked()) {
			return Mono.empty();
		}
		return mongo.findById(key.memberId(), Member.class)
			.filter(Member::active)
			// a team-wide export token reads every member's rows as a service would; it stays an export token, which
			// the route table keeps to GET /api/dashboard/exports/**
			.map(member -> new Caller(member.id(), member.displayName(),
					key.teamWide() ? Role.SERVICE : Role.ofMember(member.role()), member.identities(), key.id(),
					ApiKey.EXPORT.equals(key.kind()) ? Caller.Credential.EXPORT_TOKEN : Caller.Credential.API_KEY));
	}

	private Mono<Long> otherActiveAdmins(String id) {
		return mongo.count(Query.query(Criteria.where("role").is("admin").and("active").is(true).and("id").ne(id)),
				Member.class);
	}

	private Mono<Void> identitiesFree(List<String> identities, String ownerId) {
		if (identities.isEmpty()) {
			return Mono.empty();
		}
		return mongo.find(Query.query(Criteria.where("identities").in(identities)), Member.class)
			.filter(other -> !other.id().equals(ownerId))
			.next()
			.flatMap(other -> Mono.error(Problems.conflict("Identity " + other.identities()
				.stream()
				.filter(identities::contains)
				.findFirst()
				.orElse("?") + " already belongs to member '" + other.id() + "' (" + other.displayName() + ")")));
	}

	private void changed(String reason) {
		events.publishEvent(new CredentialsChanged(reason));
	}

	private static boolean isActiveAdmin(Member member) {
		return member.active() && "admin".equals(member.role());
	}

	private static String checkName(String displayName) {
		if (displayName == null || displayName.isBlank()) {
			throw Problems.badRequest("display_name must not be empty");
		}
		String name = displayName.strip();
		if (name.length() > 100) {
			throw Problems.badRequest("display_name must be at most 100 characters");
		}
		return name;
	}

	private static List<String> checkIdentities(List<String> identities) {
		if (identities == null) {
			return List.of();
		}
		List<String> checked = new ArrayList<>(new LinkedHashSet<>(identities.stream()
			.filter(Objects::nonNull)
			.map(String::strip)
			.toList()));
		for (String identity : checked) {
			if (!IDENTITY.matcher(identity).matches()) {
				throw Problems.badRequest("identity '" + identity
						+ "' must look like 'platform:id', e.g. 'discord:123456789012345678'");
			}
		}
		return List.copyOf(checked);
	}

	record MemberWithKey(Member member, IssuedKey key) {
	}

	record IssuedKey(ApiKey key, String secret) {
	}
}
