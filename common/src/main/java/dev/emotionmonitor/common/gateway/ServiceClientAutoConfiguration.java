package dev.emotionmonitor.common.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** The {@link ServiceClient} of a service whose settings name the gateway ({@link GatewaySettings}). */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, RestClientAutoConfiguration.class })
@ConditionalOnBean({ GatewaySettings.class, RestClient.Builder.class, JsonMapper.class })
public class ServiceClientAutoConfiguration {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final int MAX_IN_MEMORY = 16 * 1024 * 1024;

	@Bean
	@ConditionalOnMissingBean
	ServiceClient serviceClient(GatewaySettings settings, RestClient.Builder rest, JsonMapper json,
			ObjectProvider<CodecCustomizer> codecCustomizers) {
		HttpClientSettings timeouts = HttpClientSettings.defaults()
			.withTimeouts(CONNECT_TIMEOUT, settings.gatewayTimeout());
		String baseUrl = settings.gatewayUrl().toString();
		Consumer<HttpHeaders> serviceKey = headers -> {
			if (settings.serviceKey() != null && !settings.serviceKey().isBlank()) {
				headers.setBearerAuth(settings.serviceKey());
			}
		};
		RestClient restClient = rest.baseUrl(baseUrl)
			.requestFactory(ClientHttpRequestFactoryBuilder.reactor().build(timeouts))
			// WebFlux services get no HttpMessageConverters bean from Boot: the JSON converter gets the server's mapper
			.configureMessageConverters(converters -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(json)))
			.defaultHeaders(serviceKey)
			.defaultStatusHandler(HttpStatusCode::isError, ServiceClientAutoConfiguration::refused)
			.build();
		// Boot 4 auto-configures no WebClient.Builder without spring-boot-webclient, so the server's codecs are applied here
		WebClient webClient = WebClient.builder()
			.baseUrl(baseUrl)
			.clientConnector(ClientHttpConnectorBuilder.reactor().build(timeouts))
			.codecs(codecs -> {
				codecCustomizers.orderedStream().forEach(customizer -> customizer.customize(codecs));
				codecs.defaultCodecs().maxInMemorySize(MAX_IN_MEMORY);
			})
			.defaultHeaders(serviceKey)
			.build();
		return new ServiceClient(restClient, webClient);
	}

	/** Fails with the usual 4xx/5xx exception, its message naming the status and the path called. */
	private static void refused(HttpRequest request, ClientHttpResponse response) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		String message = status.value() + " from " + request.getURI().getPath();
		byte[] body = response.getBody().readAllBytes();
		throw status.is4xxClientError()
				? HttpClientErrorException.create(message, status, response.getStatusText(), response.getHeaders(), body,
						StandardCharsets.UTF_8)
				: HttpServerErrorException.create(message, status, response.getStatusText(), response.getHeaders(), body,
						StandardCharsets.UTF_8);
	}
}
