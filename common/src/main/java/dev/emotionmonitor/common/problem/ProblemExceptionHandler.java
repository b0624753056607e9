package dev.emotionmonitor.common.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/** Controller errors as problem+json: Spring's own exceptions, validation failures, and anything unexpected. */
@RestControllerAdvice
class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	/** Every problem Spring answers for its own exceptions gets a detail that says what to fix. */
	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		Object clarified = body;
		if (body instanceof ProblemDetail problem && !(ex instanceof WebExchangeBindException)) {
			clarified = Problems.clarify(ex, problem, exchange.getRequest());
		}
		else if (body == null && ex instanceof ErrorResponse response) {
			clarified = Problems.clarify(ex, response.getBody(), exchange.getRequest());
		}
		return super.handleExceptionInternal(ex, clarified, headers, status, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail(ex.getFieldErrors()
			.stream()
			.map(error -> error.getField() + " " + error.getDefaultMessage())
			.reduce((a, b) -> a + "; " + b)
			.orElse("Invalid request content"));
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<ProblemDetail>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		ProblemDetail problem = Problems.toProblem(ex, exchange.getRequest());
		if (problem.getStatus() >= 500) {
			log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
		}
		return Mono.just(ResponseEntity.status(problem.getStatus()).body(problem));
	}
}
