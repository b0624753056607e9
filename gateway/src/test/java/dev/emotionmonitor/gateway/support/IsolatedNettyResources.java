package dev.emotionmonitor.gateway.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * For a test that starts and closes its own gateway while the shared test context keeps running: by default closing a
 * context disposes Reactor Netty's global event loops and connection pool, which the shared context's backend calls
 * use too. With its own resources, closing it leaves the others alone.
 */
@Configuration(proxyBeanMethods = false)
public class IsolatedNettyResources {

	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		return resources;
	}
}
