/** Tool manifests: the model, its JSON Schema, validation and the review lifecycle rules. */
package org.capenv.catalog;
