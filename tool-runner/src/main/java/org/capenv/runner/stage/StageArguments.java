package org.capenv.runner.stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.capenv.runner.spec.InvalidRunSpecException;
import org.capenv.runner.spec.Names;

/**
 * Parses the arguments the Job gives {@code capenv-stage} (see {@code JobFactory}). Strict: an
 * unknown or repeated option, a missing one, a name that is not one safe path segment or a
 * malformed hash refuses the whole command, since it means the Job and the stager disagree.
 */
final class StageArguments {
  static final String USAGE =
      "usage: capenv-stage fetch --url URL --run ID --token-file FILE --dest DIR"
          + " [--install-exec FILE] [--exec-source FILE] [--ca-file PEM]"
          + " [--input NAME=sha256:HEX:SIZE]...\n"
          + "       capenv-stage upload --url URL --run ID --token-file FILE --src DIR"
          + " --max-total BYTES --manifest FILE [--ca-file PEM] [--output NAME:MAXBYTES]...";

  private static final Pattern INPUT = Pattern.compile("sha256:([0-9a-f]{64}):([0-9]{1,18})");
  private static final Pattern BYTES = Pattern.compile("[0-9]{1,18}");
  private static final Set<String> COMMON = Set.of("--url", "--run", "--token-file", "--ca-file");
  private static final Set<String> FETCH = Set.of("--dest", "--install-exec", "--exec-source");
  private static final Set<String> UPLOAD = Set.of("--src", "--max-total", "--manifest");

  private final Map<String, String> single = new LinkedHashMap<>();
  private final List<String> repeated = new ArrayList<>();

  private StageArguments() {}

  /** The command with every option checked. */
  static StageCommand parse(String[] args) throws StageException {
    if (args.length == 0) {
      throw StageException.usage("no command");
    }
    boolean fetch = args[0].equals("fetch");
    if (!fetch && !args[0].equals("upload")) {
      throw StageException.usage("unknown command '" + printable(args[0]) + "'");
    }
    StageArguments parsed = new StageArguments();
    parsed.read(args, fetch ? FETCH : UPLOAD, fetch ? "--input" : "--output");
    StagingTarget target =
        new StagingTarget(
            StagingTarget.checkedUrl(parsed.required("--url")),
            runId(parsed.required("--run")),
            Path.of(parsed.required("--token-file")),
            parsed.optional("--ca-file").map(Path::of));
    return fetch ? parsed.fetch(target) : parsed.upload(target);
  }

  private void read(String[] args, Set<String> own, String repeatable) throws StageException {
    for (int i = 1; i < args.length; i += 2) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw StageException.usage(printable(option) + " needs a value");
      }
      String value = args[i + 1];
      if (option.equals(repeatable)) {
        repeated.add(value);
      } else if (COMMON.contains(option) || own.contains(option)) {
        if (single.put(option, value) != null) {
          throw StageException.usage(option + " given twice");
        }
      } else {
        throw StageException.usage("unknown option '" + printable(option) + "'");
      }
    }
  }

  private FetchOptions fetch(StagingTarget target) throws StageException {
    List<FetchOptions.InputSpec> inputs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String value : repeated) {
      int equals = value.indexOf('=');
      Matcher m = INPUT.matcher(equals < 0 ? "" : value.substring(equals + 1));
      if (!m.matches()) {
        throw StageException.usage("--input must be NAME=sha256:HEX:SIZE, got " + printable(value));
      }
      String name = fileName("input", value.substring(0, equals));
      if (!names.add(name)) {
        throw StageException.usage("input " + name + " declared twice");
      }
      inputs.add(new FetchOptions.InputSpec(name, m.group(1), Long.parseLong(m.group(2))));
    }
    return new FetchOptions(
        target,
        Path.of(required("--dest")),
        inputs,
        optional("--install-exec").map(Path::of),
        optional("--exec-source").map(Path::of).orElse(FetchOptions.EXEC_SOURCE));
  }

  private UploadOptions upload(StagingTarget target) throws StageException {
    List<UploadOptions.OutputSpec> outputs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String value : repeated) {
      int colon = value.lastIndexOf(':');
      if (colon < 0) {
        throw StageException.usage("--output must be NAME:MAXBYTES, got " + printable(value));
      }
      String name = fileName("output", value.substring(0, colon));
      if (!names.add(name)) {
        throw StageException.usage("output " + name + " declared twice");
      }
      outputs.add(new UploadOptions.OutputSpec(name, bytes("--output " + name, value, colon + 1)));
    }
    String maxTotal = required("--max-total");
    return new UploadOptions(
        target,
        Path.of(required("--src")),
        bytes("--max-total", maxTotal, 0),
        Path.of(required("--manifest")),
        outputs);
  }

  private String required(String option) throws StageException {
    String value = single.get(option);
    if (value == null || value.isEmpty()) {
      throw StageException.usage(option + " is required");
    }
    return value;
  }

  private Optional<String> optional(String option) {
    return Optional.ofNullable(single.get(option));
  }

  private static long bytes(String what, String text, int from) throws StageException {
    String digits = text.substring(from);
    if (!BYTES.matcher(digits).matches()) {
      throw StageException.usage(what + " needs a byte count, got " + printable(digits));
    }
    return Long.parseLong(digits);
  }

  private static String runId(String value) throws StageException {
    try {
      return Names.runId(value);
    } catch (InvalidRunSpecException e) {
      throw StageException.usage("--run: " + printable(e.getMessage()));
    }
  }

  private static String fileName(String what, String value) throws StageException {
    try {
      return Names.file(what + " name", value);
    } catch (InvalidRunSpecException e) {
      throw StageException.usage(printable(e.getMessage()));
    }
  }

  /** Arguments are echoed in messages: control characters must not reach the log. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(200)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
