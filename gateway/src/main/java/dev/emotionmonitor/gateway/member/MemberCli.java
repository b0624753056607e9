package dev.emotionmonitor.gateway.member;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./emotion member add NAME [--role admin|member] [--identity discord:ID ...]}, {@code member list} and
 * {@code member disable ID}: calls the running gateway's admin API ({@code GATEWAY_URL}) with the first admin's key
 * from {@code $EMOTION_DATA_DIR/admin-api-key}. {@code add} prints the new member's key as its last line. Runs without
 * Spring (the embedded store's file is held by the running gateway).
 */
public final class MemberCli {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, String> env;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	MemberCli(Map<String, String> env, PrintStream out) {
		this.env = env;
		this.out = out;
	}

	public static void main(String[] args) {
		int status = new MemberCli(System.getenv(), System.out).run(args, System.err);
		System.exit(status);
	}

	/** Runs one command; answers the process exit status (0 done, 1 refused or failed, 2 usage). */
	int run(String[] arguments, PrintStream err) {
		List<String> args = new ArrayList<>(List.of(arguments));
		if (!args.isEmpty() && args.get(0).equals("member")) {
			args.remove(0);
		}
		try {
			if (args.isEmpty()) {
				return usage(err);
			}
			return switch (args.get(0)) {
				case "add" -> add(args.subList(1, args.size()), err);
				case "list" -> list();
				case "disable" -> args.size() == 2 ? disable(args.get(1)) : usage(err);
				case "help", "--help", "-h" -> {
					usage(out);
					yield 0;
				}
				default -> usage(err);
			};
		}
		catch (Refused ex) {
			err.println("emotion member: " + ex.getMessage());
			return 1;
		}
	}

	private int add(List<String> args, PrintStream err) {
		String name = null;
		String role = "member";
		List<String> identities = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if ((arg.equals("--role") || arg.equals("--identity")) && i + 1 < args.size()) {
				String value = args.get(++i);
				if (arg.equals("--role")) {
					role = value;
				}
				else {
					identities.add(value);
				}
			}
			else if (arg.startsWith("--role=")) {
				role = arg.substring(7);
			}
			else if (arg.startsWith("--identity=")) {
				identities.add(arg.substring(11));
			}
			else if (name == null && !arg.startsWith("--")) {
				name = arg;
			}
			else {
				return usage(err);
			}
		}
		if (name == null) {
			return usage(err);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("display_name", name);
		body.put("role", role);
		body.put("identities", identities);
		JsonNode created = call("POST", "/api/admin/members", json.writeValueAsString(body));
		JsonNode member = created.path("member");
		out.println("Added " + member.path("role").asString() + " '" + member.path("display_name").asString()
				+ "' with id " + member.path("id").asString() + ". Its API key (shown only now):");
		out.println(created.path("api_key").path("key").asString());
		return 0;
	}

	private int list() {
		int page = 0;
		long total;
		out.printf("%-16s %-7s %-8s %-28s %s%n", "ID", "ROLE", "ACTIVE", "NAME", "IDENTITIES");
		do {
			JsonNode found = call("GET", "/api/admin/members?size=500&page=" + page, null);
			total = found.path("total").asLong();
			for (JsonNode member : found.path("items")) {
				List<String> identities = new ArrayList<>();
				member.path("identities").forEach(identity -> identities.add(identity.asString()));
				out.printf("%-16s %-7s %-8s %-28s %s%n", member.path("id").asString(), member.path("role").asString(),
						member.path("active").asBoolean() ? "yes" : "no", member.path("display_name").asString(),
						String.join(",", identities));
			}
			page++;
		}
		while ((long) page * 500 < total);
		return 0;
	}

	private int disable(String id) {
		JsonNode member = call("PATCH", "/api/admin/members/" + id, "{\"active\":false}");
		out.println("Disabled '" + member.path("display_name").asString() + "' (" + id
				+ "); its keys and sessions no longer work.");
		return 0;
	}

	private JsonNode call(String method, String path, String body) {
		String base = env.getOrDefault("GATEWAY_URL", "http://localhost:8080").replaceAll("/+$", "");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + adminKey())
			.header("Accept", "application/json");
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (ConnectException ex) {
			throw new Refused("cannot reach the gateway at " + base + " (is it running? ./emotion up)");
		}
		catch (IOException ex) {
			throw new Refused("calling the gateway at " + base + " failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Refused("interrupted");
		}
		JsonNode answer;
		try {
			answer = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
		}
		catch (RuntimeException ex) {
			throw new Refused(response.statusCode() + " and an answer that is not JSON from " + base + path);
		}
		if (response.statusCode() >= 400) {
			String detail = answer.path("detail").asString("");
			throw new Refused(response.statusCode() + " " + (detail.isEmpty() ? response.body() : detail));
		}
		return answer;
	}

	private String adminKey() {
		Path file = Path.of(env.getOrDefault("EMOTION_DATA_DIR", "data")).resolve(FirstAdmin.KEY_FILE);
		try {
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (NoSuchFileException ex) {
			throw new Refused("no admin key at " + file.toAbsolutePath()
					+ " (the gateway writes it on its first start; set EMOTION_DATA_DIR to its data directory)");
		}
		catch (IOException ex) {
			throw new Refused("cannot read the admin key at " + file.toAbsolutePath() + ": " + ex.getMessage());
		}
	}

	private static int usage(PrintStream stream) {
		stream.println("""
				usage: emotion member add NAME [--role admin|member] [--identity discord:ID ...]
				       emotion member list
				       emotion member disable ID
				(GATEWAY_URL names the running gateway; EMOTION_DATA_DIR holds admin-api-key)""");
		return 2;
	}

	private static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}
	}
}
