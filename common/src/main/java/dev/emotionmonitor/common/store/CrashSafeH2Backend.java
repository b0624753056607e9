package dev.emotionmonitor.common.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's H2 backend with one change: a command is written to disk whole or not at all. H2's own
 * auto-commit saves every second from a background thread, whatever state the maps are in; after a kill -9 a
 * document could then exist without its {@code _id} index entry (found by a scan, missed by an id lookup, refused
 * as a duplicate on insert). Here auto-commit is off, write commands run one at a time and each ends with a commit,
 * so a crash keeps exactly the commands that had answered. Reads run alongside each other, never alongside a write:
 * a query reads its matches whole before it answers, so no reader needs an old version after a commit.
 */
final class CrashSafeH2Backend extends H2Backend {

	private static final Set<String> READS = Set.of("find", "getMore", "count", "distinct", "listCollections",
			"listIndexes", "listDatabases", "hello", "isMaster", "ismaster", "ping", "buildInfo", "buildinfo",
			"serverStatus", "dbStats", "dbstats", "collStats", "killCursors", "endSessions", "connectionStatus",
			"getParameter", "whatsmyuri", "hostInfo", "getLastError", "getlasterror");

	private static final int COMPACT_EVERY = 1_000;

	private static final int TARGET_FILL_RATE = 90;

	private static final int COMPACT_WRITE_BYTES = 16 * 1024 * 1024;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final MVStore store;

	private int writesSinceCompaction;

	private CrashSafeH2Backend(MVStore store) {
		super(store);
		this.store = store;
	}

	static CrashSafeH2Backend open(String file) {
		MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
		// old chunks are kept 45 s by default, for readers of old versions and against power loss; no reader runs
		// during a commit here, and a killed process loses nothing the OS has been handed. Kept, they grew the file
		// tenfold under a stream of small commits (EmbeddedStoreWriteBench).
		store.setRetentionTime(0);
		return new CrashSafeH2Backend(store);
	}

	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		Lock held = isRead(command, query) ? this.lock.readLock() : this.lock.writeLock();
		held.lock();
		try {
			return super.handleCommand(channel, database, command, query);
		}
		finally {
			if (held == this.lock.writeLock()) {
				commit();
				compactNowAndThen();
			}
			held.unlock();
		}
	}

	/**
	 * Without auto-commit H2 runs no background maintenance, and a commit per command leaves many partly used
	 * chunks: rewriting the sparsest now and then lets the file reuse their space instead of growing.
	 */
	private void compactNowAndThen() {
		if (++this.writesSinceCompaction >= COMPACT_EVERY) {
			this.writesSinceCompaction = 0;
			this.store.compact(TARGET_FILL_RATE, COMPACT_WRITE_BYTES);
		}
	}

	private static boolean isRead(String command, Document query) {
		if ("aggregate".equals(command)) {
			Object pipeline = query.get("pipeline");
			return !(pipeline instanceof List<?> stages) || stages.stream()
				.noneMatch(stage -> stage instanceof Document document
						&& (document.containsKey("$out") || document.containsKey("$merge")));
		}
		return READS.contains(command);
	}
}
