package dev.emotionmonitor.corpus.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;

/**
 * Import jobs: {@code POST /imports} (multipart {@code file}, {@code dataset}, {@code split}; or JSON
 * {@code {"path", "dataset", "split"}} for a big file already on the server) answers 202 with the job.
 */
@RestController
@RequestMapping("/imports")
class ImportController {

	private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Set<String> SPLITS = Set.of("train", "validation", "test");

	private final ImportService imports;

	ImportController(ImportService imports) {
		this.imports = imports;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<ImportView>> upload(@RequestBody Mono<MultiValueMap<String, Part>> form) {
		return form.flatMap(parts -> {
			String dataset = dataset(field(parts, "dataset"));
			String split = split(field(parts, "split"));
			Part file = parts.getFirst("file");
			if (!(file instanceof FilePart upload)) {
				return Mono.error(Problems.badRequest(file == null ? "The multipart field \"file\" is required"
						: "The multipart field \"file\" must be a file (with a filename)"));
			}
			return Mono.fromCallable(() -> Files.createTempFile(this.imports.uploadDirectory(), "upload-", ".part"))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(path -> upload.transferTo(path)
					.then(this.imports.start(new ImportService.ImportFile(upload.filename(), path, true, "upload"),
							dataset, split))
					.doOnError(ex -> deleteQuietly(path)));
		}).map(ImportController::accepted);
	}

	/** For files too big to upload comfortably; reads a server path, so chat members may not use it. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ImportView>> fromPath(@Valid @RequestBody PathImport request,
			@AuthenticationPrincipal Caller caller) {
		caller.requireAdminOrService("import a file by server path");
		String dataset = dataset(request.dataset());
		String split = split(request.split());
		Path path = Path.of(request.path());
		return Mono.fromCallable(() -> {
			if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
				throw Problems.badRequest("No readable file at " + path + " on the corpus-service host");
			}
			return path;
		})
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(file -> this.imports.start(
					new ImportService.ImportFile(file.getFileName().toString(), file, false, "path"), dataset, split))
			.map(ImportController::accepted);
	}

	record PathImport(@NotBlank String path, String dataset, String split) {
	}

	@GetMapping("/{id}")
	Mono<ImportView> find(@PathVariable String id) {
		return this.imports.find(id);
	}

	@GetMapping
	Mono<ItemPage<ImportView>> list(@RequestParam(required = false) String dataset,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		ItemPage.check(page, size, 200);
		return this.imports.list(dataset, status, page, size);
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<ImportView>> events(@PathVariable String id) {
		return this.imports.events(id);
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> delete(@PathVariable String id,
			@AuthenticationPrincipal Caller caller) {
		caller.requireAdminOrService("delete an import");
		return this.imports.delete(id).thenReturn(ResponseEntity.noContent().build());
	}

	private static ResponseEntity<ImportView> accepted(ImportView view) {
		return ResponseEntity.accepted().header("Location", "/imports/" + view.id()).body(view);
	}

	private static String field(MultiValueMap<String, Part> parts, String name) {
		Part part = parts.getFirst(name);
		return part instanceof FormFieldPart field ? field.value() : null;
	}

	private static String dataset(String dataset) {
		if (dataset == null || dataset.isBlank()) {
			throw Problems.badRequest("dataset is required (a name such as \"aihub\" or \"starter\")");
		}
		if (!DATASET.matcher(dataset).matches()) {
			throw Problems.badRequest("dataset \"" + dataset
					+ "\" is not a valid name: letters, digits, '.', '_' and '-', at most 64 characters");
		}
		return dataset;
	}

	private static String split(String split) {
		if (split == null || split.isBlank()) {
			return "train";
		}
		if (!SPLITS.contains(split)) {
			throw Problems.badRequest("split \"" + split + "\" must be train, validation or test");
		}
		return split;
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// the upload directory is temporary; nothing else to do
		}
	}
}
