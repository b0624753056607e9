package dev.emotionmonitor.common.caller;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service knows its callers ({@code emotion.security.*}).
 *
 * @param audience      this backend's name in the caller tokens' {@code aud} ({@code corpus}, {@code classifier} …);
 *                      unset on the gateway, which mints them
 * @param jwtSecret     the shared HS256 secret ({@code EMOTION_JWT_SECRET}); empty: {@code jwtSecretFile}
 * @param jwtSecretFile where the secret is kept when none is given; default {@code <EMOTION_DATA_DIR>/jwt-secret}
 * @param publicPaths   paths a backend serves without a token (its health probes always are)
 * @param privileged    paths only admins and the services may call
 */
@ConfigurationProperties("emotion.security")
public record CallerSecurityProperties(String audience, String jwtSecret, Path jwtSecretFile, List<String> publicPaths,
		Privileged privileged) {

	public CallerSecurityProperties {
		publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
		privileged = privileged == null ? new Privileged(null, null) : privileged;
	}

	/**
	 * @param paths  path patterns ({@code /**}: the whole API) that a member's caller token may not call
	 * @param detail the 403 problem's detail for a member; empty says which method and path their role may not call
	 */
	public record Privileged(List<String> paths, String detail) {

		public Privileged {
			paths = paths == null ? List.of() : List.copyOf(paths);
		}
	}
}
