package dev.emotionmonitor.common.management;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.server.ServerWebExchange;

/** Whether a request arrived on the separate management port (a service's own WebFilters apply there too). */
public final class ManagementPort {

	private ManagementPort() {
	}

	public static boolean received(ServerWebExchange exchange) {
		return exchange.getApplicationContext() != null
				&& WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), "management");
	}
}
