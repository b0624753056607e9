package dev.emotionmonitor.gateway.access;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * An authenticated caller. Its authority is its role ({@code ROLE_ADMIN} …), so actuator's {@code roles} and
 * {@code hasRole} work; an export token gets only {@code EXPORT}, whatever its member's role.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

	public static final String EXPORT = "EXPORT";

	private final Caller caller;

	CallerAuthentication(Caller caller) {
		super(AuthorityUtils.createAuthorityList(
				caller.isExportToken() ? List.of(EXPORT) : List.of(caller.role().authority())));
		this.caller = caller;
		setAuthenticated(true);
	}

	public Caller caller() {
		return this.caller;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.caller;
	}
}
