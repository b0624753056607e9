package dev.emotionmonitor.gateway.support;

import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * For a test that starts and closes its own gateway while the shared test context keeps running: by default closing a
 * context disposes Reactor Netty's global event loops and connection pool, which the shared context's backend calls
 * use too. With its own resources, closing it leaves the others alone.
 * <p>
 * Deliberately not a {@code @Configuration}: the gateway's component scan would pick it up in every test context
 * (and the benchmark), moving the server onto event loops of its own. Pass it as a source where it is wanted.
 */
public class IsolatedNettyResources {

	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		return resources;
	}
}
