package dev.emotionmonitor.dashboard.observation;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.dashboard.config.DashboardProperties;
import dev.emotionmonitor.dashboard.metrics.DashboardMetrics;

@RestController
class ObservationController {

	private final ObservationReader reader;

	private final ObservationIngest ingest;

	private final DashboardProperties properties;

	private final DashboardMetrics metrics;

	ObservationController(ObservationReader reader, ObservationIngest ingest, DashboardProperties properties,
			DashboardMetrics metrics) {
		this.reader = reader;
		this.ingest = ingest;
		this.properties = properties;
		this.metrics = metrics;
	}

	/**
	 * One observation or an array of them. Idempotent on source + member_id + message_id + section. Members (the web
	 * page logging what they classified) write only their own history, under source {@code self}; services and
	 * admins any member's.
	 */
	@PostMapping("/observations")
	Mono<IngestResult> observe(@RequestBody JsonNode body, @AuthenticationPrincipal Caller caller) {
		List<Observation> observations = this.reader.read(body, this.properties.maxBatch(), Instant.now(), caller);
		return this.ingest.ingest(observations)
			.doOnNext(result -> this.metrics.observed(result.created(), result.replaced(), result.unchanged()));
	}

	/**
	 * Withdraws every observation (all sections) of the named messages from every figure, list and export: a message
	 * deleted in the chat, or edited (its new observations follow). Idempotent; unknown messages are fine. Services
	 * and admins only.
	 */
	@PostMapping("/observations/withdrawals")
	Mono<Withdrawal> withdraw(@RequestBody JsonNode body, @AuthenticationPrincipal Caller caller) {
		caller.requireAdminOrService("withdraw observations");
		List<MessageRef> messages = this.reader.withdrawals(body, this.properties.maxBatch());
		return this.ingest.withdraw(messages)
			.doOnNext(result -> this.metrics.withdrawn(result.messages(), result.withdrawn()));
	}

	/** Recomputes every bucket, the member and channel lists and the alerts from the stored observations. */
	@PostMapping("/admin/rebuild")
	Mono<BucketRepair.Rebuilt> rebuild(@AuthenticationPrincipal Caller caller) {
		caller.requireAdminOrService("recompute the dashboard's figures");
		return this.ingest.rebuild();
	}
}
