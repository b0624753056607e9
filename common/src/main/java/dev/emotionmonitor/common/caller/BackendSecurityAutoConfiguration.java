package dev.emotionmonitor.common.caller;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.SecretKey;

import dev.emotionmonitor.common.problem.Problems;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.ErrorResponseException;

/**
 * Every backend is an OAuth2 resource server: each request needs a caller token from the gateway (see
 * {@link CallerTokens}), or it gets a 401 problem; only the health probes and the service's declared public paths
 * are open. The token's caller becomes the {@code @AuthenticationPrincipal}, its role a {@code ROLE_*} authority; paths
 * declared privileged answer admins and services only (403 for a member).
 */
@AutoConfiguration(before = { ReactiveWebSecurityAutoConfiguration.class,
		ReactiveOAuth2ResourceServerAutoConfiguration.class, ReactiveManagementWebSecurityAutoConfiguration.class,
		ReactiveUserDetailsServiceAutoConfiguration.class }, after = CallerTokenAutoConfiguration.class)
@ConditionalOnProperty("emotion.security.audience")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
public class BackendSecurityAutoConfiguration {

	private static final String[] PRIVILEGED_AUTHORITIES = Arrays.stream(Role.values())
		.filter(Role::privileged)
		.map(Role::authority)
		.toArray(String[]::new);

	@Bean
	ReactiveJwtDecoder callerTokenDecoder(SecretKey callerTokenKey, CallerSecurityProperties properties) {
		return CallerTokens.decoder(callerTokenKey, properties.audience());
	}

	@Bean
	SecurityWebFilterChain backendSecurity(ServerHttpSecurity http, ReactiveJwtDecoder callerTokenDecoder,
			CallerSecurityProperties properties) {
		String[] open = Stream.concat(Stream.of("/actuator/health", "/actuator/health/**"),
				properties.publicPaths().stream()).toArray(String[]::new);
		List<String> privileged = properties.privileged().paths();
		// the gateway writes the browser-facing headers; a backend answers only the gateway
		return stateless(http).authorizeExchange(rules -> {
			rules.pathMatchers(open).permitAll();
			if (!privileged.isEmpty()) {
				rules.pathMatchers(privileged.toArray(String[]::new)).hasAnyAuthority(PRIVILEGED_AUTHORITIES);
			}
			rules.anyExchange().authenticated();
		})
			.oauth2ResourceServer(server -> server
				.jwt(jwt -> jwt.jwtDecoder(callerTokenDecoder)
					.jwtAuthenticationConverter(token -> Mono.just(new CallerAuthentication(token))))
				.authenticationEntryPoint(unauthenticated())
				.accessDeniedHandler(denied(properties.privileged().detail())))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated())
				.accessDeniedHandler(denied(properties.privileged().detail())))
			.build();
	}

	/**
	 * What the gateway and the backends share: no form, basic or logout endpoints, no security headers (the gateway's
	 * PageHeaders write them per page), no saved requests or sessions, no CSRF tokens (every credential is a header, a
	 * token or a SameSite=Strict cookie whose Origin the gateway checks).
	 */
	public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
	}

	/** Rendered by the common problem handler, like any other error. */
	static ServerAuthenticationEntryPoint unauthenticated() {
		return (exchange, failure) -> {
			String detail = failure instanceof InvalidBearerTokenException invalid
					? "The caller token is not valid: " + invalid.getMessage()
					: "This service answers only calls through the gateway, which sends a caller token "
							+ "('Authorization: Bearer <token>')";
			ErrorResponseException problem = Problems.of(HttpStatus.UNAUTHORIZED, detail);
			problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			return Mono.error(problem);
		};
	}

	/** Only the privileged paths refuse an authenticated caller here, so their detail, when given, says why. */
	static ServerAccessDeniedHandler denied(String detail) {
		return (exchange, failure) -> Mono.error(Problems.of(HttpStatus.FORBIDDEN,
				detail != null && !detail.isBlank() ? detail
						: "Your role may not " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath()));
	}

	/** The authentication of a verified caller token: principal the {@link Caller}, authority its role. */
	static final class CallerAuthentication extends AbstractAuthenticationToken {

		private final Caller caller;

		private final Jwt token;

		CallerAuthentication(Jwt token) {
			this(CallerTokens.caller(token), token);
		}

		private CallerAuthentication(Caller caller, Jwt token) {
			super(AuthorityUtils.createAuthorityList(caller.role().authority()));
			this.caller = caller;
			this.token = token;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return this.token;
		}

		@Override
		public Object getPrincipal() {
			return this.caller;
		}
	}
}
