package dev.emotionmonitor.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the gateway; each default works on localhost and each can be overridden from the environment.
 *
 * @param services            backend name ({@code corpus}, {@code classifier}, ...) to its instance URLs; a request
 *                            to {@code /api/<name>/**} goes to one of them with the prefix stripped
 *                            ({@code CORPUS_URLS=http://a:8081,http://b:8081})
 * @param resolveAllAddresses expand each URL's host name to every address DNS returns, so that
 *                            {@code docker compose --scale classifier-service=3} spreads load over all replicas
 * @param connectTimeout      how long to wait for a backend connection
 * @param responseTimeout     how long to wait for a backend's response headers before answering 504
 * @param healthTimeout       how long a backend health probe may take before that backend counts as down
 */
@ConfigurationProperties("emotion.gateway")
public record EmotionGatewayProperties(Map<String, List<URI>> services,
		@DefaultValue("false") boolean resolveAllAddresses, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("30s") Duration responseTimeout, @DefaultValue("2s") Duration healthTimeout) {

	public EmotionGatewayProperties {
		services = services == null ? Map.of() : Map.copyOf(services);
	}
}
