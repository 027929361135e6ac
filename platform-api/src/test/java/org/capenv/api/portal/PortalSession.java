package org.capenv.api.portal;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser as the portal tests need it: opens a page, keeps the CSRF cookie it was
 * given, and posts forms with the token from the page's hidden field.
 */
final class PortalSession {
  private static final Pattern TOKEN =
      Pattern.compile("name=\"csrf-token\" value=\"([A-Za-z0-9_-]+)\"");

  private String cookie;
  private String token;

  /** Opens a page and remembers its form token. */
  Response open(String path) {
    RequestSpecification request = given().redirects().follow(false);
    if (cookie != null) {
      request.cookie("csrf-token", cookie);
    }
    Response page = request.get(path);
    String set = page.getCookie("csrf-token");
    if (set != null) {
      cookie = set;
    }
    Matcher m = TOKEN.matcher(page.asString());
    if (m.find()) {
      token = m.group(1);
    }
    return page;
  }

  /** A request carrying the CSRF cookie, without the token field. */
  RequestSpecification withCookieOnly() {
    return given().redirects().follow(false).cookie("csrf-token", cookie);
  }

  /** A form post with the cookie and the token, as the browser would send it. */
  RequestSpecification form() {
    return withCookieOnly().formParam("csrf-token", token);
  }

  /** A multipart post with the cookie and the token. */
  RequestSpecification multipart() {
    return withCookieOnly().multiPart("csrf-token", token);
  }

  String token() {
    return token;
  }
}
