package dev.emotionmonitor.common.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The upload directory at start: created owner-only, and emptied of what a killed process left behind. */
class UploadDirectoryTest {

	@TempDir
	Path dir;

	@Test
	void uploadsAKilledProcessLeftAreDeletedAtStartAndTheDirectoryBecomesOwnerOnly() throws Exception {
		Path uploads = Files.createDirectories(this.dir.resolve("uploads"));
		Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path copied = Files.writeString(uploads.resolve("upload-4711.part"), "[{\"talk\": \"half an upload\"");
		Path spooled = Files.writeString(uploads.resolve("8231.multipart"), "--boundary");
		Path unrelated = Files.writeString(uploads.resolve("README.txt"), "not the service's");
		Path unpacked = Files.createDirectories(uploads.resolve("upload-77/unpacked"));
		Files.writeString(unpacked.resolve("config.json"), "{}");

		UploadDirectory directory = new UploadDirectory(uploads, "upload-", ".part");

		assertThat(copied).doesNotExist();
		assertThat(spooled).doesNotExist();
		assertThat(uploads.resolve("upload-77")).as("a work directory left by a killed import").doesNotExist();
		assertThat(unrelated).as("only the service's own file names are purged").exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(uploads))).isEqualTo("rwx------");
		assertThat(directory.newFile()).hasParent(uploads.toAbsolutePath()).exists();
	}

	@Test
	void missingDirectoryIsCreatedOwnerOnly() throws Exception {
		Path uploads = this.dir.resolve("data/service/uploads");

		new UploadDirectory(uploads, "upload-", ".part");

		assertThat(uploads).isDirectory();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(uploads))).isEqualTo("rwx------");
	}
}
