package dev.emotionmonitor.classifier.config;

import dev.emotionmonitor.common.problem.Problems;

import org.springframework.http.HttpStatus;

/**
 * The caller's role as the gateway forwards it ({@code X-Emotion-Member-Role}). No header means an internal call,
 * trusted like {@code service}; members may classify and read, only admins and services change models or train.
 */
public final class CallerRole {

	public static final String HEADER = "X-Emotion-Member-Role";

	private CallerRole() {
	}

	public static void requireAdminOrService(String role, String action) {
		if (role == null || role.isBlank() || role.equals("admin") || role.equals("service")) {
			return;
		}
		throw Problems.of(HttpStatus.FORBIDDEN, "only an admin or a service may " + action + " (your role: " + role
				+ ")");
	}
}
