package dev.emotionmonitor.scraper.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.emotionmonitor.common.gateway.ServiceClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Calls the classifier and the dashboard through the gateway, with the services' key (the common
 * {@link ServiceClient}; its timeout is {@code emotion.scraper.pipeline.timeout}). Blocking: used from the outbox
 * worker's thread only, through {@link OutboxSender}.
 */
@Component
class GatewayClient {

	private final RestClient http;

	GatewayClient(ServiceClient services) {
		this.http = services.rest();
	}

	List<Prediction> classify(List<String> texts) {
		Predictions answer = http.post()
			.uri("/api/classifier/classifications/batch")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("texts", texts))
			.retrieve()
			.body(Predictions.class);
		if (answer == null || answer.items() == null || answer.items().size() != texts.size()) {
			throw new IllegalStateException("The classifier answered " + (answer == null || answer.items() == null
					? "no items" : answer.items().size() + " items") + " for " + texts.size() + " texts");
		}
		return answer.items();
	}

	void observe(List<Observation> observations) {
		http.post()
			.uri("/api/dashboard/observations")
			.contentType(MediaType.APPLICATION_JSON)
			.body(observations)
			.retrieve()
			.toBodilessEntity();
	}

	/**
	 * Withdraws every observation of the given messages (all sections) from the dashboard; idempotent, unknown
	 * messages are fine.
	 */
	void withdraw(List<Withdrawal> messages) {
		http.post()
			.uri("/api/dashboard/observations/withdrawals")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("items", messages))
			.retrieve()
			.toBodilessEntity();
	}

	/** A call failure the caller should retry later (the service is down, busy or failing), not a refused input. */
	static boolean transientFailure(Throwable error) {
		if (error instanceof RestClientResponseException response) {
			int status = response.getStatusCode().value();
			return status >= 500 || status == 408 || status == 429;
		}
		return true;
	}

	/** The time a 503/429 answer asked us to wait ({@code Retry-After} seconds), if any. */
	static Duration retryAfter(Throwable error) {
		if (error instanceof RestClientResponseException response && response.getResponseHeaders() != null) {
			String value = response.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
			if (value != null && value.matches("\\d{1,6}")) {
				return Duration.ofSeconds(Long.parseLong(value));
			}
		}
		return Duration.ZERO;
	}

	static String describe(Throwable error) {
		if (error instanceof RestClientResponseException response) {
			// the common client's message names status and path: "503 from /api/classifier/classifications/batch"
			String body = response.getResponseBodyAsString();
			return response.getMessage() + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(300, body.length())));
		}
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return error.getClass().getSimpleName() + ": " + (root.getMessage() != null ? root.getMessage() : root);
	}

	/** One message whose observations leave the dashboard: {@code source} is the message's site. */
	record Withdrawal(String source, String messageId) {
	}

	record Predictions(List<Prediction> items) {
	}

	record Prediction(String label, Map<String, Double> scores, String modelVersion) {
	}

	/**
	 * What the dashboard stores per message section; it is idempotent on source + message_id + section. A thread or
	 * forum post names its parent channel ({@code parent_channel_id}, {@code parent_channel}); both are left out (null)
	 * for an ordinary channel.
	 */
	record Observation(String source, String messageId, String section, String memberId, String memberName,
			String channelId, String channel, String guild, String parentChannelId, String parentChannel, Instant at,
			Map<String, Double> scores, String label, String modelVersion) {
	}
}
