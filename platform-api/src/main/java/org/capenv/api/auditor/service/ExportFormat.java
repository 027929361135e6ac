package org.capenv.api.auditor.service;

import java.util.Locale;

/** The formats of an export. */
public enum ExportFormat {
  /** One canonical entry per line: the bytes the leaf hashes cover, as `capenv-audit` exports. */
  JSONL("application/jsonl", "jsonl"),
  /** One row per entry with a header row, for spreadsheets; not verifiable by itself. */
  CSV("text/csv; charset=utf-8", "csv");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /** Parses {@code jsonl} or {@code csv}; null for anything else. */
  public static ExportFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return JSONL;
    }
    for (ExportFormat f : values()) {
      if (f.extension.equals(value.strip().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }
}
