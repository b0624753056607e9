package dev.emotionmonitor.gateway.access;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** The caller's IP address as this gateway sees it, for rate limits and the API log. */
public final class ClientAddress {

	private ClientAddress() {
	}

	/** Null when the connection does not tell. */
	public static String of(ServerHttpRequest request) {
		var remote = request.getRemoteAddress();
		if (remote == null) {
			return null;
		}
		return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
	}
}
