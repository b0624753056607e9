package dev.emotionmonitor.common.problem;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Details for the errors Spring raises before a controller runs, written for the caller: which field of the body
 * is wrong and what it should be, which Content-Type to send, how large a body may be. Never a Java type, class or
 * file name.
 */
final class RequestErrors {

	/** A Java package-qualified name, or any dotted name in backticks ({@code `JsonToken.START_ARRAY`}). */
	private static final Pattern JAVA_NAME = Pattern
		.compile("`?\\b(?:java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.springframework|dev\\.emotionmonitor)"
				+ "(?:\\.[\\w$]+)+`?|`[\\w$]+(?:\\.[\\w$]+)+`");

	private static final Pattern LOCATION = Pattern.compile("\\s*(?:\\(start marker at )?\\[Source:.*$", Pattern.DOTALL);

	private static final Pattern DIGITS = Pattern.compile("(\\d+)");

	private static final Map<String, String> JSON_KINDS = Map.of("String", "text", "CharSequence", "text", "Boolean",
			"true or false", "boolean", "true or false");

	private RequestErrors() {
	}

	/** A clearer detail for {@code error}, or null to keep the one it has. */
	static String describe(Throwable error, ServerHttpRequest request) {
		if (error instanceof UnsupportedMediaTypeStatusException unsupported) {
			return unsupportedMediaType(unsupported, request);
		}
		if (error instanceof NoResourceFoundException && request != null) {
			return "Nothing here answers " + request.getMethod() + " " + request.getPath().value()
					+ "; this service's API is listed at /v3/api-docs.";
		}
		DataBufferLimitException limit = cause(error, DataBufferLimitException.class);
		if (limit != null) {
			return tooLarge(limit);
		}
		if (error instanceof ServerWebInputException input) {
			return body(input, input.getReason(), request);
		}
		return null;
	}

	/**
	 * The detail for a body a controller failed to decode itself (reading the multipart data of the exchange, say),
	 * or null when {@code error} is not about an unreadable body.
	 */
	static String unreadableBody(Throwable error, ServerHttpRequest request) {
		return cause(error, DecodingException.class) == null ? null : body(error, null, request);
	}

	private static String body(Throwable error, String reason, ServerHttpRequest request) {
		return multipart(request) ? "The multipart form is malformed or incomplete; send each field and file as "
				+ "multipart/form-data (curl -F)." : input(error, reason != null ? reason : "Invalid request");
	}

	private static boolean multipart(ServerHttpRequest request) {
		return request != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(request.getHeaders().getContentType());
	}

	/** The detail with any Java type or package name taken out. */
	static String scrub(String detail) {
		return detail == null ? null : JAVA_NAME.matcher(detail).replaceAll("a value");
	}

	private static String unsupportedMediaType(UnsupportedMediaTypeStatusException error, ServerHttpRequest request) {
		String supported = names(error.getSupportedMediaTypes());
		boolean none = request != null && request.getHeaders().getContentType() == null;
		if (none) {
			return "The request has no Content-Type; send the body as " + supported + ".";
		}
		MediaType sent = error.getContentType();
		return "Content-Type " + (sent != null ? sent : "unknown") + " is not accepted here; send the body as "
				+ supported + ".";
	}

	private static String names(Collection<MediaType> types) {
		List<String> names = types.stream()
			.filter(type -> !type.isWildcardType() && !type.isWildcardSubtype())
			.map(type -> type.getType() + "/" + type.getSubtype())
			.distinct()
			.toList();
		return names.isEmpty() ? "a supported type" : names.stream().collect(Collectors.joining(" or "));
	}

	private static String tooLarge(DataBufferLimitException limit) {
		Matcher digits = DIGITS.matcher(String.valueOf(limit.getMessage()));
		String bytes = digits.find() ? human(Long.parseLong(digits.group(1))) : "the limit";
		return "The request body is larger than this endpoint accepts (" + bytes
				+ "); send a smaller body, e.g. split a batch into several requests.";
	}

	private static String human(long bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + "MB";
		}
		if (bytes >= 1024 && bytes % 1024 == 0) {
			return bytes / 1024 + "KB";
		}
		return bytes + " bytes";
	}

	private static String input(Throwable input, String reason) {
		MismatchedInputException mismatch = cause(input, MismatchedInputException.class);
		if (mismatch != null) {
			return mismatch.getPath().isEmpty() ? "The body has the wrong shape" + expected(mismatch) + "."
					: "The body's field " + path(mismatch.getPath()) + " has the wrong type" + expected(mismatch) + ".";
		}
		JacksonException json = cause(input, JacksonException.class);
		if (json != null) {
			return "The body is not valid JSON: " + firstLine(LOCATION.matcher(json.getOriginalMessage()).replaceAll(""));
		}
		DecodingException decoding = cause(input, DecodingException.class);
		if (decoding != null && decoding.getMessage() != null) {
			return reason + ": " + firstLine(decoding.getMessage());
		}
		return reason;
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append(path.length() == 0 ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.length() == 0 ? "(the whole body)" : "\"" + path + "\"";
	}

	private static String expected(MismatchedInputException mismatch) {
		Class<?> target = mismatch.getTargetType();
		if (target == null) {
			return "";
		}
		if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
			return " (expected a number)";
		}
		if (target.isArray() || Collection.class.isAssignableFrom(target)) {
			return " (expected an array)";
		}
		String kind = JSON_KINDS.get(target.getSimpleName());
		return kind != null ? " (expected " + kind + ")" : " (expected an object)";
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return scrub(newline > 0 ? message.substring(0, newline) : message).strip();
	}

	private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}
}
