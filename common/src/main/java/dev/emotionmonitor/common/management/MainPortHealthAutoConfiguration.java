package dev.emotionmonitor.common.management;

import java.security.Principal;
import java.util.Arrays;

import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * With the actuator on its own management port (metrics, probes), the service's public port keeps answering
 * {@code /actuator/health} and its groups the same way: the gateway's backend check, {@code /api/<service>/actuator/health}
 * and the Compose health checks use it. Boot's own "additional paths" allow only one-segment paths such as
 * {@code /livez}, hence this route. Details follow {@code show-details}/{@code roles} as on the management port.
 */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
@ConditionalOnBean(ReactiveHealthEndpointWebExtension.class)
public class MainPortHealthAutoConfiguration {

	@Bean
	RouterFunction<ServerResponse> mainPortHealth(ReactiveHealthEndpointWebExtension health) {
		return RouterFunctions.route()
			.GET("/actuator/health", request -> answer(health, request))
			.GET("/actuator/health/**", request -> answer(health, request))
			.build();
	}

	private static Mono<ServerResponse> answer(ReactiveHealthEndpointWebExtension health, ServerRequest request) {
		String[] path = Arrays.stream(request.path().substring("/actuator/health".length()).split("/"))
			.filter(segment -> !segment.isEmpty())
			.toArray(String[]::new);
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(org.springframework.security.core.context.SecurityContext::getAuthentication)
			.map(CallerContext::new)
			.cast(SecurityContext.class)
			.defaultIfEmpty(SecurityContext.NONE)
			.flatMap(caller -> health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, caller, path))
			.flatMap(response -> response.getBody() == null
					? ServerResponse.status(response.getStatus()).build()
					: ServerResponse.status(response.getStatus())
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(response.getBody()))
			.switchIfEmpty(ServerResponse.status(HttpStatus.NOT_FOUND).build());
	}

	/** Like the actuator's own: a role {@code ADMIN} is held by an authority {@code ROLE_ADMIN}. */
	private record CallerContext(Authentication authentication) implements SecurityContext {

		@Override
		public Principal getPrincipal() {
			return this.authentication;
		}

		@Override
		public boolean isUserInRole(String role) {
			String authority = role.startsWith("ROLE_") ? role : "ROLE_" + role;
			return this.authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
		}
	}
}
