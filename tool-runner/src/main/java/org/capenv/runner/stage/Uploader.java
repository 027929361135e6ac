package org.capenv.runner.stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.capenv.runner.Sha256;

/**
 * {@code capenv-stage upload}: checks everything in the output folder before sending anything
 * (regular, singly linked files with declared names, each within its limit, the total within the
 * run's; a symbolic link, folder, FIFO, device, socket, hard link or undeclared name refuses the
 * whole upload, as the local sandbox does), then hashes and uploads each file, and accepts the
 * platform's receipt only if its hash and size equal its own. The manifest is written last, only
 * when every output was accepted: a run without a manifest never counts as complete.
 */
final class Uploader {
  private final UploadOptions options;
  private final StagingClient client;
  private final PrintStream log;

  Uploader(UploadOptions options, StagingClient client, PrintStream log) {
    this.options = options;
    this.client = client;
    this.log = log;
  }

  /** The manifest entries of the outputs uploaded, in name order. */
  List<OutputManifestEntry> run() throws StageException {
    Map<String, Long> found = scan();
    String placeholder = OutputManifestEntry.json(placeholders(found));
    if (placeholder.getBytes(StandardCharsets.UTF_8).length > OutputManifestEntry.MAX_BYTES) {
      throw StageException.data(
          "the manifest of " + found.size() + " outputs would not fit the termination message");
    }
    List<OutputManifestEntry> uploaded = new ArrayList<>();
    for (Map.Entry<String, Long> output : found.entrySet()) {
      uploaded.add(upload(output.getKey(), output.getValue()));
    }
    try {
      Files.writeString(
          options.manifest(),
          OutputManifestEntry.json(uploaded),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StageException(
          StageException.IO, "cannot write the manifest to " + options.manifest() + ": " + e, e);
    }
    log.printf("capenv-stage: manifest of %d outputs written%n", uploaded.size());
    return uploaded;
  }

  private Map<String, Long> scan() throws StageException {
    Map<String, Long> limits = new TreeMap<>();
    options.outputs().forEach(o -> limits.put(o.name(), o.maxBytes()));
    Map<String, Long> found = new TreeMap<>();
    Path src = options.src();
    try {
      if (!Files.readAttributes(src, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isDirectory()) {
        throw StageException.usage("--src " + src + " is not a folder (or is a symbolic link)");
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(src)) {
        for (Path entry : entries) {
          String name = StageArguments.printable(entry.getFileName().toString());
          BasicFileAttributes attributes =
              Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (!attributes.isRegularFile()) {
            throw StageException.data(name + " is not a regular file (" + kind(attributes) + ")");
          }
          Object links = Files.getAttribute(entry, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
          if (links instanceof Integer count && count != 1) {
            throw StageException.data(name + " is a hard link");
          }
          Long limit = limits.get(entry.getFileName().toString());
          if (limit == null) {
            throw StageException.data(name + " is not a declared output");
          }
          if (attributes.size() > limit) {
            throw StageException.data(
                name + " has " + attributes.size() + " bytes, its limit is " + limit);
          }
          found.put(entry.getFileName().toString(), attributes.size());
        }
      }
    } catch (IOException e) {
      throw new StageException(StageException.IO, "cannot read --src " + src + ": " + e, e);
    }
    long total = found.values().stream().mapToLong(Long::longValue).sum();
    if (total > options.maxTotal()) {
      throw StageException.data(
          "outputs total " + total + " bytes, the run's limit is " + options.maxTotal());
    }
    return found;
  }

  private OutputManifestEntry upload(String name, long size) throws StageException {
    Path file = options.src().resolve(name);
    Sha256.Hashed own;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      own = Sha256.of(in);
    } catch (IOException e) {
      throw new StageException(StageException.IO, "cannot read output " + name + ": " + e, e);
    }
    if (own.size() != size) {
      throw StageException.data("output " + name + " changed while being uploaded");
    }
    HttpResponse<InputStream> response =
        client.upload(
            name,
            () -> {
              try {
                return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            size);
    if (response.statusCode() != 201) {
      throw StagingClient.refusal("upload output " + name, response);
    }
    Map<?, ?> receipt = receipt(name, response);
    if (!name.equals(receipt.get("name"))
        || !own.hex().equals(receipt.get("sha256"))
        || !(receipt.get("size") instanceof Number received)
        || received.longValue() != own.size()) {
      throw StageException.data(
          "output "
              + name
              + ": the platform received "
              + StageArguments.printable(String.valueOf(receipt.get("sha256")))
              + " ("
              + StageArguments.printable(String.valueOf(receipt.get("size")))
              + " bytes), the stager sent sha256 "
              + own.hex()
              + " ("
              + own.size()
              + " bytes)");
    }
    log.printf("capenv-stage: output %s uploaded (%d bytes, sha256 %s)%n", name, size, own.hex());
    return new OutputManifestEntry(name, own.hex(), own.size());
  }

  private static Map<?, ?> receipt(String name, HttpResponse<InputStream> response)
      throws StageException {
    try (InputStream in = response.body()) {
      Object parsed = Json.parse(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
      if (parsed instanceof Map<?, ?> map) {
        return map;
      }
    } catch (IOException | IllegalArgumentException e) {
      // reported below
    }
    throw new StageException(
        StageException.UNAVAILABLE, "output " + name + ": the platform's receipt is not JSON");
  }

  private static List<OutputManifestEntry> placeholders(Map<String, Long> found) {
    List<OutputManifestEntry> entries = new ArrayList<>();
    found.forEach((name, size) -> entries.add(new OutputManifestEntry(name, "0".repeat(64), size)));
    return entries;
  }

  private static String kind(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "symbolic link";
    }
    return attributes.isDirectory() ? "folder" : "special file";
  }
}
