package dev.emotionmonitor.classifier.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the classifier-service; each default works on localhost and each can be overridden from the environment.
 *
 * @param gatewayUrl base URL of the gateway, through which this service calls the others ({@code GATEWAY_URL})
 */
@ConfigurationProperties("emotion.classifier")
public record ClassifierProperties(@DefaultValue("http://localhost:8080") URI gatewayUrl) {
}
