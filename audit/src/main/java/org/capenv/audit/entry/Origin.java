package org.capenv.audit.entry;

/** Where the request came from, as the platform saw it. Either part may be null. */
public record Origin(String clientAddress, String userAgent) {}
