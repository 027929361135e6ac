package org.capenv.api.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a portal endpoint that scripts call for JSON (upload, live status): its errors stay
 * problem+json instead of becoming an HTML error page.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PortalJson {}
