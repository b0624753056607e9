package dev.emotionmonitor.corpus.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.emotionmonitor.common.problem.Problems;
import dev.emotionmonitor.corpus.config.CorpusProperties;

/**
 * The directory imports by server path may read ({@code CORPUS_DIR}). A requested path is resolved one name at a time
 * from the directory's real path, following symbolic links, and refused as soon as it would leave the directory; so
 * every answer depends only on the path given and on what lies inside, never on what exists outside.
 */
@Component
class CorpusDirectory {

	/** The one answer for every path outside the directory, whatever is (or is not) there. */
	static final String OUTSIDE = "The path must name a file inside the corpus-service's corpus directory (CORPUS_DIR): "
			+ "relative to it, or absolute within it, without \"..\"";

	private final Path configured;

	CorpusDirectory(CorpusProperties properties) {
		this.configured = properties.imports().corpusDir().toAbsolutePath().normalize();
	}

	/** The real path of the readable regular file {@code requested} names inside the directory. */
	Path resolve(String requested) {
		Path path;
		try {
			path = Path.of(requested);
		}
		catch (InvalidPathException ex) {
			throw outside();
		}
		for (Path name : path) {
			if (name.toString().equals("..")) {
				throw outside();
			}
		}
		Path root = realRoot();
		Path relative = relativeToRoot(path.normalize(), root);
		Path current = root;
		for (Path name : relative) {
			Path next = current.resolve(name);
			if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
				throw Problems.notFound("\"" + requested + "\" was not found in the corpus directory");
			}
			try {
				// a link is followed here; a dangling one fails, whatever its target would be
				next = next.toRealPath();
			}
			catch (IOException ex) {
				throw outside();
			}
			if (!next.startsWith(root)) {
				throw outside();
			}
			current = next;
		}
		if (!Files.isRegularFile(current)) {
			throw Problems.badRequest("\"" + requested + "\" is a directory of the corpus directory, not a file");
		}
		if (!Files.isReadable(current)) {
			throw Problems.badRequest("\"" + requested + "\" in the corpus directory is not readable by the corpus-service");
		}
		return current;
	}

	private Path realRoot() {
		try {
			return this.configured.toRealPath();
		}
		catch (IOException ex) {
			throw Problems.notFound("The corpus directory (CORPUS_DIR) does not exist on the corpus-service host");
		}
	}

	/** Relative paths start at the directory; absolute ones must name it (as configured, or its real path) first. */
	private Path relativeToRoot(Path path, Path root) {
		if (!path.isAbsolute()) {
			return path;
		}
		if (path.startsWith(this.configured)) {
			return this.configured.relativize(path);
		}
		if (path.startsWith(root)) {
			return root.relativize(path);
		}
		throw outside();
	}

	private static ErrorResponseException outside() {
		return Problems.badRequest(OUTSIDE);
	}
}
