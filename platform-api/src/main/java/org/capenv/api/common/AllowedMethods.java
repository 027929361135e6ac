package org.capenv.api.common;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods the API's resources declare for a request path, for the {@code Allow} header that a
 * 405 must carry (RFC 9110 §15.5.6): Quarkus REST answers 405 without one. Built once from the
 * resource classes' {@code @Path} and method annotations; {@code HEAD} is listed wherever {@code
 * GET} is, since JAX-RS answers it from the {@code GET} method.
 */
@ApplicationScoped
public class AllowedMethods {
  private record Route(Pattern path, String method) {}

  private volatile List<Route> routes;

  /** The methods for {@code path} (decoded, from the root) as an Allow value, e.g. "GET, HEAD". */
  public Optional<String> forPath(String path) {
    String normalised = normalise(path);
    Set<String> methods = new TreeSet<>();
    for (Route route : routes()) {
      if (route.path().matcher(normalised).matches()) {
        methods.add(route.method());
        if (route.method().equals(HttpMethod.GET)) {
          methods.add(HttpMethod.HEAD);
        }
      }
    }
    return methods.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", methods));
  }

  private List<Route> routes() {
    List<Route> found = routes;
    if (found == null) {
      found = new ArrayList<>();
      for (Bean<?> bean :
          Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
        Path classPath = bean.getBeanClass().getAnnotation(Path.class);
        if (classPath != null) {
          addRoutes(found, bean.getBeanClass(), classPath.value());
        }
      }
      routes = List.copyOf(found);
    }
    return found;
  }

  private static void addRoutes(List<Route> routes, Class<?> resource, String classPath) {
    for (Method method : resource.getMethods()) {
      for (Annotation annotation : method.getAnnotations()) {
        HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
        if (http != null) {
          Path methodPath = method.getAnnotation(Path.class);
          String template = classPath + "/" + (methodPath == null ? "" : methodPath.value());
          routes.add(new Route(pattern(normalise(template)), http.value()));
        }
      }
    }
  }

  /**
   * A path template's pattern: each {@code {name}} (or {@code {name: regex}}) matches one segment
   * or the given regex; everything else literally.
   */
  static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        regex.append(Pattern.quote(template.substring(i)));
        break;
      }
      if (open > i) {
        regex.append(Pattern.quote(template.substring(i, open)));
      }
      int depth = 0;
      int close = open;
      for (; close < template.length(); close++) {
        char c = template.charAt(close);
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      String variable = template.substring(open + 1, close);
      int colon = variable.indexOf(':');
      regex.append('(').append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).trim());
      regex.append(')');
      i = close + 1;
    }
    return Pattern.compile(regex.toString());
  }

  /** One leading slash, no doubled or trailing slash. */
  static String normalise(String path) {
    String collapsed = ("/" + path).replaceAll("/{2,}", "/");
    return collapsed.length() > 1 && collapsed.endsWith("/")
        ? collapsed.substring(0, collapsed.length() - 1)
        : collapsed;
  }
}
