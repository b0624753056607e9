package dev.emotionmonitor.gateway.routing;

import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/** Where a route's circuit breaker sends a request its backend could not answer: a problem naming the backend. */
@RestController
class FallbackController {

	@RequestMapping("/fallback/{backend}")
	Mono<ResponseEntity<ProblemDetail>> fallback(@PathVariable String backend, ServerWebExchange exchange) {
		Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		ProblemDetail problem;
		if (isTimeout(cause)) {
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
					"The " + backend + " service did not answer in time.");
		}
		else {
			String why = cause instanceof CallNotPermittedException ? " (circuit open after repeated failures)" : "";
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The " + backend + " service is unavailable" + why + "; try again shortly.");
		}
		problem.setTitle(problem.getStatus() == 504 ? "Backend timeout" : "Backend unavailable");
		problem.setProperty("service", backend);
		return Mono.just(ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(problem));
	}

	private static boolean isTimeout(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof TimeoutException
					|| (t instanceof ResponseStatusException status && status.getStatusCode().value() == 504)) {
				return true;
			}
		}
		return false;
	}
}
