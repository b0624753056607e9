package dev.emotionmonitor.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doc-test harness without a system: every README shell block is either run by {@link ReadmeCommandsIT} or marked
 * with an allowed reason, so new documentation cannot slip by; and the output rules of {@link OutputShape} can fail.
 */
class ReadmeBlocksTest {

	@Test
	void everyShellBlockIsRunOrMarkedWithAnAllowedReason() {
		List<String> unexplained = new ArrayList<>();
		Map<String, Integer> counts = new TreeMap<>();
		for (String file : ReadmeBlocks.READMES) {
			for (ReadmeBlocks.Block block : ReadmeBlocks.of(file)) {
				if (block.skip() == null) {
					counts.merge("run", 1, Integer::sum);
				}
				else if (block.skipReason().isEmpty()) {
					unexplained.add(block.where() + ": «" + block.skip() + "»");
				}
				else {
					counts.merge("skipped: " + block.skipReason().get().description, 1, Integer::sum);
				}
			}
		}
		System.out.println("README shell blocks: " + counts);
		assertThat(unexplained).as("skip marks whose reason is none of %s", List.of(ReadmeBlocks.SkipReason.values()))
			.isEmpty();
		assertThat(counts.get("run")).as("blocks the harness runs").isGreaterThan(10);
	}

	@Test
	void aMarkAppliesToTheBlockBelowItAndAJsonFenceAfterABlockIsItsOutput() {
		List<ReadmeBlocks.Block> blocks = ReadmeBlocks.parse("x.md", List.of("text", "<!-- doctest: skip — needs Docker -->",
				"", "```bash", "docker compose up", "```", "", "```sh", "curl -s localhost:8080/x", "```", "", "```json",
				"{\"a\": 1}", "```", "<!-- doctest: skip — because -->", "```console", "$ ./emotion status",
				"gateway up", "```"));
		assertThat(blocks).hasSize(3);
		assertThat(blocks.get(0).skipReason()).contains(ReadmeBlocks.SkipReason.DOCKER);
		assertThat(blocks.get(0).line()).isEqualTo(4);
		assertThat(blocks.get(1).skip()).isNull();
		assertThat(blocks.get(1).commands()).isEqualTo("curl -s localhost:8080/x\n");
		assertThat(blocks.get(1).expected().text()).isEqualTo("{\"a\": 1}\n");
		assertThat(blocks.get(2).skip()).isEqualTo("because");
		assertThat(blocks.get(2).skipReason()).as("a reason that is none of the allowed ones").isEmpty();
		assertThat(blocks.get(2).commands()).isEqualTo("./emotion status\n");
		assertThat(blocks.get(2).expected().text()).isEqualTo("gateway up\n");
	}

	@Test
	void jsonComparesKeysTypesAndStableValuesNotVolatileOnes() {
		String shown = "{\"id\": \"3f0c…\", \"status\": \"completed\", \"n\": 12, \"demo\": true, \"at\": \"2026-11-24T01:00:00Z\","
				+ " \"items\": [{\"label\": \"joy\"}], \"eta\": null}";
		assertThat(OutputShape.compareJson(shown, "{\"id\": \"ab12\", \"status\": \"completed\", \"n\": 3.5, \"demo\": true,"
				+ " \"at\": \"2027-01-01T00:00:00Z\", \"items\": [{\"label\": \"joy\"}, {\"x\": 1}], \"eta\": null}")).isEmpty();
		assertThat(OutputShape.compareJson(shown, "{\"id\": \"ab12\", \"status\": \"failed\", \"n\": \"12\", \"demo\": false,"
				+ " \"at\": \"x1\", \"items\": [{\"label\": \"joy\", \"code\": \"E61\"}], \"extra\": 1}"))
			.anySatisfy(problem -> assertThat(problem).contains("$.status"))
			.anySatisfy(problem -> assertThat(problem).contains("$.n").contains("number"))
			.anySatisfy(problem -> assertThat(problem).contains("$.demo"))
			.anySatisfy(problem -> assertThat(problem).contains("$.items[0]").contains("[code]"))
			.anySatisfy(problem -> assertThat(problem).contains("documented but not printed: [eta]"))
			.anySatisfy(problem -> assertThat(problem).contains("printed but not documented: [extra]"));
		assertThat(OutputShape.compareJson("{\"a\": 1} {\"b\": 2}", "{\"a\": 1}")).isNotEmpty();
		assertThat(OutputShape.compareJson("{\"a\": 1}", "curl: (7) Failed to connect")).isNotEmpty();
	}

	@Test
	void textComparesLinesModuloNumbersIdsAndEllipses() {
		String shown = "Added member '김민수' with id m-1a2b3c4d5e6f. Its API key (shown only now):\nemk_…\n";
		assertThat(OutputShape.compareText(shown,
				"Added member '김민수' with id m-99ffee00aa11. Its API key (shown only now):\nemk_Zx9q\n\n")).isEmpty();
		assertThat(OutputShape.compareText(shown, "Added admin '김민수' with id m-9. Its API key (shown only now):\nemk_Zx9q\n"))
			.singleElement()
			.asString()
			.contains("line 1");
		assertThat(OutputShape.compareText(shown, "Added member '김민수' with id m-9. Its API key (shown only now):\n"))
			.singleElement()
			.asString()
			.contains("line 2");
	}
}
