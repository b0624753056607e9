package dev.emotionmonitor.aihub;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Streams the records of one corpus file to a sink, never holding the whole file in memory. */
public sealed interface CorpusReader permits LabelingJsonReader, XlsxSheetReader, CsvSheetReader {

	/**
	 * @throws CorpusFileException when the file as a whole is unusable
	 */
	void read(Path file, ByteCounter bytes, Consumer<ParsedRecord> sink) throws IOException;
}
