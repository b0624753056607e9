package dev.emotionmonitor.dashboard.bucket;

/** Member ids become field names of a bucket's member map; '.', '$', '|' and '%' cannot stay as they are there. */
public final class MemberKeys {

	private MemberKeys() {
	}

	public static String encode(String id) {
		StringBuilder out = new StringBuilder(id.length());
		for (char c : id.toCharArray()) {
			switch (c) {
				case '%' -> out.append("%25");
				case '.' -> out.append("%2E");
				case '$' -> out.append("%24");
				case '|' -> out.append("%7C");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	public static String decode(String key) {
		if (key.indexOf('%') < 0) {
			return key;
		}
		return key.replace("%2E", ".").replace("%24", "$").replace("%7C", "|").replace("%25", "%");
	}
}
