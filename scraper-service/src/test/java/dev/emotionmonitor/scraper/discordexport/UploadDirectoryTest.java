package dev.emotionmonitor.scraper.discordexport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.emotionmonitor.common.test.TestApplications;
import dev.emotionmonitor.scraper.ScraperServiceApplication;
import dev.emotionmonitor.scraper.support.ExportFixture;
import dev.emotionmonitor.scraper.support.ScraperClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads wait in {@code uploads} under the service's data directory (not the shared system temp directory), which
 * only the service's user may read; what a killed import left there is deleted when the service starts, and an
 * import leaves nothing behind.
 */
class UploadDirectoryTest {

	@TempDir
	Path data;

	@Test
	void leftoversAreDeletedAtStartAndAnImportLeavesNothingBehind() throws IOException {
		Path uploads = Files.createDirectories(data.resolve("uploads"));
		Path killedImport = Files.writeString(uploads.resolve("discord-export-4711.json"), "{\"messages\": [");
		Path killedSpool = Files.writeString(uploads.resolve("8841.multipart"), "--boundary");
		Path someoneElses = Files.writeString(uploads.resolve("notes.txt"), "not the service's");

		try (ConfigurableApplicationContext service = TestApplications.start(ScraperServiceApplication.class,
					"--emotion.store.embedded.path=" + data, "--emotion.scraper.pipeline.enabled=false",
					"--emotion.scraper.schedule.enabled=false")) {
			assertThat(killedImport).doesNotExist();
			assertThat(killedSpool).doesNotExist();
			assertThat(someoneElses).as("only the service's own file names are purged").exists();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(uploads))).isEqualTo("rwx------");

			ScraperClient scraper = ScraperClient.of(service);
			// larger than the multipart reader keeps in memory, so it is spooled to disk too
			String export = ExportFixture.of(1_000, 3).json();
			assertThat(export.length()).isGreaterThan(256 * 1024);
			upload(scraper, export, HttpStatus.CREATED);
			upload(scraper, export.substring(0, export.length() - 100), HttpStatus.BAD_REQUEST);

			awaitOnly(uploads, someoneElses);
		}
	}

	private static void upload(ScraperClient scraper, String json, HttpStatus status) {
		MultipartBodyBuilder builder = new MultipartBodyBuilder();
		ScraperClient.addFile(builder, "export.json", json.getBytes(StandardCharsets.UTF_8));
		scraper.postImport(builder, "").expectStatus().isEqualTo(status);
	}

	/** The request's spooled part is deleted as the exchange completes, just after the answer is sent. */
	private static void awaitOnly(Path directory, Path expected) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		List<Path> files;
		do {
			try (Stream<Path> listing = Files.list(directory)) {
				files = listing.toList();
			}
			if (files.equals(List.of(expected))) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		while (System.nanoTime() < deadline);
		assertThat(files).as("nothing left behind").containsExactly(expected);
	}
}
