package org.capenv.api.portal;

import java.util.Collection;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.multipart.FileItem;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * Reads the text fields and files of a multipart form whose field names depend on the tool. Each
 * field is given at most once: {@link PortalForms} refused a form that repeats one before the
 * endpoint ran.
 */
public final class MultipartForm {
  private final MultipartFormDataInput input;

  public MultipartForm(MultipartFormDataInput input) {
    this.input = input;
  }

  /** The text of a field, or null when absent or not text. */
  public String text(String name) {
    Collection<FormValue> values = input.getValues().get(name);
    if (values == null) {
      return null;
    }
    return values.stream()
        .filter(v -> !v.isFileItem())
        .map(FormValue::getValue)
        .findFirst()
        .orElse(null);
  }

  /** A chosen file: a file part with a name (a browser sends an empty part for no file). */
  public Optional<FormValue> file(String name) {
    Collection<FormValue> values = input.getValues().get(name);
    if (values == null) {
      return Optional.empty();
    }
    return values.stream()
        .filter(FormValue::isFileItem)
        .filter(v -> v.getFileName() != null && !v.getFileName().isBlank())
        .findFirst();
  }

  /** The media type the browser declared for a file part. */
  public static String contentType(FormValue file) {
    String type = file.getHeaders().getFirst("Content-Type");
    return type == null ? "application/octet-stream" : type;
  }

  /** The stored part. */
  public static FileItem item(FormValue file) {
    return file.getFileItem();
  }
}
