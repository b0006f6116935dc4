package dev.cairn.account;

import java.time.Instant;

/** A tenant: owns pins, uploads and tokens. */
public record Account(long id, String name, Instant created) {}
