package dev.emotionmonitor.common.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * Every error a service answers is {@code application/problem+json} (RFC 9457): errors raised in controllers and
 * errors raised before any controller runs (unknown path, wrong method, oversized body).
 */
@AutoConfiguration(before = { WebFluxAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ProblemDetailsAutoConfiguration {

	@Bean
	ProblemExceptionHandler problemExceptionHandler() {
		return new ProblemExceptionHandler();
	}

	@Bean
	ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ServerCodecConfigurer codecs) {
		return new ProblemErrorWebExceptionHandler(codecs);
	}
}
