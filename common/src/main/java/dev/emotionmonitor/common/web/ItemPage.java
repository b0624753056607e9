package dev.emotionmonitor.common.web;

import java.util.List;
import java.util.function.Function;

import dev.emotionmonitor.common.problem.Problems;

/**
 * One page of a collection, the way every service answers one: {@code {"items": [...], "page": n, "size": n,
 * "total": n}}; pages count from 0.
 */
public record ItemPage<T>(List<T> items, int page, int size, long total) {

	public <R> ItemPage<R> map(Function<T, R> mapper) {
		return new ItemPage<>(items.stream().map(mapper).toList(), page, size, total);
	}

	/** Refuses a page below 0 or a size outside 1..{@code maxSize} with a 400 problem that says which. */
	public static void check(int page, int size, int maxSize) {
		if (page < 0) {
			throw Problems.badRequest("page must be 0 or more (pages count from 0), got " + page);
		}
		if (size < 1 || size > maxSize) {
			throw Problems.badRequest("size must be between 1 and " + maxSize + ", got " + size);
		}
	}
}
