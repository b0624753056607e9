package dev.emotionmonitor.common.test;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/** Starts a whole service on a free port, the way {@code java -jar} would, for tests that restart it. */
public final class TestApplications {

	private TestApplications() {
	}

	/**
	 * Reactor Netty's global event loops and connection pool are shared by every context in the JVM; a context
	 * started here must not dispose them when it closes, or cached test contexts lose their HTTP clients. Spring
	 * Boot's test support does the same for {@code @SpringBootTest} contexts.
	 */
	public static ConfigurableApplicationContext start(Class<?> application, String... arguments) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--emotion.security.jwt-secret=" + TestCallers.SECRET));
		args.addAll(List.of(arguments));
		return new SpringApplicationBuilder(application)
			.initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (bean instanceof ReactorResourceFactory factory) {
						factory.setUseGlobalResources(false);
					}
					return bean;
				}
			}))
			.run(args.toArray(String[]::new));
	}
}
