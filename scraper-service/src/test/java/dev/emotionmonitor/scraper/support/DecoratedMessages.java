package dev.emotionmonitor.scraper.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chat messages made (almost) entirely of decoration: dividers, emoji walls, keycap and number runs, a label said over
 * and over. Each one reaches the given length, so 2,000 is Discord's limit and 4,000 a Nitro message. A parser that
 * recurses once per decoration character overflows the stack on these.
 */
public final class DecoratedMessages {

	private DecoratedMessages() {
	}

	/** Name → text, every text {@code length} characters long or a few less (units are never split). */
	public static Map<String, String> of(int length) {
		Map<String, String> messages = new LinkedHashMap<>();
		messages.put("equals signs", fill("=", length));
		messages.put("hyphens", fill("-", length));
		messages.put("em dashes", fill("—", length));
		messages.put("emoji", fill("🎉🔥✨", length));
		messages.put("spaces then a dot", fill(" ", length - 1) + ".");
		messages.put("keycaps", fill("1️⃣", length));
		messages.put("numbers", fill("1. ", length));
		messages.put("bracketed numbers", fill("(1)", length));
		messages.put("label repeated", fill("사실 ", length));
		messages.put("label and its alternatives repeated", fill("사실 / Fact (사실) ", length));
		messages.put("a label then separators", "사실" + fill(":-—)", length - 2));
		messages.put("a label then spaces", "향후" + fill(" ", length - 3) + "x");
		messages.put("mixed", fill("=-— 🎉 1️⃣ 1. (1) 5F ▶ • ** ", length));
		messages.put("a divider then a label", fill("=", length - 12) + " 사실: 오늘은 끝");
		messages.put("dividers on every line", fill(fill("=", 39) + "\n", length));
		return messages;
	}

	private static String fill(String unit, int length) {
		return unit.repeat(Math.max(1, length / unit.length()));
	}
}
