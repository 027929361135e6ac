package org.capenv.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import org.junit.jupiter.api.Test;

/**
 * Which failures while a form body is read are the client's (a 400 or 413) and which stay server
 * errors: decided by the exception and where it was thrown, so each case is built with the stack
 * the framework gives it (PortalRunsTest sends the real bodies).
 */
class FormFailuresTest {
  private static final String PARSERS = "org.jboss.resteasy.reactive.server.core.multipart.";

  private static <T extends Throwable> T thrownAt(T e, String... classes) {
    StackTraceElement[] trace = new StackTraceElement[classes.length];
    for (int i = 0; i < classes.length; i++) {
      trace[i] = new StackTraceElement(classes[i], "m", null, -1);
    }
    e.setStackTrace(trace);
    return e;
  }

  @Test
  void theParsersOwnFailuresAreTheClients() {
    assertThat(
            ProblemMappers.malformedForm(
                thrownAt(
                    new IOException("Connection terminated parsing multipart request"),
                    PARSERS + "MultiPartParserDefinition$MultiPartUploadHandler")))
        .isTrue();
    assertThat(
            ProblemMappers.malformedForm(
                thrownAt(
                    new RuntimeException(new UnsupportedEncodingException("no-such")),
                    PARSERS + "MultiPartParserDefinition$MultiPartUploadHandler")))
        .isTrue();
    assertThat(
            ProblemMappers.malformedForm(
                thrownAt(
                    new IllegalArgumentException("Failed to decode URL %zz% to UTF-8"),
                    "org.jboss.resteasy.reactive.common.util.URLUtils",
                    "org.jboss.resteasy.reactive.common.util.URLUtils",
                    PARSERS + "FormEncodedDataDefinition$FormEncodedDataParser")))
        .isTrue();
    assertThat(
            ProblemMappers.tooManyFormFields(
                thrownAt(
                    new RuntimeException("Param limit of 1000 was exceeded"),
                    PARSERS + "FormData")))
        .isTrue();
  }

  @Test
  void aFailureFromBelowTheParserOrElsewhereStaysTheServers() {
    // a temporary file that cannot be written: thrown by the JDK, under the parser
    assertThat(
            ProblemMappers.malformedForm(
                thrownAt(
                    new IOException("No space left on device"),
                    "java.io.FileOutputStream",
                    PARSERS + "MultiPartParserDefinition$MultiPartUploadHandler")))
        .isFalse();
    assertThat(
            ProblemMappers.malformedForm(
                thrownAt(
                    new RuntimeException(new IOException("No space left on device")),
                    PARSERS + "MultiPartParserDefinition$MultiPartUploadHandler")))
        .isFalse();
    assertThat(
            ProblemMappers.tooManyFormFields(
                thrownAt(
                    new RuntimeException("Param limit", new IOException("disk")),
                    PARSERS + "FormData")))
        .isFalse();
    // the platform's own code
    assertThat(
            ProblemMappers.malformedForm(
                thrownAt(new IllegalArgumentException("bug"), "org.capenv.api.run.RunService")))
        .isFalse();
    assertThat(
            ProblemMappers.malformedForm(
                thrownAt(new IOException("disk"), "org.capenv.api.blob.BlobStore")))
        .isFalse();
  }
}
