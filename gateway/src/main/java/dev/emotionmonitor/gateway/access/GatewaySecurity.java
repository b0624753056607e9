package dev.emotionmonitor.gateway.access;

import dev.emotionmonitor.common.caller.BackendSecurityAutoConfiguration;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.gateway.access.RouteRules.Access;
import dev.emotionmonitor.gateway.access.RouteRules.RouteRule;
import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.ErrorResponseException;

/**
 * The gateway's door, on Spring Security: the strict firewall refuses paths that are not normalised ({@code //},
 * {@code /./}, {@code ;}, encoded dots and slashes); one authentication filter finds the caller from a bearer key, an
 * export token or the session cookie ({@link Credentials}); the {@link RouteRules} table decides every
 * {@code authorizeExchange} ({@link RouteAccess}). Every refusal is a problem+json with a detail that says what to do.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurity {

	@Bean
	SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, Credentials credentials,
			RequestLimits limits, EmotionGatewayProperties properties) {
		AuthenticationWebFilter authentication = new AuthenticationWebFilter(credentials);
		authentication.setServerAuthenticationConverter(new CredentialConverter(properties.session().cookieName()));
		authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		authentication.setAuthenticationSuccessHandler((filterExchange, found) -> {
			filterExchange.getExchange().getAttributes().put(Caller.ATTRIBUTE, ((CallerAuthentication) found).caller());
			return filterExchange.getChain().filter(filterExchange.getExchange());
		});
		authentication.setAuthenticationFailureHandler(failed(limits));
		// no CSRF token: API keys carry no ambient authority, and RouteAccess checks a cookie session's Origin
		return BackendSecurityAutoConfiguration.stateless(http)
			.addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
			// one authorizeExchange rule that looks the request up in the table: the same decision as one rule per
			// table row, without Spring Security trying up to 25 matchers one reactive step at a time
			.authorizeExchange(rules -> rules.anyExchange().access(new RouteAccess(properties.cors().allowedOrigins())))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(signInNeeded())
				.accessDeniedHandler(denied()))
			.build();
	}

	/**
	 * No observation (and so no timer) around each security filter of every request: the gateway exports no such
	 * metrics, and the observation decorator costs CPU on every proxied call.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** The firewall's refusals (a path that is not normalised, a bad header) as problems instead of a bare 400. */
	@Bean
	ServerExchangeRejectedHandler firewallRejection() {
		return (exchange, rejected) -> Mono.error(Problems.badRequest("The request was refused: the path must be "
				+ "normalised (no '//', '/./', '/../', ';', encoded '.', '/' or '%') and headers must be printable"));
	}

	/**
	 * A wrong key counts against the caller's address, so guessing is rate limited too. On a public route a stale key
	 * or an ended session does not lock anyone out: the request goes on as nobody's.
	 */
	private static ServerAuthenticationFailureHandler failed(RequestLimits limits) {
		return (filterExchange, failure) -> {
			ServerHttpRequest request = filterExchange.getExchange().getRequest();
			RouteRule rule = RouteRules.match(request.getMethod(), request.getPath().pathWithinApplication());
			if (rule.access() == Access.PUBLIC) {
				return filterExchange.getChain().filter(filterExchange.getExchange());
			}
			limits.limit(filterExchange.getExchange(), rule, null);
			return Mono.error(unauthenticated(failure.getMessage()));
		};
	}

	private static ServerAuthenticationEntryPoint signInNeeded() {
		return (exchange, failure) -> {
			ServerHttpRequest request = exchange.getRequest();
			RouteRule rule = RouteRules.match(request.getMethod(), request.getPath().pathWithinApplication());
			return Mono.error(unauthenticated("Sign in or send 'Authorization: Bearer <key>': "
					+ request.getMethod().name() + " " + request.getPath().value() + " needs the "
					+ (rule.access() == Access.ADMIN ? "admin" : "member") + " role"));
		};
	}

	private static ServerAccessDeniedHandler denied() {
		return (exchange, refusal) -> Mono.error(Problems.of(HttpStatus.FORBIDDEN, refusal.getMessage()));
	}

	private static ErrorResponseException unauthenticated(String detail) {
		ErrorResponseException problem = Problems.of(HttpStatus.UNAUTHORIZED, detail);
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"emotion-monitor\"");
		return problem;
	}
}
