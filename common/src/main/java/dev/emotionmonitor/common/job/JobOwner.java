package dev.emotionmonitor.common.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This replica as the owner of the jobs it runs: host, process and a random part, so two contexts in one JVM (or two
 * containers that share a host name) are told apart.
 */
public record JobOwner(String id) {

	public static JobOwner ofThisProcess() {
		return new JobOwner(host() + "/" + ProcessHandle.current().pid() + "/"
				+ UUID.randomUUID().toString().substring(0, 8));
	}

	private static String host() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}
}
