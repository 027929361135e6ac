package org.capenv.audit.store;

/** What the log returns for each appended entry: its sequence number and leaf hash. */
public record Appended(long seq, byte[] leafHash) {}
