package org.capenv.api.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.capenv.audit.store.AuditStoreException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * The one exception-mapper family of the platform: every error leaving a JAX-RS endpoint becomes
 * RFC 9457 problem+json here. JAX-RS picks the mapper of the most specific exception type, so the
 * {@link Throwable} mapper only sees what nothing else explains, and answers a generic 500.
 *
 * <p>Details are written here, never copied from exception messages of libraries, which can name
 * classes, SQL or token contents. 4xx are logged at DEBUG, 5xx at ERROR with the trace id.
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /** The package of the framework's form parsers (multipart and URL-encoded). */
  private static final String FORM_PARSERS = MultipartParser.class.getPackageName() + ".";

  /** The framework's store of a form's parts. */
  private static final String FORM_DATA = FORM_PARSERS + "FormData";

  @Inject AllowedMethods allowed;

  /** The {@code Retry-After} of a 503 that does not name its own. */
  static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

  private static final String BEARER_CHALLENGE = "Bearer realm=\"capenv\"";

  @ServerExceptionMapper
  public Response domain(ProblemException e, UriInfo uri) {
    logClientOrServerError(e.status(), e);
    Response.ResponseBuilder builder =
        Problems.response(e.status(), e.type(), e.title(), e.getMessage(), path(uri), e.errors());
    Optional<Duration> retryAfter = e.retryAfter();
    if (retryAfter.isEmpty() && e.status().getStatusCode() == 503) {
      retryAfter = Optional.of(UNAVAILABLE_RETRY_AFTER);
    }
    retryAfter.ifPresent(delay -> builder.header(HttpHeaders.RETRY_AFTER, seconds(delay)));
    return builder.build();
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    Response original = e.getResponse();
    Response.StatusType status = original.getStatusInfo();
    if (e.getCause() instanceof JsonProcessingException json) {
      return malformedBody(json, uri);
    }
    logClientOrServerError(status, e);
    Response.ResponseBuilder builder =
        Problems.response(status, WebErrorDetails.of(status), path(uri));
    // keep the protocol headers the framework set, e.g. Allow on 405 or a challenge on 401
    for (String name : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE)) {
      String value = original.getHeaderString(name);
      if (value != null) {
        builder.header(name, value);
      }
    }
    // a 405 must say what is allowed (RFC 9110 15.5.6); Quarkus REST sets no Allow itself
    if (status.getStatusCode() == 405 && original.getHeaderString(HttpHeaders.ALLOW) == null) {
      allowed.forPath(uri.getPath()).ifPresent(value -> builder.header(HttpHeaders.ALLOW, value));
    }
    return builder.build();
  }

  // declared for the subtype too: the JSON extension maps it itself, and the most specific wins
  @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
  public Response malformedBody(JsonProcessingException e, UriInfo uri) {
    // Jackson's message can quote the offending text, which may be a parameter: never log it
    LOG.debugf(
        "malformed request body (%s) at %s",
        e.getClass().getSimpleName(),
        e.getLocation() == null ? "?" : e.getLocation().offsetDescription());
    String detail = "The request body is not valid JSON.";
    List<Problem.FieldError> errors = List.of();
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = jsonPath(mismatch.getPath());
      detail = "A value in the request body has the wrong type or form.";
      errors = List.of(new Problem.FieldError(field, "wrong type or form"));
    }
    return Problems.response(
            Status.BAD_REQUEST,
            ProblemTypes.MALFORMED_BODY,
            "Malformed request body",
            detail,
            path(uri),
            errors)
        .build();
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors = ViolationFields.of(e);
    if (errors.isEmpty()) {
      // only the return value of our own code was invalid: a server bug, not a bad request
      return unexpected(e, uri);
    }
    LOG.debugf("invalid request: %s", errors);
    return Problems.response(
            Status.BAD_REQUEST,
            ProblemTypes.VALIDATION,
            "Invalid request",
            "The request has " + errors.size() + " invalid field(s).",
            path(uri),
            errors)
        .build();
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e, UriInfo uri) {
    // the reason (expired, bad signature, wrong issuer...) is logged, not told to the caller
    LOG.debugf("authentication failed on %s: %s", path(uri), e.getMessage());
    String challenge =
        e instanceof AuthenticationFailedException
            ? BEARER_CHALLENGE + ", error=\"invalid_token\""
            : BEARER_CHALLENGE;
    return Problems.response(
            Status.UNAUTHORIZED, "A valid bearer token is required for this resource.", path(uri))
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    LOG.debugf("forbidden on %s", path(uri));
    return Problems.response(
            Status.FORBIDDEN, "The caller is not permitted to perform this action.", path(uri))
        .build();
  }

  /**
   * An action whose audit entry could not be written did not happen: its transaction rolled back
   * with the append. The caller learns only that the audit log is unavailable; the operator gets
   * the store's reason in the log.
   */
  @ServerExceptionMapper
  public Response auditUnavailable(AuditStoreException e, UriInfo uri) {
    Response response =
        Problems.response(
                Status.SERVICE_UNAVAILABLE,
                ProblemTypes.AUDIT_UNAVAILABLE,
                "Audit log unavailable",
                "The action could not be recorded in the audit log, so it was not carried out."
                    + " Try again later.",
                path(uri),
                List.of())
            .header(HttpHeaders.RETRY_AFTER, seconds(UNAVAILABLE_RETRY_AFTER))
            .build();
    LOG.errorf(
        "audit log unavailable on %s, traceId=%s: %s",
        path(uri), ((Problem) response.getEntity()).traceId(), e.getMessage());
    return response;
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    if (PoolExhaustion.causedBy(e)) {
      LOG.warnf("database connection pool exhausted on %s", path(uri));
      return domain(PoolExhaustion.problem(), uri);
    }
    if (tooManyFormFields(e)) {
      LOG.debugf("form with too many fields at %s", path(uri));
      return Problems.response(
              Status.REQUEST_ENTITY_TOO_LARGE,
              BodyLimits.TOO_LARGE,
              "Request body too large",
              "The form has more fields than this platform accepts.",
              path(uri),
              List.of())
          .build();
    }
    if (malformedForm(e)) {
      LOG.debugf("malformed form body at %s: %s", path(uri), e.getMessage());
      return Problems.response(
              Status.BAD_REQUEST,
              ProblemTypes.MALFORMED_BODY,
              "Malformed request body",
              "The request body is not a well-formed form.",
              path(uri),
              List.of())
          .build();
    }
    Response.ResponseBuilder builder =
        Problems.response(
            Status.INTERNAL_SERVER_ERROR,
            "An unexpected error occurred. Quote the trace id to the platform operator.",
            path(uri));
    Response response = builder.build();
    String traceId = ((Problem) response.getEntity()).traceId();
    LOG.errorf(e, "unexpected error on %s, traceId=%s", path(uri), traceId);
    return response;
  }

  /**
   * A form body the framework could not parse: a multipart body cut short before its closing
   * boundary, not multipart inside, or with a part in a charset that does not exist; a URL-encoded
   * body with a bad percent escape. It fails while the body is read, before any endpoint runs, as
   * the framework's {@code MalformedMessageException}, or thrown from its form parsers as an {@code
   * IOException}, an {@code IllegalArgumentException} (the escape), or a {@code RuntimeException}
   * around an {@code UnsupportedEncodingException}. The client's fault, so a 400, not an unexpected
   * error.
   */
  static boolean malformedForm(Throwable e) {
    if (e instanceof MultipartParser.MalformedMessageException) {
      return true;
    }
    StackTraceElement[] trace = e.getStackTrace();
    if (trace.length == 0) {
      return false;
    }
    // thrown by the parser itself: an IOException from deeper down (a temporary file that cannot
    // be written) is the server's, not the client's
    boolean byParser = trace[0].getClassName().startsWith(FORM_PARSERS);
    if (e instanceof IOException) {
      return byParser;
    }
    if (e.getClass() == RuntimeException.class) {
      return byParser && e.getCause() instanceof UnsupportedEncodingException;
    }
    if (e instanceof IllegalArgumentException) {
      // thrown by the URL decoder that the URL-encoded parser calls
      for (int i = 1; i < Math.min(trace.length, 8); i++) {
        if (trace[i].getClassName().startsWith(FORM_PARSERS)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A multipart form with more parts than {@code quarkus.http.limits.max-parameters}: the
   * framework's form store throws a bare {@code RuntimeException} ("Param limit of … was exceeded")
   * while the body is read. A bare one from there with no cause; a failure to write a part to disk
   * carries its {@code IOException} as the cause and stays a server error.
   */
  static boolean tooManyFormFields(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return e.getClass() == RuntimeException.class
        && e.getCause() == null
        && trace.length > 0
        && trace[0].getClassName().equals(FORM_DATA);
  }

  /** Whole seconds, rounded up, at least one: the delta-seconds form of {@code Retry-After}. */
  static String seconds(Duration delay) {
    long millis = Math.max(1, delay.toMillis());
    return Long.toString((millis + 999) / 1000);
  }

  private static void logClientOrServerError(Response.StatusType status, Throwable e) {
    if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
      LOG.errorf(e, "server error %d", status.getStatusCode());
    } else {
      LOG.debugf("client error %d: %s", status.getStatusCode(), e.getMessage());
    }
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }

  private static String jsonPath(List<JsonMappingException.Reference> references) {
    return "body"
        + references.stream()
            .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining());
  }
}
