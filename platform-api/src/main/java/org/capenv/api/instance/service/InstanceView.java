package org.capenv.api.instance.service;

import java.time.Instant;

/** A live replica of the platform, as shown to platform administrators. */
public record InstanceView(
    String id, String version, String host, Instant startedAt, Instant heartbeatAt) {}
