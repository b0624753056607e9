package dev.emotionmonitor.common.caller;

import java.nio.file.Path;

import javax.crypto.SecretKey;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** The caller-token key, on the gateway (to sign) and on every backend (to verify). */
@AutoConfiguration
@ConditionalOnClass(JwtEncoder.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(CallerSecurityProperties.class)
public class CallerTokenAutoConfiguration {

	@Bean
	SecretKey callerTokenKey(CallerSecurityProperties properties, Environment environment) {
		Path file = properties.jwtSecretFile() != null ? properties.jwtSecretFile()
				: Path.of(environment.getProperty("EMOTION_DATA_DIR", "data"), "jwt-secret");
		return CallerTokenKey.resolve(properties.jwtSecret(), file);
	}
}
