package dev.emotionmonitor.gateway.access;

import java.util.List;

import dev.emotionmonitor.common.caller.Role;

/**
 * The authenticated caller of one request: who it is, as the backends are told in the caller token (the common
 * {@link dev.emotionmonitor.common.caller.Caller}), and the credential it proved it with.
 *
 * @param identity     member id ({@code service} for the service key), display name, role and chat identities
 * @param credentialId the key the request was made with (a session counts as its key): rate limits and the log use it
 * @param credential   how the caller proved who they are
 */
public record Caller(dev.emotionmonitor.common.caller.Caller identity, String credentialId, Credential credential) {

	public static final String ATTRIBUTE = Caller.class.getName();

	public static final Caller SERVICE = new Caller(dev.emotionmonitor.common.caller.Caller.SERVICE, "service-key",
			Credential.SERVICE_KEY);

	public Caller(String memberId, String displayName, Role role, List<String> identities, String credentialId,
			Credential credential) {
		this(new dev.emotionmonitor.common.caller.Caller(memberId, displayName, role, identities), credentialId,
				credential);
	}

	public String memberId() {
		return identity.memberId();
	}

	public String displayName() {
		return identity.name();
	}

	public Role role() {
		return identity.role();
	}

	public List<String> identities() {
		return identity.identities();
	}

	/** The same caller, signed in to the web pages with a session made from its key. */
	public Caller viaSession() {
		return new Caller(identity, credentialId, Credential.SESSION);
	}

	public boolean isExportToken() {
		return credential == Credential.EXPORT_TOKEN;
	}

	public enum Credential {

		API_KEY, EXPORT_TOKEN, SESSION, SERVICE_KEY

	}
}
