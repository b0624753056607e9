package dev.emotionmonitor.dashboard.ui;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.resource.LiteWebJarsResourceResolver;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The dashboard page under {@code /ui/} (the gateway publishes it as {@code /dashboard/}). The chart library's WebJar is
 * also served under {@code /ui/webjars/}, so the page reaches it with a relative URL through the gateway too.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPage implements WebFluxConfigurer {

	private static final Resource INDEX = new ClassPathResource("static/ui/index.html");

	@Bean
	RouterFunction<ServerResponse> dashboardIndex() {
		// the page's relative URLs need the trailing slash; redirected here, not by an inline script the CSP forbids.
		// The Location is relative ("ui/" against "/ui"), so it stays on whatever host and proxy the page came through.
		return route(GET("/ui"),
				request -> ServerResponse.status(HttpStatus.FOUND)
					.location(URI.create("ui/" + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())))
					.build())
			.andRoute(GET("/ui/"),
				request -> ServerResponse.ok()
					.contentType(MediaType.TEXT_HTML)
					.cacheControl(CacheControl.noCache())
					.bodyValue(INDEX));
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/ui/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(CacheControl.maxAge(java.time.Duration.ofDays(7)))
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
	}
}
