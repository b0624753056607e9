package dev.emotionmonitor.gateway.routing;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard page, which the dashboard-service serves under {@code /ui/}: {@code /dashboard/**} goes to its
 * {@code /ui/**}, and {@code /dashboard} redirects to {@code /dashboard/} so the page's relative links resolve.
 * {@code /webjars/**} (its charting library) goes there unchanged, and {@code /dashboard/webjars/**} to the same.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

	static final String ROUTE = "dashboard-page";

	@Bean
	RouteLocator pageRouteLocator(RouteLocatorBuilder builder, EmotionGatewayProperties properties) {
		RouteLocatorBuilder.Builder routes = builder.routes();
		if (!properties.services().containsKey("dashboard")) {
			return routes.build();
		}
		routes.route(ROUTE + "-redirect", route -> route.path(false, "/dashboard")
			.filters(filters -> filters.redirect(302, "/dashboard/"))
			.uri("no://op"));
		routes.route(ROUTE + "-webjars", route -> route.order(-1).path("/dashboard/webjars/**", "/webjars/**")
			.filters(filters -> filters.rewritePath("^(/dashboard)?/webjars/(?<rest>.*)$", "/webjars/${rest}")
				.circuitBreaker(breaker -> breaker.setName("dashboard").setFallbackUri("forward:/fallback/dashboard")))
			.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, properties.connectTimeout().toMillis())
			.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis())
			.uri("lb://dashboard"));
		routes.route(ROUTE, route -> route.path("/dashboard/**")
			.filters(filters -> filters.rewritePath("^/dashboard/(?<rest>.*)$", "/ui/${rest}")
				.circuitBreaker(breaker -> breaker.setName("dashboard").setFallbackUri("forward:/fallback/dashboard")))
			.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, properties.connectTimeout().toMillis())
			.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis())
			.uri("lb://dashboard"));
		return routes.build();
	}
}
