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
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

@RestController
class ObservationController {

	private final ObservationReader reader;

	private final ObservationIngest ingest;

	private final DashboardProperties properties;

	ObservationController(ObservationReader reader, ObservationIngest ingest, DashboardProperties properties) {
		this.reader = reader;
		this.ingest = ingest;
		this.properties = properties;
	}

	/**
	 * One observation or an array of them. Idempotent on source + message_id + section. Members (the web page logging
	 * what they classified) may only send their own observations; services and admins any.
	 */
	@PostMapping("/observations")
	Mono<IngestResult> observe(@RequestBody JsonNode body, @AuthenticationPrincipal Caller caller) {
		List<Observation> observations = this.reader.read(body, this.properties.maxBatch(), Instant.now());
		if (!caller.privileged()) {
			for (Observation observation : observations) {
				if (!caller.is(observation.memberId())) {
					throw Problems.forbidden("A member may only log their own observations; member_id "
							+ observation.memberId() + " is not yours.");
				}
			}
		}
		return this.ingest.ingest(observations);
	}
}
