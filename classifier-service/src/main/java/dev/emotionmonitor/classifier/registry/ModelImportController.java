package dev.emotionmonitor.classifier.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import dev.emotionmonitor.classifier.config.ClassifierProperties;
import dev.emotionmonitor.classifier.model.ModelImporter;
import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.PublicUris;
import dev.emotionmonitor.common.web.UploadDirectory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /models/imports}: a zipped Hugging Face export (multipart {@code file}, optional {@code name} and
 * {@code activate}) becomes a registered model of kind {@code imported}. Any refusal leaves the registry as it was.
 */
@RestController
class ModelImportController {

	private final ModelRegistry registry;

	private final ClassifierProperties properties;

	private final UploadDirectory uploads;

	ModelImportController(ModelRegistry registry, ClassifierProperties properties, UploadDirectory uploads) {
		this.registry = registry;
		this.properties = properties;
		this.uploads = uploads;
	}

	@PostMapping(path = "/models/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<ModelController.ModelView>> importModel(@RequestBody Mono<MultiValueMap<String, Part>> body,
			@AuthenticationPrincipal Caller caller, ServerWebExchange exchange) {
		caller.requireAdminOrService("import a model");
		return body.flatMap(parts -> {
			if (!(parts.getFirst("file") instanceof FilePart file)) {
				return Mono.error(Problems.badRequest("multipart part 'file' (a zip of the exported model directory) is required"));
			}
			String name = field(parts, "name");
			boolean activate = Boolean.parseBoolean(field(parts, "activate"));
			return Mono.usingWhen(Mono.fromCallable(this.uploads::newDirectory)
				.subscribeOn(Schedulers.boundedElastic()), work -> receive(file, work.resolve("upload.zip"))
					.then(Mono.fromCallable(() -> unpackAndImport(work, name)).subscribeOn(Schedulers.boundedElastic()))
					.flatMap(model -> this.registry.register(model, "import"))
					.flatMap(record -> (activate ? this.registry.activate(record.version()).map(RegistryState::active)
							: this.registry.state().map(RegistryState::active).defaultIfEmpty(""))
						.map(active -> ResponseEntity.created(PublicUris.of(exchange.getRequest(), "/models/" + record.version()))
							.body(ModelController.view(record, active, true)))),
					work -> Mono.fromRunnable(() -> deleteQuietly(work)).subscribeOn(Schedulers.boundedElastic()));
		});
	}

	/** Streams the upload to disk, refusing it with 413 as soon as it passes the limit. */
	private Mono<Void> receive(FilePart file, Path target) {
		long limit = this.properties.maxImportSize().toBytes();
		AtomicLong received = new AtomicLong();
		return DataBufferUtils.write(file.content().handle((buffer, sink) -> {
			if (received.addAndGet(buffer.readableByteCount()) > limit) {
				DataBufferUtils.release(buffer);
				sink.error(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
						"the upload is larger than the import limit of " + limit / (1024 * 1024) + " MB"));
				return;
			}
			sink.next(buffer);
		}), target);
	}

	private Path unpackAndImport(Path work, String name) throws IOException {
		Path unpacked = work.resolve("unpacked");
		try {
			unzip(work.resolve("upload.zip"), unpacked, 4 * this.properties.maxImportSize().toBytes());
		}
		catch (IOException ex) {
			throw Problems.badRequest("the upload is not a readable zip archive");
		}
		if (!Files.isDirectory(unpacked) || isEmpty(unpacked)) {
			throw Problems.badRequest("the upload is not a zip archive of a model directory (it holds no files)");
		}
		Path model = work.resolve("model");
		try {
			ModelImporter.importDirectory(unpacked, model, name);
			return model;
		}
		catch (IllegalArgumentException ex) {
			throw Problems.badRequest(ex.getMessage());
		}
	}

	/**
	 * Like {@link ModelRegistry#unzip} but bounded: an upload's entries may not unpack to more than {@code limit}
	 * bytes in all (a small zip can expand without end).
	 */
	private static void unzip(Path archive, Path target, long limit) throws IOException {
		Files.createDirectories(target);
		Path root = target.toAbsolutePath().normalize();
		long written = 0;
		try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(archive))) {
			java.util.zip.ZipEntry entry;
			byte[] buffer = new byte[65536];
			while ((entry = zip.getNextEntry()) != null) {
				Path destination = root.resolve(entry.getName()).normalize();
				if (!destination.startsWith(root)) {
					throw Problems.badRequest("the archive has an entry outside its directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(destination);
					continue;
				}
				Files.createDirectories(destination.getParent());
				try (var out = Files.newOutputStream(destination)) {
					int read;
					while ((read = zip.read(buffer)) > 0) {
						written += read;
						if (written > limit) {
							throw Problems.of(HttpStatus.CONTENT_TOO_LARGE,
									"the archive unpacks to more than " + limit / (1024 * 1024) + " MB");
						}
						out.write(buffer, 0, read);
					}
				}
			}
		}
	}

	private static boolean isEmpty(Path directory) throws IOException {
		try (var walk = Files.walk(directory)) {
			return walk.noneMatch(Files::isRegularFile);
		}
	}

	private static String field(MultiValueMap<String, Part> parts, String name) {
		return parts.getFirst(name) instanceof FormFieldPart field ? field.value() : null;
	}

	private static void deleteQuietly(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			// a temp directory; the OS cleans it up eventually
		}
	}
}
