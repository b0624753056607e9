package dev.emotionmonitor.scraper;

import java.util.List;

import dev.emotionmonitor.common.problem.Problems;

/** A page of a collection: {@code {"items": [...], "page": n, "size": n, "total": n}}; pages count from 0. */
public record Paged<T>(List<T> items, int page, int size, long total) {

	public static final int MAX_SIZE = 500;

	public static void check(int page, int size) {
		if (page < 0) {
			throw Problems.badRequest("page must be 0 or more (pages count from 0), got " + page);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw Problems.badRequest("size must be between 1 and " + MAX_SIZE + ", got " + size);
		}
	}
}
