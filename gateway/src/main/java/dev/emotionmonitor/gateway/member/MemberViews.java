package dev.emotionmonitor.gateway.member;

import java.time.Instant;
import java.util.List;


/** What the admin API shows of members and keys: never a key's hash, and a key itself only once. */
final class MemberViews {

	private MemberViews() {
	}

	record MemberView(String id, String displayName, List<String> identities, String role, boolean active,
			Instant createdAt, Instant updatedAt) {

		static MemberView of(Member member) {
			return new MemberView(member.id(), member.displayName(), member.identities(), member.role(),
					member.active(), member.createdAt(), member.updatedAt());
		}
	}

	record KeyView(String id, String memberId, String kind, String scope, String name, String prefix,
			Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

		static KeyView of(ApiKey key) {
			return new KeyView(key.id(), key.memberId(), key.kind(), key.scope(), key.name(), key.prefix(),
					key.createdAt(), key.lastUsedAt(), key.revokedAt());
		}
	}

	/** A key as issued: {@code key} is shown this once and never again. */
	record NewKeyView(String id, String memberId, String kind, String scope, String name, String prefix,
			Instant createdAt, String key) {

		static NewKeyView of(Members.IssuedKey issued) {
			ApiKey key = issued.key();
			return new NewKeyView(key.id(), key.memberId(), key.kind(), key.scope(), key.name(), key.prefix(),
					key.createdAt(), issued.secret());
		}
	}

	record NewMemberView(MemberView member, NewKeyView apiKey) {
	}

}
