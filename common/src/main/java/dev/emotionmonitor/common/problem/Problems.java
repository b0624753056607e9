package dev.emotionmonitor.common.problem;

import java.util.Map;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebInputException;

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
	static ProblemDetail toProblem(Throwable error) {
		if (error instanceof ServerWebInputException input) {
			ProblemDetail problem = input.getBody();
			problem.setDetail(describeInputError(input));
			return problem;
		}
		if (error instanceof ErrorResponse response) {
			return response.getBody();
		}
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server failed to handle this request; the error has been logged.");
	}

	/** Spring's "Failed to read HTTP message" says nothing; the decoder's cause says what is wrong with the body. */
	private static String describeInputError(ServerWebInputException input) {
		Throwable cause = input.getCause();
		while (cause != null && !(cause instanceof DecodingException)) {
			cause = cause.getCause();
		}
		String reason = input.getReason() != null ? input.getReason() : "Invalid request";
		if (cause != null && cause.getMessage() != null) {
			String message = cause.getMessage();
			int newline = message.indexOf('\n');
			return reason + ": " + (newline > 0 ? message.substring(0, newline) : message);
		}
		return reason;
	}
}
