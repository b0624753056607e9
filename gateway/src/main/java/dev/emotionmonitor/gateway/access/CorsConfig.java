package dev.emotionmonitor.gateway.access;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for a front end hosted elsewhere: the configured origins may call {@code /api/**} with credentials. Runs
 * before the access checks so that preflight requests, which carry no key, are answered here.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

	@Bean
	OrderedCorsFilter corsFilter(EmotionGatewayProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!properties.cors().allowedOrigins().isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(properties.cors().allowedOrigins());
			cors.addAllowedMethod("*");
			cors.addAllowedHeader("*");
			cors.addExposedHeader(HttpHeaders.RETRY_AFTER);
			cors.addExposedHeader(HttpHeaders.LOCATION);
			cors.addExposedHeader(HttpHeaders.LINK);
			cors.setAllowCredentials(true);
			cors.setMaxAge(properties.cors().maxAge());
			source.registerCorsConfiguration("/api/**", cors);
		}
		return new OrderedCorsFilter(source);
	}

	static class OrderedCorsFilter extends CorsWebFilter implements Ordered {

		OrderedCorsFilter(UrlBasedCorsConfigurationSource source) {
			super(source);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 30;
		}
	}
}
