package org.capenv.runner.stage;

/** A parsed {@code capenv-stage} command. */
sealed interface StageCommand permits FetchOptions, UploadOptions {
  StagingTarget target();
}
