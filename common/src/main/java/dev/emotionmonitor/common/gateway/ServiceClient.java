package dev.emotionmonitor.common.gateway;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * How a service calls the others: through the gateway, with the services' key, in the JSON of the services' contract
 * (the server's own Jackson settings, so snake_case). Made once per service by {@link ServiceClientAutoConfiguration}
 * from its {@link GatewaySettings}.
 *
 * @param rest for worker threads; a 4xx or 5xx answer fails with an exception whose message names the status and the
 *             path, such as {@code 503 from /api/classifier/classifications/batch}
 * @param web  for reactive chains (never block on the event loop)
 */
public record ServiceClient(RestClient rest, WebClient web) {
}
