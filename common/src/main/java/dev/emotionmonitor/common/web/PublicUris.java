package dev.emotionmonitor.common.web;

import java.net.URI;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * URLs to hand out in {@code Location} and {@code Link} headers. With {@code server.forward-headers-strategy:
 * framework} the request already carries the gateway's public scheme, host and port, and the stripped
 * {@code /api/<service>} prefix as its context path; a URL built here therefore works through the gateway.
 */
public final class PublicUris {

	private PublicUris() {
	}

	/** The public URL of {@code path} (absolute within this service, e.g. {@code /runs/42}). */
	public static URI of(ServerHttpRequest request, String path) {
		return UriComponentsBuilder.fromUri(request.getURI())
			.replacePath(request.getPath().contextPath().value())
			.path(path)
			.replaceQuery(null)
			.fragment(null)
			.build()
			.encode()
			.toUri();
	}
}
