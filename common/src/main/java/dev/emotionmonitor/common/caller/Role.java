package dev.emotionmonitor.common.caller;

import java.util.Locale;
import java.util.Optional;

import dev.emotionmonitor.common.problem.Problems;

/** Who a caller is to the access rules; the lower-case name travels in the caller token's {@code role} claim. */
public enum Role {

	ADMIN, MEMBER, SERVICE;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Admins and services see every member's data and may change what the system does. */
	public boolean privileged() {
		return this == ADMIN || this == SERVICE;
	}

	/** The Spring Security authority, so {@code hasRole("ADMIN")} and actuator's {@code roles} work. */
	public String authority() {
		return "ROLE_" + name();
	}

	public static Optional<Role> ofId(String id) {
		for (Role role : values()) {
			if (role.id().equals(id)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

	/** A member's role as given in a request: only {@code admin} or {@code member}. */
	public static Role ofMember(String value) {
		if ("admin".equals(value)) {
			return ADMIN;
		}
		if ("member".equals(value)) {
			return MEMBER;
		}
		throw Problems.badRequest("role must be 'admin' or 'member', not '" + value + "'");
	}
}
