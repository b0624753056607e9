package dev.emotionmonitor.aihub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.emotionmonitor.aihub.ParsedRecord.ParsedDialogue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readers stream: files larger than the whole heap of this test JVM (-Xmx32m, see the module's pom) are read to the
 * end, one record at a time. Holding the file, or a tree of it, would run out of memory.
 */
class LargeFileTest {

	@TempDir
	Path dir;

	@Test
	void labelingJsonLargerThanTheHeapIsReadToTheEnd() throws IOException {
		int dialogues = 120_000;
		Path file = this.dir.resolve("large.json");
		CorpusFiles.writeLabelingJson(file, SyntheticCorpus.json(dialogues));
		assertThat(Files.size(file)).as("the file outweighs the heap").isGreaterThan(Runtime.getRuntime().maxMemory());

		ByteCounter bytes = new ByteCounter();
		AtomicLong read = new AtomicLong();
		new LabelingJsonReader().read(file, bytes, record -> {
			if (record instanceof ParsedDialogue dialogue && dialogue.code().equals(SyntheticCorpus.code((int) read.get()))) {
				read.incrementAndGet();
			}
		});

		assertThat(read.get()).isEqualTo(dialogues);
		assertThat(bytes.read()).isEqualTo(bytes.total()).isEqualTo(Files.size(file));
	}

	@Test
	void csvLargerThanTheHeapIsReadToTheEnd() throws IOException {
		int rows = 200_000;
		Path file = this.dir.resolve("large.csv");
		CorpusFiles.writeCsv(file, SyntheticCorpus.sheet(rows), StandardCharsets.UTF_8, true);
		assertThat(Files.size(file)).as("the file outweighs the heap").isGreaterThan(Runtime.getRuntime().maxMemory());

		AtomicLong read = new AtomicLong();
		AtomicLong lastRow = new AtomicLong();
		new CsvSheetReader().read(file, new ByteCounter(), record -> {
			if (record instanceof ParsedDialogue dialogue) {
				read.incrementAndGet();
				lastRow.set(dialogue.row());
			}
		});

		assertThat(read.get()).isEqualTo(rows);
		assertThat(lastRow.get()).as("header is row 1").isEqualTo(rows + 1);
	}
}
