package dev.emotionmonitor.gateway.routing;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * The backends' instances as configured: a static list per service, no discovery server. With
 * {@code resolveAllAddresses}, every URL's host is looked up and each address it resolves to is an instance (how
 * the gateway reaches Docker Compose replicas behind one service name).
 */
class StaticDiscoveryClient implements ReactiveDiscoveryClient {

	private final EmotionGatewayProperties properties;

	StaticDiscoveryClient(EmotionGatewayProperties properties) {
		this.properties = properties;
	}

	@Override
	public String description() {
		return "Static backend URLs from emotion.gateway.services";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		List<URI> urls = properties.services().getOrDefault(serviceId, List.of());
		return Flux.fromIterable(urls)
			.concatMap(url -> properties.resolveAllAddresses() ? resolveAll(serviceId, url)
					: Flux.just(instance(serviceId, url)));
	}

	@Override
	public Flux<String> getServices() {
		return Flux.fromIterable(properties.services().keySet());
	}

	private Flux<ServiceInstance> resolveAll(String serviceId, URI url) {
		return Mono.fromCallable(() -> InetAddress.getAllByName(url.getHost()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMapIterable(Arrays::asList)
			.map(address -> instance(serviceId, withHost(url, address.getHostAddress())))
			.onErrorResume(UnknownHostException.class, ex -> Flux.empty());
	}

	private static ServiceInstance instance(String serviceId, URI url) {
		return new DefaultServiceInstance(serviceId + "@" + url.getAuthority(), serviceId, url.getHost(),
				port(url), "https".equals(url.getScheme()));
	}

	private static int port(URI url) {
		if (url.getPort() > 0) {
			return url.getPort();
		}
		return "https".equals(url.getScheme()) ? 443 : 80;
	}

	private static URI withHost(URI url, String host) {
		return URI.create(url.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port(url));
	}
}
