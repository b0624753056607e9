package dev.emotionmonitor.corpus.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
import org.springframework.web.server.ServerWebExchange;

import dev.emotionmonitor.common.caller.Caller;
import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.common.web.PublicUris;
import dev.emotionmonitor.common.web.UploadDirectory;

/**
 * Import jobs: {@code POST /imports} (multipart {@code file}, {@code dataset}, {@code split}; or JSON
 * {@code {"path", "dataset", "split"}} for a big file already in the corpus directory) answers 202 with the job.
 */
@RestController
@RequestMapping("/imports")
class ImportController {

	private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Set<String> SPLITS = Set.of("train", "validation", "test");

	private final ImportService imports;

	private final UploadDirectory uploads;

	private final CorpusDirectory corpusDirectory;

	ImportController(ImportService imports, UploadDirectory uploads, CorpusDirectory corpusDirectory) {
		this.imports = imports;
		this.uploads = uploads;
		this.corpusDirectory = corpusDirectory;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<ImportView>> upload(ServerWebExchange exchange) {
		// the exchange's form, unlike a bound @RequestBody, has its spooled parts deleted when the request ends
		return exchange.getMultipartData().flatMap(parts -> {
			String dataset = dataset(field(parts, "dataset"));
			String split = split(field(parts, "split"));
			Part file = parts.getFirst("file");
			if (!(file instanceof FilePart upload)) {
				return Mono.error(Problems.badRequest(file == null ? "The multipart field \"file\" is required"
						: "The multipart field \"file\" must be a file (with a filename)"));
			}
			return Mono.fromCallable(this.uploads::newFile)
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(path -> upload.transferTo(path)
					.then(this.imports.start(new ImportService.ImportFile(upload.filename(), path, true, "upload"),
							dataset, split))
					.doOnError(ex -> deleteQuietly(path)));
		}).map(view -> accepted(exchange, view));
	}

	/** For files too big to upload comfortably; reads the corpus directory only, and chat members may not use it. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ImportView>> fromPath(@RequestBody PathImport request, @AuthenticationPrincipal Caller caller,
			ServerWebExchange exchange) {
		caller.requireAdminOrService("import a file by server path");
		if (request.path() == null || request.path().isBlank()) {
			throw Problems.badRequest("path is required: a file in the corpus directory, e.g. \"aihub/Training.json\"");
		}
		String dataset = dataset(request.dataset());
		String split = split(request.split());
		return Mono.fromCallable(() -> this.corpusDirectory.resolve(request.path()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(file -> this.imports.start(
					new ImportService.ImportFile(file.getFileName().toString(), file, false, "path"), dataset, split))
			.map(view -> accepted(exchange, view));
	}

	record PathImport(String path, String dataset, String split) {
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

	private static ResponseEntity<ImportView> accepted(ServerWebExchange exchange, ImportView view) {
		// through the gateway: https://<public host>/api/corpus/imports/<id>, from its X-Forwarded-* headers
		return ResponseEntity.accepted()
			.location(PublicUris.of(exchange.getRequest(), "/imports/" + view.id()))
			.body(view);
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
