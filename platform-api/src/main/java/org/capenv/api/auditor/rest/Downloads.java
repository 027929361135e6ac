package org.capenv.api.auditor.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.capenv.api.auditor.service.AuditExporter;
import org.capenv.api.auditor.service.AuditFilter;
import org.capenv.api.auditor.service.ExportFormat;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.common.ProblemTypes;
import org.capenv.api.security.CallerIdentity;

/** File downloads of the audit endpoints and pages: plain-text keys and notes, and exports. */
final class Downloads {
  private static final int MAX_RECIPIENT = 256;

  private Downloads() {}

  static Response text(String body, String fileName) {
    return Response.ok(body, MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .build();
  }

  static Response export(
      AuditExporter exporter,
      CallerIdentity caller,
      AuditParams params,
      String format,
      String recipient) {
    AuditFilter filter = params.filter();
    ExportFormat parsed = ExportFormat.parse(format);
    if (parsed == null) {
      throw invalid("query.format", "must be jsonl or csv");
    }
    String to = recipient == null || recipient.isBlank() ? null : recipient.strip();
    if (to != null
        && (to.length() > MAX_RECIPIENT || to.chars().anyMatch(Character::isISOControl))) {
      throw invalid("query.recipient", "must be at most " + MAX_RECIPIENT + " characters of text");
    }
    AuditExporter.Export export = exporter.export(caller, filter, parsed, to);
    return Response.ok(export.body(), parsed.mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
        .header("X-Audit-Tree-Size", export.checkpoint().checkpoint().size())
        .header("X-Audit-Entry-Count", export.count())
        .header(
            "X-Audit-Checkpoint",
            Base64.getEncoder()
                .encodeToString(export.checkpoint().note().getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Status.BAD_REQUEST,
        ProblemTypes.VALIDATION,
        "Invalid audit export",
        "The export request has an invalid parameter; see errors.",
        List.of(new Problem.FieldError(field, message)));
  }
}
