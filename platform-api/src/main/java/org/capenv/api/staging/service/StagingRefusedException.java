package org.capenv.api.staging.service;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.capenv.api.common.ProblemException;

/**
 * A staging request refused. The detail never says whether a token exists for another run: a caller
 * learns only that its credential does not allow this request.
 */
public class StagingRefusedException extends ProblemException {
  private static final long serialVersionUID = 1L;

  StagingRefusedException(Response.StatusType status, URI type, String title, String detail) {
    super(status, type, title, detail);
  }

  /** Whether the response must carry a Bearer challenge (RFC 6750). */
  public boolean challenge() {
    return status().getStatusCode() == Response.Status.UNAUTHORIZED.getStatusCode();
  }
}
