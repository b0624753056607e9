package dev.emotionmonitor.classifier.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import dev.emotionmonitor.classifier.config.ClassifierProperties;
import dev.emotionmonitor.classifier.model.EmotionModel;
import dev.emotionmonitor.classifier.model.ModelCard;
import dev.emotionmonitor.classifier.model.ModelFiles;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Keeps this replica on the registry's active version. At start-up (before readiness) it registers and activates
 * the shipped starter model when nothing is active, then loads the active model; afterwards it polls the active
 * version every {@code poll-interval} (mongo-java-server has no change streams) and switches without a restart.
 */
@Component
class ModelSync implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ModelSync.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private final ModelRegistry registry;

	private final ActiveModel activeModel;

	private final ClassifierProperties properties;

	private final TaskScheduler scheduler;

	private volatile ScheduledFuture<?> polling;

	ModelSync(ModelRegistry registry, ActiveModel activeModel, ClassifierProperties properties,
			TaskScheduler modelScheduler) {
		this.registry = registry;
		this.activeModel = activeModel;
		this.properties = properties;
		this.scheduler = modelScheduler;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			activateStarterIfNothingActive();
			sync();
		}
		catch (RuntimeException ex) {
			log.error("could not load the active model at start-up; readiness stays down and polling retries", ex);
		}
		Duration interval = Duration.ofMillis(Math.max(100, this.properties.pollInterval().toMillis()));
		this.polling = this.scheduler.scheduleWithFixedDelay(this::pollQuietly, Instant.now().plus(interval), interval);
	}

	private void activateStarterIfNothingActive() {
		if (this.registry.state().blockOptional(TIMEOUT).isPresent()) {
			return;
		}
		try {
			Path directory = ModelFiles.copyFromClasspath(this.properties.starterModel(),
					Files.createTempDirectory("starter-model-"));
			String version = ModelCard.read(directory).version();
			try {
				this.registry.register(directory, "starter").block(TIMEOUT);
				log.info("registered the starter model {}", version);
			}
			catch (ErrorResponseException ex) {
				log.info("starter model {} already registered", version);
			}
			if (Boolean.TRUE.equals(this.registry.activateIfNone(version).block(TIMEOUT))) {
				log.info("the registry was empty: activated the starter model {}", version);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the starter model from the classpath", ex);
		}
	}

	private void pollQuietly() {
		try {
			sync();
		}
		catch (RuntimeException ex) {
			log.warn("model sync failed, retrying at the next poll: {}", ex.getMessage());
		}
	}

	/** Loads the active version when it differs from the one served. Runs on the start-up or the poller thread. */
	void sync() {
		RegistryState state = this.registry.state().block(TIMEOUT);
		if (state == null || state.active() == null || state.active().equals(this.activeModel.version())) {
			return;
		}
		String version = state.active();
		Path directory = this.properties.modelCache().resolve(safeName(version));
		try {
			if (!Files.isRegularFile(directory.resolve(ModelCard.FILE))) {
				Path partial = Files.createDirectories(this.properties.modelCache())
					.resolve(safeName(version) + ".partial-" + System.nanoTime());
				this.registry.download(version, partial).block(TIMEOUT);
				try {
					Files.move(partial, directory);
				}
				catch (IOException ex) {
					// another replica sharing the cache directory unpacked it first
					if (!Files.isRegularFile(directory.resolve(ModelCard.FILE))) {
						throw ex;
					}
				}
			}
			EmotionModel model = ModelFiles.load(directory);
			this.activeModel.swap(model);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot load model " + version + ": " + ex.getMessage(), ex);
		}
	}

	private static String safeName(String version) {
		return version.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	@PreDestroy
	void stop() {
		ScheduledFuture<?> polling = this.polling;
		if (polling != null) {
			polling.cancel(true);
		}
	}
}
