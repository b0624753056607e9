package dev.emotionmonitor.gateway.access;

import java.util.List;

import dev.emotionmonitor.common.caller.Role;

/**
 * The authenticated caller of one request.
 *
 * @param memberId     member id ({@code service} for the service key)
 * @param displayName  member's display name
 * @param role         what the route rules check
 * @param identities   chat identities such as {@code discord:123456789012345678}
 * @param credentialId the key the request was made with (a session counts as its key): rate limits and the log use it
 * @param credential   how the caller proved who they are
 */
public record Caller(String memberId, String displayName, Role role, List<String> identities, String credentialId,
		Credential credential) {

	public static final String ATTRIBUTE = Caller.class.getName();

	public static final Caller SERVICE = new Caller("service", "service", Role.SERVICE, List.of(), "service-key",
			Credential.SERVICE_KEY);

	public Caller {
		identities = identities == null ? List.of() : List.copyOf(identities);
	}

	/** The same caller, signed in to the web pages with a session made from its key. */
	public Caller viaSession() {
		return new Caller(memberId, displayName, role, identities, credentialId, Credential.SESSION);
	}

	/** Who the backends are told is calling (the caller token's claims). */
	public dev.emotionmonitor.common.caller.Caller identity() {
		return new dev.emotionmonitor.common.caller.Caller(memberId, displayName, role, identities);
	}

	public boolean isExportToken() {
		return credential == Credential.EXPORT_TOKEN;
	}

	public enum Credential {

		API_KEY, EXPORT_TOKEN, SESSION, SERVICE_KEY

	}
}
