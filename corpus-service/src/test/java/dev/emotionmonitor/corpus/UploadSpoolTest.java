package dev.emotionmonitor.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.SyntheticCorpus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads wait in the service's own upload directory ({@code <store>/uploads}, owner-only), never in the system temp
 * directory, and nothing of them is left there once their import has finished.
 */
class UploadSpoolTest extends CorpusApiTestSupport {

	private static final String BOUNDARY = "spool-test-boundary";

	@LocalServerPort
	int port;

	@TempDir
	Path dir;

	@Test
	void uploadIsSpooledInTheUploadDirectoryAndGoneOnceImported() throws Exception {
		Path file = this.dir.resolve("spooled.json");
		CorpusFiles.writeLabelingJson(file, SyntheticCorpus.json(1500));
		byte[] content = Files.readAllBytes(file);
		int half = 300_000;
		assertThat(content.length).as("more than the 256 KB a part may hold in memory").isGreaterThan(half + 1000);
		Sinks.Empty<Void> rest = Sinks.empty();
		Flux<DataBuffer> body = Flux.concat(
				Mono.fromSupplier(() -> buffer(concat(head(), Arrays.copyOfRange(content, 0, half)))),
				rest.asMono().then(Mono.fromSupplier(() -> buffer(concat(
						Arrays.copyOfRange(content, half, content.length), tail())))));

		// the client sends the first part of the file and holds the rest back
		CompletableFuture<ResponseEntity<String>> response = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.filter(TestCallers.asService("corpus"))
			.build()
			.post()
			.uri("/imports")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY))
			.body(body, DataBuffer.class)
			.retrieve()
			.toEntity(String.class)
			.toFuture();
		awaitTrue("the upload is being spooled to the upload directory",
				() -> files().stream().anyMatch(path -> path.toString().endsWith(".multipart")));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(UPLOAD_DIR))).isEqualTo("rwx------");
		rest.tryEmitEmpty();
		ResponseEntity<String> accepted = response.get(60, TimeUnit.SECONDS);

		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode job = awaitFinished(JSON.readTree(accepted.getBody()).path("id").asString());
		assertThat(job.path("status").asString()).isEqualTo("completed");
		assertThat(job.path("progress").path("accepted").asLong()).isEqualTo(1500);
		awaitTrue("nothing of the upload is left", () -> files().isEmpty());
	}

	private static List<Path> files() {
		try (Stream<Path> files = Files.list(UPLOAD_DIR)) {
			return files.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** Waits for a condition the service reaches on its own; fails only if it never does. */
	private static void awaitTrue(String what, Supplier<Boolean> condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.get()) {
			assertThat(System.nanoTime()).as(what).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static byte[] head() {
		return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\nspooled\r\n" + "--"
				+ BOUNDARY + "\r\nContent-Disposition: form-data; name=\"split\"\r\n\r\ntrain\r\n" + "--" + BOUNDARY
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"spooled.json\"\r\n"
				+ "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] tail() {
		return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
		out.writeBytes(first);
		out.writeBytes(second);
		return out.toByteArray();
	}

	private static DataBuffer buffer(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}
}
