package dev.emotionmonitor.corpus.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the corpus-service; each default works on localhost and each can be overridden from the environment.
 *
 * @param gatewayUrl base URL of the gateway, through which this service calls the others ({@code GATEWAY_URL})
 */
@ConfigurationProperties("emotion.corpus")
public record CorpusProperties(@DefaultValue("http://localhost:8080") URI gatewayUrl) {
}
