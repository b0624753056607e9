package dev.emotionmonitor.gateway.member;

import java.util.List;

import dev.emotionmonitor.common.web.ItemPage;
import dev.emotionmonitor.gateway.member.MemberViews.MemberView;
import dev.emotionmonitor.gateway.member.MemberViews.NewKeyView;
import dev.emotionmonitor.gateway.member.MemberViews.NewMemberView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Members, for admins: add (with a first key), list, change role or identities, disable. */
@RestController
@RequestMapping("/api/admin/members")
class MemberController {

	private final Members members;

	MemberController(Members members) {
		this.members = members;
	}

	@GetMapping
	Mono<ItemPage<MemberView>> list(@RequestParam(required = false) Boolean active,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		ItemPage.check(page, size, 500);
		return members.list(active, role, page, size).map(found -> found.map(MemberView::of));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<NewMemberView> add(@Valid @RequestBody NewMember request) {
		return members.create(request.displayName(), request.role(), request.identities())
			.map(created -> new NewMemberView(MemberView.of(created.member()), NewKeyView.of(created.key())));
	}

	@GetMapping("/{id}")
	Mono<MemberView> one(@PathVariable String id) {
		return members.find(id).map(MemberView::of);
	}

	@PatchMapping("/{id}")
	Mono<MemberView> change(@PathVariable String id, @RequestBody MemberChange request) {
		return members.update(id, request.displayName(), request.role(), request.identities(), request.active())
			.map(MemberView::of);
	}

	record NewMember(@NotBlank String displayName, String role, List<String> identities) {
	}

	record MemberChange(String displayName, String role, List<String> identities, Boolean active) {
	}
}
