package dev.emotionmonitor.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of another process on Linux, read from {@code /proc} for benchmarks: user plus system time in clock ticks of
 * 10 ms (fields 14 and 15 of {@code stat}). {@link #steadyTicks} leaves out the JIT compiler threads, whose work is a
 * warm-up cost that lands at random in a measured window and says nothing about the cost per request.
 */
public final class ProcessCpu {

	public static final double MICROS_PER_TICK = 10_000;

	private ProcessCpu() {
	}

	/** All threads of the process. */
	public static long ticks(long pid) {
		return ticksOf(Path.of("/proc", Long.toString(pid), "stat"));
	}

	/**
	 * All threads but the JIT compilers ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}); start the process with
	 * {@code -XX:-UseDynamicNumberOfCompilerThreads}, so no compiler thread ends and takes its time out of the sum.
	 */
	public static long steadyTicks(long pid) {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			long compilers = tasks.filter(task -> name(task).contains("CompilerThre"))
				.mapToLong(task -> ticksOf(task.resolve("stat")))
				.sum();
			return ticks(pid) - compilers;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String name(Path task) {
		try {
			return Files.readString(task.resolve("comm"));
		}
		catch (IOException ended) {
			return "";
		}
	}

	private static long ticksOf(Path stat) {
		try {
			String line = Files.readString(stat);
			// the command name in parentheses may hold spaces: count fields after its closing parenthesis
			String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
