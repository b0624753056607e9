package dev.emotionmonitor.dashboard.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.dashboard.bucket.DataVersion;
import dev.emotionmonitor.dashboard.config.DashboardProperties;

/**
 * Conditional GETs for exports: the ETag names the data version, the query (less the token) and what the caller may
 * see; Last-Modified is the last write. A match answers 304 before any export is computed.
 */
@Component
class ExportCaching {

	private final DataVersion dataVersion;

	private final CacheControl cacheControl;

	ExportCaching(DataVersion dataVersion, DashboardProperties properties) {
		this.dataVersion = dataVersion;
		this.cacheControl = CacheControl.maxAge(properties.exports().maxAge()).cachePrivate().mustRevalidate();
	}

	record Validators(String etag, long lastModified, CacheControl cacheControl, boolean notModified) {

		<T> ResponseEntity<T> notModifiedResponse() {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(this.etag).lastModified(this.lastModified)
				.cacheControl(this.cacheControl).build();
		}

		ResponseEntity.BodyBuilder ok() {
			return ResponseEntity.ok().eTag(this.etag).lastModified(this.lastModified).cacheControl(this.cacheControl)
				.varyBy(HttpHeaders.AUTHORIZATION);
		}
	}

	Mono<Validators> check(ServerWebExchange exchange, Caller caller) {
		return this.dataVersion.current().map(version -> {
			Map<String, String> query = new TreeMap<>();
			exchange.getRequest().getQueryParams().forEach((name, values) -> {
				if (!"token".equals(name)) {
					query.put(name, String.join("\u001f", values));
				}
			});
			String etag = "W/\"" + hash(version.version() + "|" + visibilityKey(caller) + "|"
					+ exchange.getRequest().getPath().pathWithinApplication().value() + "|" + query) + "\"";
			long lastModified = version.updatedAt().toEpochMilli();
			boolean notModified = exchange.checkNotModified(etag, version.updatedAt());
			return new Validators(etag, lastModified, this.cacheControl, notModified);
		});
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Callers who see different rows get different ETags: admins and services see all, a member their own. */
	private static String visibilityKey(Caller caller) {
		return caller.privileged() ? "all"
				: "member:" + caller.memberId() + ":" + String.join(",", caller.identities().stream().sorted().toList());
	}
}
