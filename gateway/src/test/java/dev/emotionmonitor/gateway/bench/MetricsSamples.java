package dev.emotionmonitor.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What share of a gateway's sampled Java stacks ran metrics code in a window: a second estimate of the metrics' CPU
 * share, independent of the noise between two processes. A stack counts when any frame belongs to Micrometer, to
 * Spring's HTTP observation or to the gateway's own meters (nothing of the proxy runs beneath those frames).
 */
final class MetricsSamples {

	private static final List<String> METRICS_CODE = List.of("io.micrometer.",
			"org.springframework.http.server.reactive.observation.",
			"org.springframework.web.server.adapter.HttpWebHandlerAdapter$ObservationSignalListener",
			"dev.emotionmonitor.gateway.metrics.");

	private MetricsSamples() {
	}

	/** "2.1 % (12 of 570)" for the execution samples between the result's start and end. */
	static String share(Path recording, GatewayMetricsCostBench.Result window) {
		int samples = 0;
		int metrics = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
						|| outside(event.getStartTime(), window)) {
					continue;
				}
				samples++;
				if (event.getStackTrace().getFrames().stream().anyMatch(MetricsSamples::isMetricsCode)) {
					metrics++;
				}
			}
		}
		catch (IOException ex) {
			return "unreadable (" + ex.getMessage() + ")";
		}
		return String.format("%.1f %% (%d of %d)", 100.0 * metrics / Math.max(1, samples), metrics, samples);
	}

	private static boolean outside(Instant at, GatewayMetricsCostBench.Result window) {
		return at.isBefore(window.from()) || at.isAfter(window.to());
	}

	private static boolean isMetricsCode(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		return METRICS_CODE.stream().anyMatch(type::startsWith);
	}
}
