package org.capenv.api.staging.persistence;

/** Which way a staging token moves files: inputs into the pod, or outputs out of it. */
public enum StagingDirection {
  FETCH,
  UPLOAD
}
