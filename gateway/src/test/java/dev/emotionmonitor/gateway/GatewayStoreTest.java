package dev.emotionmonitor.gateway;

import java.util.ArrayList;
import java.util.List;

import dev.emotionmonitor.common.test.ServiceStoreContract;
import dev.emotionmonitor.gateway.support.IsolatedNettyResources;
import dev.emotionmonitor.gateway.support.StubBackend;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class GatewayStoreTest extends ServiceStoreContract {

	/** The gateway's health includes its backends': they answer UP here so the contract's health check sees the store. */
	private static final StubBackend backends = new StubBackend();

	@AfterAll
	static void stopBackends() {
		backends.close();
	}

	GatewayStoreTest() {
		super(GatewayApplication.class, "gateway");
	}

	/** As the contract starts it, with live backends and its own Netty resources so that closing it leaves other test contexts alone. */
	@Override
	protected ConfigurableApplicationContext start(String... arguments) {
		List<String> args = new ArrayList<>(List.of("--server.port=0"));
		for (String service : List.of("corpus", "classifier", "scraper", "dashboard")) {
			args.add("--emotion.gateway.services." + service + "=" + backends.url());
		}
		args.addAll(List.of(arguments));
		return new SpringApplicationBuilder(GatewayApplication.class, IsolatedNettyResources.class)
			.run(args.toArray(String[]::new));
	}
}
