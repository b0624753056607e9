package dev.emotionmonitor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.caller.CallerTokens;

/**
 * The whole system as a user runs it: {@code ./emotion up} with its own data directory and free ports, requests
 * through the gateway, {@code ./emotion down}.
 */
final class EmotionSystem {

	static final List<String> SERVICES = List.of("corpus-service", "classifier-service", "scraper-service",
			"dashboard-service", "gateway");

	private final Path root;

	private final Path dataDirectory;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	EmotionSystem(Path dataDirectory) {
		this.root = Path.of(System.getProperty("emotion.root", "..")).toAbsolutePath().normalize();
		this.dataDirectory = dataDirectory;
		environment.put("EMOTION_DATA_DIR", dataDirectory.toString());
		for (String variable : List.of("GATEWAY_PORT", "CORPUS_PORT", "CLASSIFIER_PORT", "SCRAPER_PORT",
				"DASHBOARD_PORT", "GATEWAY_MANAGEMENT_PORT", "CORPUS_MANAGEMENT_PORT", "CLASSIFIER_MANAGEMENT_PORT",
				"SCRAPER_MANAGEMENT_PORT", "DASHBOARD_MANAGEMENT_PORT")) {
			environment.put(variable, String.valueOf(freePort()));
		}
	}

	/** An environment variable for {@code ./emotion} and the services it starts. */
	EmotionSystem with(String variable, String value) {
		environment.put(variable, value);
		return this;
	}

	Result emotion(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(root.resolve("emotion").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
		builder.environment().putAll(environment);
		builder.environment().remove("MONGODB_URI");
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("./emotion " + String.join(" ", arguments) + " did not finish");
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String gatewayUrl() {
		return "http://127.0.0.1:" + environment.get("GATEWAY_PORT");
	}

	/** A backend's own address, bypassing the gateway. */
	String directUrl(String backend) {
		return "http://127.0.0.1:" + environment.get(backend.toUpperCase(Locale.ROOT) + "_PORT");
	}

	Path dataDirectory() {
		return dataDirectory;
	}

	/** The key the services use between themselves; ./emotion up writes it. */
	String serviceKey() {
		return read(dataDirectory.resolve("service-key"));
	}

	/** The key that signs caller tokens; ./emotion up writes it. */
	SecretKey callerTokenKey() {
		return new SecretKeySpec(read(dataDirectory.resolve("jwt-secret")).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/** A caller token for {@code backend} as the gateway of this system would sign it. */
	String callerToken(Caller caller, String backend, Instant issuedAt, Duration lifetime) {
		return CallerTokens.mint(CallerTokens.encoder(callerTokenKey()), caller, backend, issuedAt, lifetime)
			.getTokenValue();
	}

	List<Long> recordedPids() {
		List<Long> pids = new ArrayList<>();
		for (String service : SERVICES) {
			Path file = pidFile(service);
			if (Files.exists(file)) {
				pids.add(Long.parseLong(read(file)));
			}
		}
		return pids;
	}

	long pidOf(String service) {
		return Long.parseLong(read(pidFile(service)));
	}

	private Path pidFile(String service) {
		return dataDirectory.resolve("run").resolve(service + ".pid");
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path)).GET());
	}

	HttpResponse<String> post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** A multipart/form-data POST with one file part named {@code file} and plain fields, as a browser sends it. */
	HttpResponse<String> postFile(String path, Path file, Map<String, String> fields) {
		String boundary = "----emotion-e2e-" + System.nanoTime();
		List<byte[]> parts = new ArrayList<>();
		fields.forEach((name, value) -> parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
		parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
				+ "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		try {
			parts.add(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArrays(parts)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.header("Authorization", "Bearer " + serviceKey())
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A free port below Linux's ephemeral range (32768 and up): a port the OS hands out itself can be taken, between
	 * this check and the service's start, by any outgoing connection or port-0 listener (the embedded stores').
	 */
	static int freePort() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = random.nextInt(20_000, 32_000);
			try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// try another
			}
		}
		throw new IllegalStateException("no free port between 20000 and 32000");
	}

	record Result(int exitCode, String output) {
	}
}
