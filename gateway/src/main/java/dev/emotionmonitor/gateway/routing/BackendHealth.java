package dev.emotionmonitor.gateway.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code /actuator/health} of the gateway shows each backend ({@code components.backends.components.<name>}): up
 * when at least one instance answers its own health check, with the state of every instance in the details.
 */
@Configuration(proxyBeanMethods = false)
class BackendHealth {

	@Bean
	CompositeReactiveHealthContributor backends(EmotionGatewayProperties properties,
			StaticDiscoveryClient discovery) {
		WebClient client = WebClient.create();
		Function<String, ReactiveHealthIndicator> indicator = backend -> () -> discovery.getInstances(backend)
			.flatMap(instance -> probe(client, instance, properties))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
			.map(instances -> (instances.containsValue("UP") ? Health.up() : Health.down())
				.withDetail("instances", instances)
				.build());
		Map<String, String> names = new LinkedHashMap<>();
		properties.services().keySet().forEach(name -> names.put(name, name));
		return CompositeReactiveHealthContributor.fromMap(names, indicator);
	}

	@SuppressWarnings("rawtypes")
	private static Mono<Map.Entry<String, String>> probe(WebClient client, ServiceInstance instance,
			EmotionGatewayProperties properties) {
		String url = instance.getUri().toString();
		return client.get()
			.uri(url + "/actuator/health")
			.exchangeToMono(response -> response.bodyToMono(Map.class).defaultIfEmpty(Map.of()))
			.map(body -> String.valueOf(body.getOrDefault("status", "UNKNOWN")))
			.timeout(properties.healthTimeout())
			.onErrorResume(ex -> Mono.just("DOWN"))
			.map(status -> Map.entry(url, status));
	}
}
