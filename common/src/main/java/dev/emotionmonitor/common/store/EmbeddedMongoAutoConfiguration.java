package dev.emotionmonitor.common.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

import com.mongodb.ConnectionString;
import com.mongodb.reactivestreams.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * With no MongoDB URI configured, starts an in-process MongoDB-wire server (mongo-java-server, H2 file backend
 * under {@code data/<service>/}, each write command committed whole: {@link CrashSafeH2Backend}) and points Spring
 * Boot's Mongo client at it. With a URI, nothing embedded starts.
 */
@AutoConfiguration(before = { MongoAutoConfiguration.class, MongoReactiveAutoConfiguration.class })
@ConditionalOnClass({ MongoServer.class, H2Backend.class })
@Conditional(NoMongoUriConfigured.class)
@EnableConfigurationProperties(EmbeddedStoreProperties.class)
public class EmbeddedMongoAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoAutoConfiguration.class);

	@Bean(destroyMethod = "shutdownNow")
	MongoServer embeddedMongoServer(EmbeddedStoreProperties properties,
			@Value("${spring.application.name:service}") String applicationName) {
		H2Backend backend;
		if (properties.inMemory()) {
			backend = H2Backend.inMemory();
			log.info("Embedded MongoDB-wire store in memory (nothing is kept on disk)");
		}
		else {
			Path file = storeFile(properties, applicationName);
			createDirectories(file.getParent());
			backend = CrashSafeH2Backend.open(file.toString());
			log.info("Embedded MongoDB-wire store at {} (set MONGODB_URI to use a real MongoDB)", file.toAbsolutePath());
		}
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", properties.port());
		return server;
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer embeddedMongoServer,
			@Value("${spring.application.name:service}") String applicationName) {
		int port = embeddedMongoServer.getLocalAddress().getPort();
		// the database defaults to the service's name; spring.mongodb.database still wins when set
		var connectionString = new ConnectionString("mongodb://127.0.0.1:" + port + "/" + applicationName);
		return () -> connectionString;
	}

	/** Named like Spring Boot's Mongo health contributor, which then backs off. */
	@Bean
	@ConditionalOnClass(ReactiveHealthIndicator.class)
	ReactiveHealthIndicator mongoHealthContributor(MongoClient client, MongoServer embeddedMongoServer,
			EmbeddedStoreProperties properties, @Value("${spring.application.name:service}") String applicationName) {
		String location = properties.inMemory() ? "memory" : storeFile(properties, applicationName).toAbsolutePath().toString();
		return new EmbeddedStoreHealthIndicator(client, embeddedMongoServer, location);
	}

	private static Path storeFile(EmbeddedStoreProperties properties, String applicationName) {
		Path directory = properties.path() != null ? properties.path() : Path.of("data", applicationName);
		return directory.resolve("mongo.mv");
	}

	/** The store's directory is its owner's alone (0700), so other local users cannot read the H2 file. */
	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
			if (Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)) {
				Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the embedded store directory " + directory, ex);
		}
	}
}
