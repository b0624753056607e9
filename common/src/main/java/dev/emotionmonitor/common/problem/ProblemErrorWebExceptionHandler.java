package dev.emotionmonitor.common.problem;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Errors that never reach a controller (no route, wrong method, body too large, a filter's failure) as
 * problem+json instead of Spring Boot's whitelabel JSON. Runs before Boot's own handler.
 */
@Order(-2)
class ProblemErrorWebExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

	private final ServerResponse.Context context;

	ProblemErrorWebExceptionHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {
			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}
		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(error);
		}
		ProblemDetail problem = Problems.toProblem(error, exchange.getRequest());
		if (problem.getStatus() >= 500) {
			log.error("Request {} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
		}
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		}
		HttpHeaders headers = error instanceof ErrorResponse response ? response.getHeaders() : HttpHeaders.EMPTY;
		return ServerResponse.status(problem.getStatus())
			.headers(target -> target.addAll(headers))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap(response -> response.writeTo(exchange, context));
	}
}
