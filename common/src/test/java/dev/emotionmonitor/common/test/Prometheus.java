package dev.emotionmonitor.common.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.core.env.Environment;

/**
 * What Prometheus scrapes: a service's {@code /actuator/prometheus} on its management port, read as Prometheus
 * does (no caller token), and one series family summed.
 */
public record Prometheus(String text) {

	public static HttpResponse<String> get(Environment environment, String path) {
		String port = environment.getRequiredProperty("local.management.port");
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static Prometheus scrape(Environment environment) {
		HttpResponse<String> response = get(environment, "/actuator/prometheus");
		if (response.statusCode() != 200) {
			throw new AssertionError("/actuator/prometheus answered " + response.statusCode() + ": " + response.body());
		}
		return new Prometheus(response.body());
	}

	/** True when the exposition names this metric (a sample line starts with it). */
	public boolean has(String name) {
		return this.text.lines().anyMatch(line -> line.equals(name) || line.startsWith(name + " ") || line.startsWith(name + "{"));
	}

	/** The sum of the samples named exactly {@code name} whose labels contain every {@code label="value"} given. */
	public double sum(String name, String... labels) {
		double sum = 0;
		for (String line : this.text.lines().toList()) {
			if (line.startsWith("#") || !(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
				continue;
			}
			boolean matches = true;
			for (String label : labels) {
				matches &= line.contains(label);
			}
			if (matches) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}
}
