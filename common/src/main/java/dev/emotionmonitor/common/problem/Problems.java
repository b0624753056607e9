package dev.emotionmonitor.common.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;

/** Builds RFC 9457 problems with a detail that tells the caller what to fix. */
public final class Problems {

	private Problems() {
	}

	/** An exception that answers {@code status} with {@code detail}; throw it from any layer. */
	public static ErrorResponseException of(HttpStatusCode status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	/** Same, with extra members in the problem body (e.g. the record number that failed). */
	public static ErrorResponseException of(HttpStatusCode status, String detail, Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		properties.forEach(problem::setProperty);
		return new ErrorResponseException(status, problem, null);
	}

	public static ErrorResponseException badRequest(String detail) {
		return of(HttpStatus.BAD_REQUEST, detail);
	}

	public static ErrorResponseException forbidden(String detail) {
		return of(HttpStatus.FORBIDDEN, detail);
	}

	public static ErrorResponseException notFound(String detail) {
		return of(HttpStatus.NOT_FOUND, detail);
	}

	public static ErrorResponseException conflict(String detail) {
		return of(HttpStatus.CONFLICT, detail);
	}

	/** The problem for any throwable: its own when it carries one, a 500 that hides internals otherwise. */
	static ProblemDetail toProblem(Throwable error, ServerHttpRequest request) {
		if (error instanceof ErrorResponse response) {
			return clarify(error, response.getBody(), request);
		}
		String unreadable = RequestErrors.unreadableBody(error, request);
		if (unreadable != null) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable);
		}
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server failed to handle this request; the error has been logged.");
	}

	/** Gives Spring's own problems a detail that says what to fix, and no Java names. */
	static ProblemDetail clarify(Throwable error, ProblemDetail problem, ServerHttpRequest request) {
		String detail = RequestErrors.describe(error, request);
		problem.setDetail(detail != null ? detail : RequestErrors.scrub(problem.getDetail()));
		return problem;
	}
}
