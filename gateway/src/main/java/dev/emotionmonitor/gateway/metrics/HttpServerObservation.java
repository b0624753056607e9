package dev.emotionmonitor.gateway.metrics;

import io.micrometer.common.KeyValues;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;

/**
 * {@code http.server.requests} at the least cost per proxied request (the budget: metrics within 5 % of the
 * proxy's CPU): the same name and tags, without the high-cardinality values (the full URL, built for every request),
 * which only a tracer would read and the gateway has none. The active-requests long task timer is left out in
 * application.yml ({@code management.metrics.observations.ignored-meters}).
 */
@Configuration(proxyBeanMethods = false)
class HttpServerObservation {

	@Bean
	ServerRequestObservationConvention serverRequestObservationConvention() {
		return new DefaultServerRequestObservationConvention() {

			@Override
			public KeyValues getHighCardinalityKeyValues(ServerRequestObservationContext context) {
				return KeyValues.empty();
			}
		};
	}
}
