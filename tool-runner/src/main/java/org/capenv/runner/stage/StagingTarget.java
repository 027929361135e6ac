package org.capenv.runner.stage;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where and as whom a staging container talks to the platform.
 *
 * @param url base URL of the staging API: {@code https}, or {@code http} to a loopback address only
 *     (tests; nothing can listen there in a run's pod but the pod itself)
 * @param runId the run whose inputs or outputs are moved
 * @param tokenFile file holding the run's single-use token for this direction
 * @param caFile PEM bundle of the only certificate authorities to trust, or empty for the JVM's
 */
public record StagingTarget(URI url, String runId, Path tokenFile, Optional<Path> caFile) {

  /** The URL of one input or output of the run. */
  URI resource(String kind, String name) {
    String base = url.toString();
    String prefix = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(prefix + "/staging/runs/" + runId + "/" + kind + "/" + name);
  }

  static URI checkedUrl(String text) throws StageException {
    URI url;
    try {
      url = new URI(text);
    } catch (Exception e) {
      throw StageException.usage("--url is not a URL");
    }
    if (url.getHost() == null
        || url.getRawUserInfo() != null
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw StageException.usage("--url must be scheme://host[:port][/path], got " + text);
    }
    if ("https".equals(url.getScheme())) {
      return url;
    }
    if ("http".equals(url.getScheme()) && loopback(url.getHost())) {
      return url;
    }
    throw StageException.usage(
        "--url must be https (plain http only to a loopback address), got " + text);
  }

  /** A literal loopback address or {@code localhost}; never a name that needs DNS. */
  private static boolean loopback(String host) {
    if ("localhost".equals(host)) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
