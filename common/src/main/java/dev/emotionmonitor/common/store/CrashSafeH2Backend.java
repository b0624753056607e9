package dev.emotionmonitor.common.store;

import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's H2 backend with one change: a command is written to disk whole or not at all. H2's own
 * auto-commit saves every second from a background thread, whatever state the maps are in; after a kill -9 a
 * document could then exist without its {@code _id} index entry (found by a scan, missed by an id lookup, refused
 * as a duplicate on insert). Here auto-commit is off, write commands run one at a time and each ends with a commit,
 * so a crash keeps exactly the commands that had answered. Reads run alongside (MVStore readers see committed
 * versions or the writer's progress, as a MongoDB read without a transaction would).
 */
final class CrashSafeH2Backend extends H2Backend {

	private static final Set<String> READS = Set.of("find", "getMore", "count", "distinct", "listCollections",
			"listIndexes", "listDatabases", "hello", "isMaster", "ismaster", "ping", "buildInfo", "buildinfo",
			"serverStatus", "dbStats", "dbstats", "collStats", "killCursors", "endSessions", "connectionStatus",
			"getParameter", "whatsmyuri", "hostInfo", "getLastError", "getlasterror");

	private final Object writer = new Object();

	private CrashSafeH2Backend(MVStore store) {
		super(store);
	}

	static CrashSafeH2Backend open(String file) {
		return new CrashSafeH2Backend(new MVStore.Builder().fileName(file).autoCommitDisabled().open());
	}

	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		if (isRead(command, query)) {
			return super.handleCommand(channel, database, command, query);
		}
		synchronized (this.writer) {
			try {
				return super.handleCommand(channel, database, command, query);
			}
			finally {
				commit();
			}
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
