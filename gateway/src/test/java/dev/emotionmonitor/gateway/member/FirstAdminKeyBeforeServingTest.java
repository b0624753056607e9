package dev.emotionmonitor.gateway.member;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.emotionmonitor.gateway.GatewayApplication;
import dev.emotionmonitor.gateway.support.IsolatedNettyResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first start writes the admin's key file before the gateway serves anything: once its web server starts, the health
 * check that {@code ./emotion up} waits for may answer, and {@code up} then points at the file.
 */
class FirstAdminKeyBeforeServingTest {

	@TempDir
	Path dataDir;

	@Test
	void theKeyFileExistsWhenTheWebServerStartsAndWhenTheGatewayIsReady() {
		Path key = dataDir.resolve(FirstAdmin.KEY_FILE);
		Map<String, Boolean> existed = new ConcurrentHashMap<>();
		ApplicationListener<ApplicationEvent> watch = event -> {
			if (event instanceof WebServerInitializedEvent) {
				existed.putIfAbsent("when the first web server started", Files.exists(key));
			}
			else if (event instanceof AvailabilityChangeEvent<?> change
					&& change.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
				existed.put("when ready", Files.exists(key));
			}
		};
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--emotion.store.embedded.in-memory=true", "--emotion.gateway.data-dir=" + dataDir));
		for (String service : List.of("corpus", "classifier", "scraper", "dashboard")) {
			args.add("--emotion.gateway.services." + service + "=http://127.0.0.1:9");
		}

		try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class,
				IsolatedNettyResources.class).listeners(watch).run(args.toArray(String[]::new))) {
			assertThat(existed).containsEntry("when the first web server started", true)
				.containsEntry("when ready", true);
			assertThat(key).isNotEmptyFile();
		}
	}
}
