package org.capenv.api.tool.service;

/** One runnable tool version in the catalogue list. */
public record ToolSummaryView(
    String name,
    String version,
    String summary,
    String licence,
    String sourceRepository,
    String maxClassification,
    String minVetting) {}
