package dev.emotionmonitor.gateway.member;

/** Published when a key is revoked or a member changes, so that cached credentials are dropped at once. */
public record CredentialsChanged(String reason) {
}
