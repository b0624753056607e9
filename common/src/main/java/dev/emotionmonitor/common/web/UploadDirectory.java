package dev.emotionmonitor.common.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;

/**
 * Where a service's uploads wait (under its data directory): Spring's multipart reader spools file parts here instead
 * of the system temp directory (shared with every local user), and each upload is copied to its own file here until
 * it is read. Readable by the service's user only; what a killed process left behind is deleted at start. Declare it
 * as a bean: as a {@link CodecCustomizer} it points the multipart reader here.
 */
public class UploadDirectory implements CodecCustomizer {

	private static final Logger log = LoggerFactory.getLogger(UploadDirectory.class);

	/** The suffix of the files Spring's {@link DefaultPartHttpMessageReader} spools parts to. */
	private static final String SPOOL_SUFFIX = ".multipart";

	private final Path path;

	private final String prefix;

	private final String suffix;

	/** Upload copies are named {@code <prefix><random><suffix>}; only such names and Spring's spool files are purged. */
	public UploadDirectory(Path path, String prefix, String suffix) {
		this.path = path.toAbsolutePath().normalize();
		this.prefix = prefix;
		this.suffix = suffix;
		try {
			Files.createDirectories(this.path);
			if (Files.getFileStore(this.path).supportsFileAttributeView(PosixFileAttributeView.class)) {
				Files.setPosixFilePermissions(this.path, PosixFilePermissions.fromString("rwx------"));
			}
			purge();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the upload directory " + this.path, ex);
		}
	}

	public Path path() {
		return this.path;
	}

	/** A new, empty directory for one upload that is unpacked (owner-only); named {@code <prefix><random>}. */
	public Path newDirectory() throws IOException {
		return Files.createTempDirectory(this.path, this.prefix);
	}

	/** A new, empty file for one upload (owner-only, as every temp file). */
	public Path newFile() throws IOException {
		return Files.createTempFile(this.path, this.prefix, this.suffix);
	}

	/** Only the service's own file names: a directory configured by mistake loses nothing else. */
	private void purge() throws IOException {
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.path)) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				boolean ours = (name.startsWith(this.prefix) && name.endsWith(this.suffix)) || name.endsWith(SPOOL_SUFFIX);
				if (ours && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
					Files.deleteIfExists(file);
					deleted++;
				}
				else if (name.startsWith(this.prefix) && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
					deleteTree(file);
					deleted++;
				}
			}
		}
		if (deleted > 0) {
			log.info("Deleted {} upload(s) an earlier run left in {}", deleted, this.path);
		}
	}

	private static void deleteTree(Path directory) throws IOException {
		try (java.util.stream.Stream<Path> tree = Files.walk(directory)) {
			for (Path entry : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(entry);
			}
		}
	}

	@Override
	public void customize(CodecConfigurer configurer) {
		configurer.defaultCodecs().configureDefaultCodec(codec -> {
			if (codec instanceof DefaultPartHttpMessageReader parts) {
				try {
					parts.setFileStorageDirectory(this.path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		});
	}
}
