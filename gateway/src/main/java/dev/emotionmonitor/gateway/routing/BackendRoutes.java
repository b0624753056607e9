package dev.emotionmonitor.gateway.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * One route per backend: {@code /api/<name>/**} to {@code lb://<name>} with the prefix stripped, a circuit breaker
 * whose fallback answers problem+json, and retries for idempotent methods only. Built from
 * {@link EmotionGatewayProperties} so a backend is added by configuration alone.
 */
@Configuration(proxyBeanMethods = false)
class BackendRoutes {

	@Bean
	RouteLocator backendRouteLocator(RouteLocatorBuilder builder, EmotionGatewayProperties properties) {
		RouteLocatorBuilder.Builder routes = builder.routes();
		for (String backend : properties.services().keySet()) {
			routes.route(backend, route -> route.path("/api/" + backend + "/**")
				.filters(filters -> filters.stripPrefix(2)
					.circuitBreaker(breaker -> breaker.setName(backend).setFallbackUri("forward:/fallback/" + backend))
					.retry(retry -> retry.setRetries(2)
						.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT,
								HttpMethod.DELETE)
						.setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
						.setExceptions(IOException.class, TimeoutException.class)))
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, properties.connectTimeout().toMillis())
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis())
				.uri("lb://" + backend));
		}
		return routes.build();
	}

	/**
	 * The breaker opens when half of the last 20 calls to a backend failed. It has no time limiter of its own
	 * ({@code disable-time-limiter} in application.yml): the route's response timeout already answers 504, and a
	 * limiter would start a timer on every request.
	 */
	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults() {
		return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.slidingWindowSize(20)
				.minimumNumberOfCalls(10)
				.failureRateThreshold(50)
				.waitDurationInOpenState(Duration.ofSeconds(10))
				.build())
			.build());
	}

	@Bean
	StaticDiscoveryClient staticDiscoveryClient(EmotionGatewayProperties properties) {
		return new StaticDiscoveryClient(properties);
	}
}
