package org.capenv.catalog.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a folder of manifests ({@code capenv.catalog.dir}): every regular {@code *.yaml}, {@code
 * *.yml} and {@code *.json} file directly in it, in file-name order. All or nothing: one invalid
 * file, or two files for the same {@code name@version}, and nothing is returned, so that a local
 * bootstrap never imports half a catalogue.
 */
public final class ManifestDirectory {

  private ManifestDirectory() {}

  /**
   * @throws ManifestValidationException naming the file and its violations
   * @throws IOException when the folder or a file cannot be read
   */
  public static List<ToolManifest> load(Path dir, ManifestParser parser)
      throws IOException, ManifestValidationException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(ManifestDirectory::isManifestName)
              .sorted()
              .toList();
    }
    List<ToolManifest> manifests = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      if (Files.size(file) > ManifestParser.MAX_MANIFEST_BYTES) {
        throw new ManifestValidationException(
            "manifest " + fileName,
            List.of(
                new ManifestViolation(
                    "", "size", "the limit is " + ManifestParser.MAX_MANIFEST_BYTES + " bytes")));
      }
      ToolManifest m;
      try {
        m = parser.parse(Files.readAllBytes(file));
      } catch (ManifestValidationException e) {
        throw new ManifestValidationException("manifest " + fileName, e.violations());
      }
      Path earlier = seen.putIfAbsent(m.coordinates(), file);
      if (earlier != null) {
        throw new ManifestValidationException(
            "manifest " + fileName,
            List.of(
                new ManifestViolation(
                    "/version",
                    "version-unique",
                    m.coordinates() + " is also defined by " + earlier.getFileName())));
      }
      manifests.add(m);
    }
    return List.copyOf(manifests);
  }

  private static boolean isManifestName(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }
}
