package dev.emotionmonitor.classifier.model;

/**
 * DJL settings that must be in place before the PyTorch engine loads: offline (the natives come from the
 * pytorch-native-cpu jar, nothing is downloaded) and thread counts for a small CPU.
 */
public final class DjlSetup {

	private DjlSetup() {
	}

	/**
	 * @param intraOpThreads threads one operator may use: the core count for training, 1 when several worker
	 * threads each run their own forward passes
	 */
	public static void configure(int intraOpThreads) {
		System.setProperty("ai.djl.offline", "true");
		// ONNX Runtime and the tokenizers' Rust engine are on the classpath too; unnamed managers stay on PyTorch
		setIfAbsent("ai.djl.default_engine", "PyTorch");
		setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
		setIfAbsent("ai.djl.pytorch.num_threads", String.valueOf(Math.max(1, intraOpThreads)));
	}

	private static void setIfAbsent(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}
}
