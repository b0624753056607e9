package dev.emotionmonitor.classifier.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.emotionmonitor.classifier.model.ModelCard;
import dev.emotionmonitor.common.problem.Problems;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.ReactiveGridFsTemplate;
import org.springframework.stereotype.Service;

/**
 * Model archives (zipped model directories) in GridFS, their records in {@code models}, and the active version in
 * {@code registry}. Every replica reads the same active version from here.
 */
@Service
public class ModelRegistry {

	private static final int HISTORY_LIMIT = 50;

	private final ReactiveMongoTemplate mongo;

	private final ReactiveGridFsTemplate files;

	ModelRegistry(ReactiveMongoTemplate mongo, ReactiveGridFsTemplate modelFiles) {
		this.mongo = mongo;
		this.files = modelFiles;
	}

	/** Stores the directory's archive and its record; a version already registered is a conflict. */
	public Mono<ModelRecord> register(Path directory, String source) {
		return Mono.fromCallable(() -> {
			ModelCard card = ModelCard.read(directory);
			Path archive = Files.createTempFile("model-", ".zip");
			zip(directory, archive);
			return new Object[] { card, archive, Files.readString(directory.resolve(ModelCard.FILE)) };
		}).subscribeOn(Schedulers.boundedElastic()).flatMap(prepared -> {
			ModelCard card = (ModelCard) prepared[0];
			Path archive = (Path) prepared[1];
			String cardJson = (String) prepared[2];
			return this.mongo.exists(Query.query(Criteria.where("_id").is(card.version())), ModelRecord.class)
				.flatMap(exists -> exists ? Mono.error(Problems.conflict("model " + card.version()
						+ " is already registered")) : Mono.just(card))
				.then(this.files.store(DataBufferUtils.read(archive, DefaultDataBufferFactory.sharedInstance, 65536),
						card.version() + ".zip", "application/zip", new Document("version", card.version())))
				.flatMap(fileId -> {
					ModelRecord record = new ModelRecord(card.version(), card.kind(), card.requestedKind(),
							card.created(), card.corpus(), card.fields(),
							card.metrics() == null ? null : card.metrics().accuracy(),
							card.metrics() == null ? null : card.metrics().macroF1(),
							card.metrics() == null ? null : card.metrics().n(), source, fileId, size(archive),
							Instant.now(), cardJson);
					return this.mongo.insert(record)
						.onErrorResume(DuplicateKeyException.class, ex -> this.files
							.delete(Query.query(Criteria.where("_id").is(fileId)))
							.then(Mono.error(Problems.conflict("model " + card.version() + " is already registered"))));
				})
				.doFinally(signal -> deleteQuietly(archive));
		});
	}

	public Mono<Long> count() {
		return this.mongo.count(new Query(), ModelRecord.class);
	}

	Flux<ModelRecord> list(int page, int size) {
		Query query = new Query().with(Sort.by(Sort.Direction.DESC, "registeredAt", "_id")).skip((long) page * size)
			.limit(size);
		return this.mongo.find(query, ModelRecord.class);
	}

	Mono<ModelRecord> find(String version) {
		return this.mongo.findById(version, ModelRecord.class);
	}

	public Mono<RegistryState> state() {
		return this.mongo.findById(RegistryState.ID, RegistryState.class);
	}

	/** Makes {@code version} active (404 when it is not registered). */
	public Mono<RegistryState> activate(String version) {
		return find(version).switchIfEmpty(Mono.error(Problems.notFound("no model " + version + " in the registry")))
			.flatMap(record -> state().defaultIfEmpty(new RegistryState(RegistryState.ID, null, List.of(), null)))
			.flatMap(state -> {
				List<String> history = new ArrayList<>(state.history());
				if (version.equals(state.active())) {
					return Mono.just(state);
				}
				history.add(version);
				if (history.size() > HISTORY_LIMIT) {
					history = history.subList(history.size() - HISTORY_LIMIT, history.size());
				}
				return this.mongo.save(new RegistryState(RegistryState.ID, version, history, Instant.now()));
			});
	}

	/** Activates the version that was active before the current one (409 when there is none). */
	Mono<RegistryState> rollback() {
		return state().filter(state -> state.history().size() >= 2)
			.switchIfEmpty(Mono.error(Problems.conflict("there is no earlier active version to roll back to")))
			.flatMap(state -> {
				List<String> history = new ArrayList<>(state.history().subList(0, state.history().size() - 1));
				return this.mongo.save(new RegistryState(RegistryState.ID, history.get(history.size() - 1), history,
						Instant.now()));
			});
	}

	/** Activates {@code version} only when nothing is active yet (a replica's first start on an empty registry). */
	Mono<Boolean> activateIfNone(String version) {
		RegistryState state = new RegistryState(RegistryState.ID, version, List.of(version), Instant.now());
		return this.mongo.insert(state).thenReturn(true).onErrorResume(DuplicateKeyException.class, ex -> Mono.just(false));
	}

	/** Unpacks the archive of {@code version} into {@code target} (created; must not exist yet). */
	Mono<Path> download(String version, Path target) {
		return find(version).switchIfEmpty(Mono.error(Problems.notFound("no model " + version + " in the registry")))
			.flatMap(record -> this.files.findOne(Query.query(Criteria.where("_id").is(record.fileId()))))
			.flatMap(this.files::getResource)
			.flatMap(resource -> Mono.fromCallable(() -> Files.createTempFile("model-", ".zip"))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(archive -> DataBufferUtils.write(resource.getDownloadStream(), archive)
					.then(Mono.fromCallable(() -> {
						unzip(archive, target);
						return target;
					}).subscribeOn(Schedulers.boundedElastic()))
					.doFinally(signal -> deleteQuietly(archive))));
	}

	static void zip(Path directory, Path archive) throws IOException {
		try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file);
				var walk = Files.walk(directory)) {
			for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
				zip.putNextEntry(new ZipEntry(directory.relativize(path).toString().replace('\\', '/')));
				Files.copy(path, zip);
				zip.closeEntry();
			}
		}
	}

	static void unzip(Path archive, Path target) throws IOException {
		Files.createDirectories(target);
		Path root = target.toAbsolutePath().normalize();
		try (InputStream file = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(file)) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				Path destination = root.resolve(entry.getName()).normalize();
				if (!destination.startsWith(root)) {
					throw new IOException("archive entry outside the model directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(destination);
					continue;
				}
				Files.createDirectories(destination.getParent());
				Files.copy(zip, destination);
			}
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a temp file; the OS cleans it up eventually
		}
	}

}
