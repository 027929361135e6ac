package org.capenv.policy;

import java.util.List;

/**
 * The orders of vetting levels and data classifications, as integers that CEL rules compare.
 *
 * <p>Vetting: {@code NPPV1}=1 &lt; {@code NPPV2}=2 &lt; {@code NPPV3}=3. Classification: {@code
 * OFFICIAL}=1 &lt; {@code OFFICIAL-SENSITIVE}=2 &lt; {@code SECRET}=3. Any other value, including a
 * missing one, ranks 0: for vetting that is below every level (fails closed by itself); for a
 * classification the shipped rules deny rank 0 explicitly, since 0 would otherwise sit below
 * OFFICIAL.
 */
public final class Ranks {
  /** Rank of an unrecognised or missing label. */
  public static final int UNKNOWN = 0;

  private static final List<String> VETTING = List.of("NPPV1", "NPPV2", "NPPV3");
  private static final List<String> CLASSIFICATION =
      List.of("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET");

  private Ranks() {}

  /** Rank of a vetting level (exact, case-sensitive match), or {@link #UNKNOWN}. */
  public static int vetting(String level) {
    return VETTING.indexOf(level) + 1;
  }

  /** Rank of a data classification (exact, case-sensitive match), or {@link #UNKNOWN}. */
  public static int classification(String classification) {
    return CLASSIFICATION.indexOf(classification) + 1;
  }
}
