package dev.emotionmonitor.corpus.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.emotionmonitor.common.test.TestCallers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import dev.emotionmonitor.aihub.ByteCounter;
import dev.emotionmonitor.aihub.CorpusFiles;
import dev.emotionmonitor.aihub.CorpusReader;
import dev.emotionmonitor.aihub.LabelingJsonReader;
import dev.emotionmonitor.aihub.ParsedRecord;
import dev.emotionmonitor.aihub.SyntheticCorpus;
import dev.emotionmonitor.aihub.XlsxSheetReader;
import dev.emotionmonitor.corpus.CorpusServiceApplication;

/**
 * Import figures for a 60,000-dialogue labeling JSON and a 60,000-row xlsx (shared strings, as Excel writes it):
 * parsing alone (dialogues/s, peak heap) and the full import into the embedded store on disk (H2 file), the default a
 * user gets. Run: {@code ./mvnw -o -Pbench -pl corpus-service -am test -Dtest=CorpusImportBench}.
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusImportBench {

	private static final int DIALOGUES = 60_000;

	@TempDir
	static Path dir;

	private Path json;

	private Path xlsx;

	@BeforeAll
	void generate() throws Exception {
		this.json = dir.resolve("bench-labeling.json");
		this.xlsx = dir.resolve("bench-source.xlsx");
		long start = System.nanoTime();
		CorpusFiles.writeLabelingJson(this.json, SyntheticCorpus.json(DIALOGUES));
		CorpusFiles.writeLargeXlsx(this.xlsx, SyntheticCorpus.sheet(DIALOGUES));
		System.out.printf("BENCH generated %,d dialogues: labeling JSON %.1f MB, xlsx %.1f MB in %.1f s (max heap %d MB)%n",
				DIALOGUES, Files.size(this.json) / 1e6, Files.size(this.xlsx) / 1e6, (System.nanoTime() - start) / 1e9,
				Runtime.getRuntime().maxMemory() >> 20);
	}

	@Test
	void parseOnly() throws Exception {
		parse("labeling JSON", new LabelingJsonReader(), this.json);
		parse("xlsx (POI SAX)", new XlsxSheetReader(), this.xlsx);
	}

	private void parse(String name, CorpusReader reader, Path file) throws Exception {
		reader.read(file, new ByteCounter(), record -> {
		}); // warm-up
		System.gc();
		HeapWatch heap = HeapWatch.start();
		AtomicLong dialogues = new AtomicLong();
		long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		long start = System.nanoTime();
		reader.read(file, new ByteCounter(), record -> {
			if (record instanceof ParsedRecord.ParsedDialogue) {
				dialogues.incrementAndGet();
			}
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
		heap.stop();
		System.out.printf("BENCH parse %-15s %,d dialogues in %.2f s = %,.0f dialogues/s wall, %,.0f per CPU-second "
				+ "(load average %.1f); heap used peak %d MB (sampled), max live after GC %d MB%n", name,
				dialogues.get(), seconds, dialogues.get() / seconds, dialogues.get() / cpuSeconds,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), heap.peakUsed() >> 20,
				heap.peakAfterGc() >> 20);
	}

	@Test
	void fullImportIntoTheEmbeddedStore() throws Exception {
		Path store = Files.createDirectories(dir.resolve("store"));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CorpusServiceApplication.class).run(
				"--server.port=0", "--emotion.security.jwt-secret=" + TestCallers.SECRET,
				"--emotion.store.embedded.in-memory=false",
				"--emotion.store.embedded.path=" + store, "--emotion.corpus.imports.corpus-dir=" + dir,
				"--logging.level.root=WARN")) {
			String port = app.getEnvironment().getProperty("local.server.port");
			WebClient http = WebClient.builder()
				.baseUrl("http://127.0.0.1:" + port)
				.filter(TestCallers.asService("corpus"))
				.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20))
				.build();
			importFile(http, this.json, "bench-json");
			importFile(http, this.xlsx, "bench-xlsx");

			long start = System.nanoTime();
			String stats = http.get().uri("/stats").retrieve().bodyToMono(String.class).block();
			System.out.printf("BENCH GET /stats over %,d dialogues: %.0f ms%n",
					JsonMapper.builder().build().readTree(stats).path("total").asLong(),
					(System.nanoTime() - start) / 1e6);
			for (String uri : new String[] { "/dialogues?dataset=bench-json&label=joy&page=50&size=20",
					"/dialogues/sample?dataset=bench-json&size=20" }) {
				start = System.nanoTime();
				http.get().uri(uri).retrieve().bodyToMono(String.class).block();
				System.out.printf("BENCH GET %s: %.0f ms%n", uri, (System.nanoTime() - start) / 1e6);
			}
			start = System.nanoTime();
			Long bytes = http.get()
				.uri("/exports/training.jsonl?dataset=bench-json")
				.retrieve()
				.bodyToFlux(org.springframework.core.io.buffer.DataBuffer.class)
				.map(buffer -> {
					long n = buffer.readableByteCount();
					org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
					return n;
				})
				.reduce(0L, Long::sum)
				.block();
			System.out.printf("BENCH GET /exports/training.jsonl (%,d dialogues, %.1f MB): %.1f s%n", DIALOGUES,
					bytes / 1e6, (System.nanoTime() - start) / 1e9);
		}
	}

	private void importFile(WebClient http, Path file, String dataset) throws InterruptedException {
		long start = System.nanoTime();
		JsonNode job = JsonMapper.builder()
			.build()
			.readTree(http.post()
				.uri("/imports")
				.bodyValue(Map.of("path", file.toString(), "dataset", dataset, "split", "train"))
				.retrieve()
				.bodyToMono(String.class)
				.block());
		String id = job.path("id").asString();
		while ("running".equals(job.path("status").asString())) {
			Thread.sleep(200);
			job = JsonMapper.builder()
				.build()
				.readTree(http.get().uri("/imports/" + id).retrieve().bodyToMono(String.class).block(Duration.ofMinutes(1)));
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long accepted = job.path("progress").path("accepted").asLong();
		System.out.printf("BENCH full import %-12s %s: %,d dialogues in %.1f s = %,.0f dialogues/s "
				+ "(embedded mongo-java-server, H2 file)%n", file.getFileName().toString().endsWith(".json") ? "JSON" : "xlsx",
				job.path("status").asString(), accepted, seconds, accepted / seconds);
	}

	/** Samples heap use every few ms, and records the heap still used after each collection (the live set). */
	private static final class HeapWatch {

		private final Thread sampler;

		private volatile boolean running = true;

		private volatile long peakUsed;

		private volatile long peakAfterGc;

		private HeapWatch() {
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					pool.resetPeakUsage();
				}
			}
			this.sampler = new Thread(() -> {
				while (this.running) {
					long used = 0;
					long afterGc = 0;
					for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
						if (pool.getType() == MemoryType.HEAP) {
							used += pool.getUsage().getUsed();
							if (pool.getCollectionUsage() != null) {
								afterGc += pool.getCollectionUsage().getUsed();
							}
						}
					}
					this.peakUsed = Math.max(this.peakUsed, used);
					this.peakAfterGc = Math.max(this.peakAfterGc, afterGc);
					try {
						Thread.sleep(5);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			this.sampler.setDaemon(true);
		}

		static HeapWatch start() {
			HeapWatch watch = new HeapWatch();
			watch.sampler.start();
			return watch;
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.sampler.join();
		}

		long peakUsed() {
			return this.peakUsed;
		}

		long peakAfterGc() {
			return this.peakAfterGc;
		}
	}
}
