package org.capenv.api.blob;

/**
 * An uploaded file as the API returns it.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes: the name to use in a run's inputs
 * @param size bytes
 * @param mediaType the declared media type
 */
public record BlobView(String sha256, long size, String mediaType) {}
