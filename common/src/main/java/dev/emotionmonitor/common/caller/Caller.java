package dev.emotionmonitor.common.caller;

import java.util.List;

import dev.emotionmonitor.common.problem.Problems;

/**
 * Who is calling a backend, as the gateway vouches for it in a signed caller token. Controllers take it as
 * {@code @AuthenticationPrincipal Caller caller}.
 *
 * @param memberId   the gateway's member id ({@code service} for the services' own calls)
 * @param name       display name
 * @param role       what the access rules check
 * @param identities chat identities such as {@code discord:123456789012345678}
 */
public record Caller(String memberId, String name, Role role, List<String> identities) {

	public static final Caller SERVICE = new Caller("service", "service", Role.SERVICE, List.of());

	public Caller {
		identities = identities == null ? List.of() : List.copyOf(identities);
	}

	/** Admins and services see every member's data and may change what the system does. */
	public boolean privileged() {
		return this.role.privileged();
	}

	/** Whether {@code memberId} is this caller: their gateway id or one of their chat identities. */
	public boolean is(String memberId) {
		return memberId != null && (memberId.equals(this.memberId) || this.identities.contains(memberId));
	}

	public boolean maySee(String memberId) {
		return privileged() || is(memberId);
	}

	public void requireMaySee(String memberId) {
		if (!maySee(memberId)) {
			throw Problems.forbidden("A member's own history is visible only to that member and to admins.");
		}
	}

	/** Refuses a plain member with a 403 that names the action, e.g. "start a training run". */
	public void requireAdminOrService(String action) {
		if (!privileged()) {
			throw Problems.forbidden("only an admin or a service may " + action + " (your role: " + this.role.id() + ")");
		}
	}
}
