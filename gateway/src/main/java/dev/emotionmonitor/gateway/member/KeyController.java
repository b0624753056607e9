package dev.emotionmonitor.gateway.member;

import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.gateway.member.MemberViews.KeyView;
import dev.emotionmonitor.gateway.member.MemberViews.NewKeyView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys and export tokens, for admins: issue (shown once), list (never the key), revoke (effective at once). */
@RestController
@RequestMapping("/api/admin/keys")
class KeyController {

	private final Members members;

	KeyController(Members members) {
		this.members = members;
	}

	@GetMapping
	Mono<ItemPage<KeyView>> list(@RequestParam(name = "member_id", required = false) String memberId,
			@RequestParam(name = "include_revoked", defaultValue = "false") boolean includeRevoked,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		ItemPage.check(page, size, 500);
		return members.keys(memberId, includeRevoked, page, size).map(found -> found.map(KeyView::of));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<NewKeyView> issue(@Valid @RequestBody NewKey request) {
		return members.issueKey(request.memberId(), request.kind(), request.name(), request.scope())
			.map(NewKeyView::of);
	}

	@DeleteMapping("/{id}")
	Mono<KeyView> revoke(@PathVariable String id) {
		return members.revoke(id).map(KeyView::of);
	}

	/**
	 * @param kind  {@code api} (default) or {@code export} (read-only token for dashboard tools)
	 * @param scope for export tokens: {@code own} (default) or {@code team} (every member's rows)
	 */
	record NewKey(@NotBlank String memberId, String kind, String name, String scope) {
	}
}
