package dev.emotionmonitor.gateway.member;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import dev.emotionmonitor.gateway.config.EmotionGatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * On a first start (no member at all) creates an admin and writes its key to {@code <data dir>/admin-api-key},
 * readable by the owner only. There is no default password: whoever can read that file is the first admin. Done once
 * every bean exists and before the web server starts, so that the file is there when the health check first answers
 * (and {@code ./emotion up} says where it is).
 */
@Component
class FirstAdmin implements SmartInitializingSingleton {

	static final String KEY_FILE = "admin-api-key";

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final Members members;

	private final EmotionGatewayProperties properties;

	FirstAdmin(Members members, EmotionGatewayProperties properties) {
		this.members = members;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		members.createIndexes().block(Duration.ofSeconds(30));
		Long count = members.count().block(Duration.ofSeconds(30));
		if (count != null && count > 0) {
			return;
		}
		Members.MemberWithKey admin = members.create(properties.firstAdminName(), "admin", List.of())
			.block(Duration.ofSeconds(30));
		Path file = writeOwnerOnly(properties.dataDir().resolve(KEY_FILE), admin.key().secret());
		log.warn("First start: created admin member '{}' ({}); its API key is in {} (readable by this user only). "
				+ "Sign in with it, then add members with ./emotion member add NAME --role member",
				admin.member().displayName(), admin.member().id(), file.toAbsolutePath());
	}

	static Path writeOwnerOnly(Path file, String content) {
		try {
			Path directory = file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			Path temporary = Files.createTempFile(directory, ".admin-api-key", ".tmp");
			try {
				setOwnerOnly(temporary);
				Files.writeString(temporary, content + "\n", StandardCharsets.UTF_8);
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			setOwnerOnly(file);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the first admin's key to " + file, ex);
		}
	}

	private static void setOwnerOnly(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			java.io.File plain = file.toFile();
			plain.setReadable(false, false);
			plain.setReadable(true, true);
			plain.setWritable(false, false);
			plain.setWritable(true, true);
		}
	}
}
