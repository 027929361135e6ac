package org.capenv.api.e2e;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A cookie jar that behaves like a browser on {@code http://localhost}: browsers treat localhost as
 * a secure context and send {@code Secure} cookies to it, which Java's {@link CookieManager} does
 * not. Keycloak marks its login cookies {@code Secure}, so without this the login form answers
 * "cookie not found".
 */
final class LocalhostCookies extends CookieHandler {
  private static final Pattern SECURE = Pattern.compile("(?i);\\s*Secure\\s*(?=;|$)");
  private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders)
      throws IOException {
    return jar.get(uri, requestHeaders);
  }

  @Override
  public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
    if (!"localhost".equals(uri.getHost())) {
      jar.put(uri, responseHeaders);
      return;
    }
    Map<String, List<String>> headers = new HashMap<>();
    responseHeaders.forEach(
        (name, values) -> {
          boolean setCookie = name != null && name.equalsIgnoreCase("Set-Cookie");
          headers.put(
              name,
              setCookie
                  ? values.stream().map(v -> SECURE.matcher(v).replaceAll("")).toList()
                  : values);
        });
    jar.put(uri, headers);
  }
}
