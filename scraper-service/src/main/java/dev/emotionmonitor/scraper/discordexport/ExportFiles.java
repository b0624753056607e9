package dev.emotionmonitor.scraper.discordexport;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.scraper.message.ScrapedMessage;

import org.springframework.web.ErrorResponseException;

/**
 * Reads what an import uploads: one DiscordChatExporter JSON export, several, or a zip of them (a whole
 * {@code exportguild} directory, one file per channel, thread and forum post). Everything is read and checked before
 * anything is stored; exports of the same channel (split by date range) are joined into one.
 */
final class ExportFiles {

	/** More entries than this in one zip is not an export directory. */
	static final int MAX_ENTRIES = 20_000;

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

	private ExportFiles() {
	}

	/** One export per channel, in the order first seen; {@code maxMessages} bounds them all together. */
	static List<DiscordExport> read(DiscordExportReader reader, List<Upload> uploads, int maxMessages)
			throws IOException {
		List<DiscordExport> exports = new ArrayList<>();
		int[] budget = { maxMessages };
		for (Upload upload : uploads) {
			if (Files.size(upload.path()) == 0) {
				throw Problems.badRequest((uploads.size() > 1 ? where(upload.name(), null) : "")
						+ "The uploaded file is empty");
			}
			if (isZip(upload.path())) {
				readZip(reader, upload, budget, exports);
			}
			else {
				try (InputStream input = Files.newInputStream(upload.path())) {
					exports.add(readOne(reader, input, upload.name(), null, budget, uploads.size() > 1));
				}
			}
		}
		return byChannel(exports);
	}

	static boolean isZip(Path path) throws IOException {
		try (InputStream input = Files.newInputStream(path)) {
			byte[] head = input.readNBytes(4);
			return java.util.Arrays.equals(head, ZIP_MAGIC);
		}
	}

	private static void readZip(DiscordExportReader reader, Upload upload, int[] budget, List<DiscordExport> exports)
			throws IOException {
		int entries = 0;
		int before = exports.size();
		try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(upload.path())))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (++entries > MAX_ENTRIES) {
					throw Problems.badRequest("The zip holds more than " + MAX_ENTRIES + " entries; upload the "
							+ "channels' JSON exports in smaller zips");
				}
				String name = entry.getName();
				// media folders (--media), macOS metadata and other formats of the same export are not read
				if (entry.isDirectory() || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
						|| name.startsWith("__MACOSX/") || name.contains("/._") || name.startsWith("._")) {
					continue;
				}
				exports.add(readOne(reader, new FilterInputStream(zip) {
					@Override
					public void close() {
						// the reader closes what it reads; the zip's next entry must stay readable
					}
				}, upload.name(), name, budget, true));
			}
		}
		catch (ZipException ex) {
			throw Problems.badRequest(where(upload.name(), null) + "The zip is damaged or cut off");
		}
		if (exports.size() == before) {
			throw Problems.badRequest(where(upload.name(), null)
					+ "The zip holds no JSON export (DiscordChatExporter --format Json)");
		}
	}

	private static DiscordExport readOne(DiscordExportReader reader, InputStream input, String upload, String entry,
			int[] budget, boolean named) {
		try {
			DiscordExport export = reader.read(input, budget[0]);
			budget[0] -= export.messages().size();
			return export;
		}
		catch (ErrorResponseException ex) {
			if (!named || ex.getStatusCode().value() != 400) {
				throw ex;
			}
			// which of several files the problem is in, then the reader's own words
			throw Problems.badRequest(where(upload, entry) + ex.getBody().getDetail());
		}
	}

	private static String where(String upload, String entry) {
		String file = entry != null ? entry : upload;
		return file == null || file.isBlank() ? "" : file.replaceAll("[\\p{Cntrl}]", "") + ": ";
	}

	/** Exports of one channel joined (a channel exported in date ranges), in the order first seen. */
	private static List<DiscordExport> byChannel(List<DiscordExport> exports) {
		Map<String, DiscordExport> joined = new LinkedHashMap<>();
		for (DiscordExport export : exports) {
			joined.merge(export.channelId(), export, (a, b) -> {
				List<ScrapedMessage> messages = new ArrayList<>(a.messages());
				messages.addAll(b.messages());
				List<DiscordExport.Stretch> stretches = new ArrayList<>(a.stretches());
				stretches.addAll(b.stretches());
				return new DiscordExport(a.guildId(), a.guildName(), a.channelId(), a.channelName(),
						a.parentChannelId(), a.parentChannelName(), messages, stretches);
			});
		}
		return List.copyOf(joined.values());
	}

	/** An uploaded file as it waits on disk, with the name the client gave it. */
	record Upload(Path path, String name) {
	}
}
