package dev.emotionmonitor.scraper.support;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * A chat channel page that behaves like Discord's web client, served on loopback: {@code count} messages from 12
 * authors over 10 weeks, Discord's DOM (ids {@code chat-messages-<channel>-<message>}, {@code time[datetime]},
 * {@code message-content-*}, {@code message-username-*}, avatar URLs with the user id), grouped follow-ups without a
 * header, replies with a quoted preview, "(edited)" markers and some 5F reflections with bold labels. The list is
 * virtualised: about 50 items live in the DOM; scrolling to the top loads 25 older ones after a random delay and drops
 * the 25 newest; the channel's beginning shows a welcome block. Between runs a test can edit and delete messages and
 * cut the history the page still loads.
 */
public final class ChatFixture extends LoopbackServer {

	public static final String GUILD_ID = "900000000000000001";

	public static final String CHANNEL_ID = "900000000000000002";

	public static final Instant START = Instant.parse("2026-09-01T00:00:00Z");

	public static final String[][] AUTHORS = { { "410000000000000001", "김민지" }, { "410000000000000002", "이서준" },
			{ "410000000000000003", "박지우" }, { "410000000000000004", "최하윤" }, { "410000000000000005", "정도현" },
			{ "410000000000000006", "강유나" }, { "410000000000000007", "조은우" }, { "410000000000000008", "윤서아" },
			{ "410000000000000009", "Alex Kim" }, { "410000000000000010", "장예린" }, { "410000000000000011", "임건우" },
			{ "410000000000000012", "한수아" } };

	private static final String[] LINES = { "오늘 과제 다 했어요!", "혹시 3번 문제 푸신 분 계신가요?", "코드 리뷰 감사합니다 🙏",
			"배포가 또 실패했네요… 로그 보는 중", "내일 스터디 몇 시였죠?", "와 이거 진짜 어렵다", "점심 뭐 드실 분",
			"PR 올렸습니다 리뷰 부탁드려요", "테스트가 계속 깨져서 불안해요", "드디어 해결했습니다!! 너무 기뻐요",
			"발표 준비하다가 멘붕 왔어요", "다들 수고 많으셨습니다" };

	private final List<Message> messages = new ArrayList<>();

	private final Set<String> deleted = ConcurrentHashMap.newKeySet();

	private volatile int historyFrom;

	private volatile String editedLabel = "(edited)";

	private final int minDelayMillis;

	private final int maxDelayMillis;

	/** A message and what a scraper must read from it. */
	public record Message(String id, int author, Instant at, String html, String text, Instant editedAt,
			Integer replyTo, boolean followUp, boolean reflection) {

		public String authorId() {
			return AUTHORS[author][0];
		}

		public String authorName() {
			return AUTHORS[author][1];
		}
	}

	public ChatFixture(int count, long seed, int minDelayMillis, int maxDelayMillis) {
		this.minDelayMillis = minDelayMillis;
		this.maxDelayMillis = maxDelayMillis;
		Random random = new Random(seed);
		long tenWeeks = ChronoUnit.SECONDS.between(START, START.plus(70, ChronoUnit.DAYS));
		// bursts of chat: a new topic starts at a random time, follow-ups come minutes later
		List<Instant> times = new ArrayList<>();
		Instant at = START;
		for (int i = 0; i < count; i++) {
			boolean burst = random.nextInt(100) < 65 && i > 0;
			// a third of the messages start a new topic; their gaps spread the channel over ten weeks
			long gap = burst ? 20 + random.nextInt(300) : random.nextInt((int) (2 * tenWeeks / (count * 0.35)));
			at = at.plusSeconds(Math.max(1, gap)).plusMillis(random.nextInt(1000));
			times.add(at);
		}
		int reflections = 0;
		for (int i = 0; i < count; i++) {
			int author;
			if (i > 0 && random.nextInt(100) < 45) {
				author = messages.get(i - 1).author();
			}
			else {
				author = random.nextInt(AUTHORS.length);
			}
			Instant time = times.get(i);
			boolean reflection = i % 50 == 17;
			String text;
			String html;
			if (reflection) {
				reflections++;
				text = "사실: " + reflections + "주차 팀 프로젝트 API를 완성했다\n느낌: 마감 직전이라 초조했지만 끝내서 뿌듯했다\n교훈: 일정을 작게 나누자 ("
						+ i + ")\n향후 행동: 다음 주에는 테스트부터 쓰기";
				html = escape(text).replaceAll("(?m)^(사실|느낌|교훈|향후 행동):", "<strong>$1</strong>:");
			}
			else {
				text = LINES[random.nextInt(LINES.length)] + " #" + i;
				html = escape(text);
			}
			Integer replyTo = i > 3 && random.nextInt(100) < 8 ? i - 1 - random.nextInt(3) : null;
			Message previous = i > 0 ? messages.get(i - 1) : null;
			boolean followUp = previous != null && previous.author() == author && replyTo == null && !reflection
					&& ChronoUnit.MINUTES.between(previous.at(), time) < 7;
			Instant edited = random.nextInt(100) < 6 ? time.plusSeconds(30 + random.nextInt(600)) : null;
			String id = Long.toString(((time.toEpochMilli() - 1420070400000L) << 22) | (i & 0xFFF));
			messages.add(new Message(id, author, time, html, text, edited, replyTo, followUp, reflection));
		}
	}

	public List<Message> messages() {
		return messages;
	}

	/** Edits message {@code index} as its author would: its new text, shown with the edited marker and time. */
	public synchronized void edit(int index, String text, Instant editedAt) {
		Message m = messages.get(index);
		messages.set(index, new Message(m.id(), m.author(), m.at(), escape(text), text, editedAt, m.replyTo(),
				m.followUp(), m.reflection()));
	}

	/** Deletes message {@code index}: the page no longer shows it. */
	public void delete(int index) {
		deleted.add(messages.get(index).id());
	}

	/** From now on no message older than {@code index} loads, nor the channel's beginning: its history stops there. */
	public void historyFrom(int index) {
		historyFrom = index;
	}

	/** The edited marker the client shows: {@code (edited)}, {@code (수정됨)} in Korean. */
	public void editedLabel(String label) {
		editedLabel = label;
	}

	public String channelUrl() {
		return url() + "/channels/" + GUILD_ID + "/" + CHANNEL_ID;
	}

	@Override
	protected void handle(HttpExchange exchange) throws IOException {
		if (exchange.getRequestURI().getPath().equals("/channels/" + GUILD_ID + "/" + CHANNEL_ID)) {
			send(exchange, 200, "text/html; charset=utf-8", page());
		}
		else {
			send(exchange, 404, "text/plain", "not found");
		}
	}

	private synchronized String page() {
		StringBuilder items = new StringBuilder("[");
		for (int i = historyFrom; i < messages.size(); i++) {
			if (deleted.contains(messages.get(i).id())) {
				continue;
			}
			if (items.length() > 1) {
				items.append(",\n");
			}
			items.append(JSON.writeValueAsString(item(i)));
		}
		items.append("]");
		return """
				<!doctype html>
				<html lang="ko"><head><meta charset="utf-8"><title>#weekly-reflection | 부트캠프 7기</title>
				<style>
				  body { margin: 0; font: 15px sans-serif; }
				  .scroller_f1a2 { height: 700px; overflow-y: auto; }
				  ol { margin: 0; padding: 0; } li { list-style: none; padding: 2px 16px; min-height: 22px; }
				  .avatar_a1 { width: 40px; height: 40px; float: left; margin-right: 8px; }
				  .markup_b3 { white-space: pre-wrap; }
				  .edited_c2 { font-size: 10px; color: #888; }
				  .repliedMessage_d4 { font-size: 12px; color: #666; }
				</style></head>
				<body><main class="chatContent_e5">
				<div class="scroller_f1a2" data-list-id="chat-messages" id="scroller">
				  <ol class="scrollerInner_g6" id="list"></ol>
				</div></main>
				<script>
				const CHANNEL = '%s', WINDOW = 50, PAGE = 25, MIN_DELAY = %d, MAX_DELAY = %d;
				const BEGINNING = %b, EDITED = '%s';
				const DATA = %s;
				const scroller = document.getElementById('scroller');
				const list = document.getElementById('list');
				let start = Math.max(0, DATA.length - WINDOW);
				let loading = false;
				function esc(s) { return s.replace(/[&<>]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;'}[c])); }
				function item(m) {
				  const li = document.createElement('li');
				  li.id = 'chat-messages-' + CHANNEL + '-' + m.id;
				  li.className = 'messageListItem_h7';
				  let html = '<div class="message_i8' + (m.followUp ? ' groupStart_j9' : '') + '">';
				  if (m.reply) {
				    html += '<div id="message-reply-context-' + m.id + '" class="repliedMessage_d4">'
				      + '<img class="replyAvatar_k1" src="https://cdn.discordapp.com/avatars/' + m.reply.authorId + '/r.png">'
				      + '<span class="username_l2">@' + esc(m.reply.author) + '</span> '
				      + '<div id="message-content-' + m.reply.id + '" class="repliedTextContent_m3">' + esc(m.reply.preview) + '</div></div>';
				  }
				  if (!m.followUp) {
				    html += '<img class="avatar_a1" src="https://cdn.discordapp.com/avatars/' + m.authorId + '/' + m.avatar + '.webp?size=80" alt=" ">'
				      + '<h3 class="header_n4"><span id="message-username-' + m.id + '" class="headerText_o5"><span class="username_l2">'
				      + esc(m.author) + '</span></span> <span class="timestamp_p6"><time id="message-timestamp-' + m.id
				      + '" datetime="' + m.at + '">' + m.label + '</time></span></h3>';
				  } else {
				    html += '<span class="timestamp_p6 timestampVisibleOnHover_q7"><time id="message-timestamp-' + m.id
				      + '" datetime="' + m.at + '">' + m.short + '</time></span>';
				  }
				  html += '<div id="message-content-' + m.id + '" class="markup_b3 messageContent_r8">' + m.html;
				  if (m.edited) {
				    html += ' <span class="timestamp_p6 timestampInline_s9"><time datetime="' + m.edited
				      + '"><span class="edited_c2">' + EDITED + '</span></time></span>';
				  }
				  html += '</div></div>';
				  li.innerHTML = html;
				  return li;
				}
				function render() {
				  list.replaceChildren();
				  if (start === 0 && BEGINNING) {
				    const welcome = document.createElement('div');
				    welcome.className = 'emptyChannel_t1';
				    welcome.innerHTML = '<h1>Welcome to #weekly-reflection!</h1><p>This is the start of the #weekly-reflection channel.</p>';
				    list.appendChild(welcome);
				  }
				  for (let i = start; i < Math.min(DATA.length, start + WINDOW); i++) {
				    list.appendChild(item(DATA[i]));
				  }
				}
				scroller.addEventListener('scroll', () => {
				  if (scroller.scrollTop > 200 || loading || start === 0) return;
				  loading = true;
				  setTimeout(() => {
				    start = Math.max(0, start - PAGE);
				    render();
				    scroller.scrollTop = 400;
				    loading = false;
				  }, MIN_DELAY + Math.random() * (MAX_DELAY - MIN_DELAY));
				});
				setTimeout(() => { render(); scroller.scrollTop = scroller.scrollHeight; }, 150);
				</script></body></html>
				""".formatted(CHANNEL_ID, minDelayMillis, maxDelayMillis, historyFrom == 0, editedLabel, items);
	}

	private Map<String, Object> item(int i) {
		Message m = messages.get(i);
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("id", m.id());
		item.put("author", m.authorName());
		item.put("authorId", m.authorId());
		item.put("avatar", "a_" + Integer.toHexString(m.authorName().hashCode()));
		item.put("at", m.at().toString());
		item.put("label", m.at().toString().substring(0, 16).replace('T', ' '));
		item.put("short", m.at().toString().substring(11, 16));
		item.put("html", m.html());
		item.put("followUp", m.followUp());
		item.put("edited", m.editedAt() == null ? null : m.editedAt().toString());
		if (m.replyTo() != null) {
			Message quoted = messages.get(m.replyTo());
			item.put("reply", Map.of("id", quoted.id(), "author", quoted.authorName(), "authorId", quoted.authorId(),
					"preview", quoted.text().length() > 40 ? quoted.text().substring(0, 40) : quoted.text()));
		}
		return item;
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
