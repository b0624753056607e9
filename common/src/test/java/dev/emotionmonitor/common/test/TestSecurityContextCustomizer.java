package dev.emotionmonitor.common.test;

import java.util.List;
import java.util.Map;

import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Every Spring test context of the services (registered in the test jar's {@code META-INF/spring.factories}) gets the
 * test caller-token secret, and on a backend its {@code WebTestClient} calls as the services do (a service caller
 * token, fresh for each request) unless the test sends its own {@code Authorization}. Tests of who may call what use
 * {@link TestCallers} or a client of their own.
 */
public final class TestSecurityContextCustomizer implements ContextCustomizer {

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
		context.getEnvironment().getPropertySources()
			.addFirst(new MapPropertySource("test-caller-tokens", Map.of("emotion.security.jwt-secret", TestCallers.SECRET)));
		context.getBeanFactory().registerSingleton("serviceCallerWebTestClient",
				(WebTestClientBuilderCustomizer) builder -> {
					String audience = context.getEnvironment().getProperty("emotion.security.audience");
					if (audience == null) {
						return;
					}
					builder.filter(TestCallers.asService(audience));
				});
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TestSecurityContextCustomizer;
	}

	@Override
	public int hashCode() {
		return TestSecurityContextCustomizer.class.hashCode();
	}

	public static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new TestSecurityContextCustomizer();
		}
	}
}
