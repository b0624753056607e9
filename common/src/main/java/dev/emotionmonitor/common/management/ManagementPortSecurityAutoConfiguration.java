package dev.emotionmonitor.common.management;

import dev.emotionmonitor.common.caller.BackendSecurityAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The management port (metrics, probes) answers without a caller token, as Prometheus and the kubelet call it. It is
 * protected by where it listens instead: loopback under {@code ./emotion up}, unpublished in Compose, and in Kubernetes
 * a NetworkPolicy that admits only the monitoring namespace to it; the gateway has no route to it. While the actuator
 * shares the service port ({@code MANAGEMENT_PORT} equal to it), this chain is absent and every endpoint but health
 * needs a token as before. (With a separate port, {@link EndpointRequest} matches only requests on that port.)
 */
@AutoConfiguration(after = BackendSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
@ConditionalOnBean(ServerHttpSecurity.class)
public class ManagementPortSecurityAutoConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain managementPortSecurity(ServerHttpSecurity http) {
		return BackendSecurityAutoConfiguration.stateless(http)
			.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeExchange(rules -> rules.anyExchange().permitAll())
			.build();
	}
}
