package dev.emotionmonitor.gateway.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** What a request presented before it is checked: an API key, an export token or a session cookie. */
final class PresentedCredential extends AbstractAuthenticationToken {

	enum Kind {

		/** {@code Authorization: Bearer <key>}: an API key, an export token or the services' key */
		BEARER,
		/** {@code ?token=emx_…} on export routes */
		QUERY_TOKEN,
		/** the session cookie of the web pages */
		SESSION

	}

	private final Kind kind;

	private final String value;

	PresentedCredential(Kind kind, String value) {
		super(AuthorityUtils.NO_AUTHORITIES);
		this.kind = kind;
		this.value = value;
	}

	Kind kind() {
		return this.kind;
	}

	@Override
	public Object getCredentials() {
		return this.value;
	}

	@Override
	public Object getPrincipal() {
		return this.kind;
	}
}
