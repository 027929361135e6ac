package org.capenv.audit.merkle;

import java.util.HexFormat;

/** Lower-case hex, for hashes in messages and text formats. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  public static String of(byte[] bytes) {
    return bytes == null ? "(none)" : HEX.formatHex(bytes);
  }

  public static byte[] parse(String hex) {
    return HEX.parseHex(hex);
  }
}
