package dev.emotionmonitor.common.gateway;

import java.net.URI;
import java.time.Duration;

/**
 * What a service's settings say about calling the other services: the gateway's URL ({@code GATEWAY_URL}) and the
 * services' key ({@code EMOTION_SERVICE_KEY}). A service's properties record implements it and gets a
 * {@link ServiceClient}.
 */
public interface GatewaySettings {

	URI gatewayUrl();

	/** Sent as {@code Authorization: Bearer}; blank sends no header. */
	String serviceKey();

	/** How long a call waits for the gateway's next bytes before it fails. */
	default Duration gatewayTimeout() {
		return Duration.ofSeconds(60);
	}
}
