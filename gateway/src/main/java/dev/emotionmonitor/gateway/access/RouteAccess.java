package dev.emotionmonitor.gateway.access;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.emotionmonitor.common.caller.Role;
import dev.emotionmonitor.gateway.access.RouteRules.Access;
import dev.emotionmonitor.gateway.access.RouteRules.RouteRule;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Decides a request by the first {@link RouteRule} of the table that matches it: the caller's role against the rule's
 * access, export tokens only where the rule takes them, and for cookie sessions a same-origin check on every unsafe
 * method. A refusal carries the detail the caller sees.
 */
final class RouteAccess implements ReactiveAuthorizationManager<AuthorizationContext> {

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));

	private static final Mono<AuthorizationResult> DENIED = Mono.just(new AuthorizationDecision(false));

	private final List<String> trustedOrigins;

	RouteAccess(List<String> trustedOrigins) {
		this.trustedOrigins = trustedOrigins;
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		ServerWebExchange exchange = context.getExchange();
		ServerHttpRequest request = exchange.getRequest();
		RouteRule rule = RouteRules.match(request.getMethod(), request.getPath().pathWithinApplication());
		exchange.getAttributes().put(RouteRules.ROUTE_ATTRIBUTE, rule.route());
		exchange.getAttributes().put(RouteRules.RULE_ATTRIBUTE, rule);
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		if (caller != null) {
			return decide(rule, caller, request);
		}
		// nobody signed in: public routes pass, the others go to the entry point (401)
		return rule.access() == Access.PUBLIC ? GRANTED : DENIED;
	}

	private Mono<AuthorizationResult> decide(RouteRule rule, Caller caller, ServerHttpRequest request) {
		String call = request.getMethod().name() + " " + request.getPath().value();
		if (caller.isExportToken() && !rule.exportTokens() && rule.access() != Access.PUBLIC) {
			return Mono.error(new AccessDeniedException(
					"Export tokens are read-only and reach only GET /api/dashboard/exports/**, not " + call));
		}
		if (rule.access() == Access.ADMIN && caller.role() == Role.MEMBER) {
			return Mono.error(new AccessDeniedException(call + " needs the admin role; you are a member"));
		}
		if (caller.credential() == Caller.Credential.SESSION && !SAFE.contains(request.getMethod())) {
			String origin = request.getHeaders().getOrigin();
			if (origin != null && !sameOrigin(origin, request.getURI()) && !this.trustedOrigins.contains(origin)) {
				return Mono.error(new AccessDeniedException("Cross-site request from " + origin + " refused"));
			}
		}
		return GRANTED;
	}

	/** Same scheme, host and port (RFC 6454); a missing port is the scheme's default. */
	static boolean sameOrigin(String origin, URI request) {
		try {
			URI from = URI.create(origin);
			return from.getScheme() != null && from.getHost() != null
					&& from.getScheme().equalsIgnoreCase(request.getScheme())
					&& from.getHost().equalsIgnoreCase(request.getHost()) && port(from) == port(request);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}
}
