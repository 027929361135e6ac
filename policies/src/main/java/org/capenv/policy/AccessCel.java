package org.capenv.policy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL environment of access rules: typed variables {@code user}, {@code tool}, {@code request},
 * {@code env}, and the functions {@code vettingRank(string)} and {@code
 * classificationRank(string)}.
 *
 * <p>The variables are declared as struct types, not as {@code map(string, dyn)}, so that a typo in
 * a field name or a comparison of a rank with a string fails when the bundle loads, not when a
 * request arrives. At run time the values are plain maps (see {@link AccessVariables}).
 */
final class AccessCel {
  static final StructType USER =
      struct(
          "capenv.User",
          Map.of(
              "subject", SimpleType.STRING,
              "username", SimpleType.STRING,
              "force", SimpleType.STRING,
              "roles", ListType.create(SimpleType.STRING),
              "vetting", SimpleType.STRING,
              "vettingRank", SimpleType.INT,
              "client", SimpleType.STRING,
              "dataScope", SimpleType.STRING));
  static final StructType TOOL =
      struct(
          "capenv.Tool",
          Map.of(
              "name", SimpleType.STRING,
              "version", SimpleType.STRING,
              "classification", SimpleType.STRING,
              "classificationRank", SimpleType.INT,
              "minimumVetting", SimpleType.STRING,
              "minimumVettingRank", SimpleType.INT,
              "allowedRoles", ListType.create(SimpleType.STRING),
              "allowedForces", ListType.create(SimpleType.STRING)));
  static final StructType REQUEST =
      struct(
          "capenv.Request",
          Map.of(
              "purpose", SimpleType.STRING,
              "caseReference", SimpleType.STRING,
              "classification", SimpleType.STRING,
              "classificationRank", SimpleType.INT,
              "inputBytes", SimpleType.INT));
  static final StructType ENV =
      struct(
          "capenv.Env",
          Map.of(
              "now",
              SimpleType.TIMESTAMP,
              "settings",
              MapType.create(SimpleType.STRING, SimpleType.STRING)));

  /** Options of every access environment; also decide how {@code matches} matches. */
  static final CelOptions OPTIONS =
      CelOptions.current().enableCompileTimeOverloadResolution(true).build();

  private AccessCel() {}

  /**
   * Builds the environment; thread-safe once built, so one instance serves all rules.
   *
   * @param resultType {@code bool} for a rule, {@code list(bool)} for the whole bundle at once
   */
  static Cel create(CelType resultType) {
    ImmutableList<CelType> types = ImmutableList.of(USER, TOOL, REQUEST, ENV);
    CelTypeProvider typeProvider =
        new CelTypeProvider() {
          @Override
          public ImmutableList<CelType> types() {
            return types;
          }

          @Override
          public Optional<CelType> findType(String typeName) {
            return types.stream().filter(t -> t.name().equals(typeName)).findFirst();
          }
        };
    return CelFactory.standardCelBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(CelExtensions.strings())
        .addRuntimeLibraries(CelExtensions.strings())
        .setTypeProvider(typeProvider)
        .addVar("user", USER)
        .addVar("tool", TOOL)
        .addVar("request", REQUEST)
        .addVar("env", ENV)
        .addFunctionDeclarations(
            CelFunctionDecl.newFunctionDeclaration(
                "vettingRank",
                CelOverloadDecl.newGlobalOverload(
                    "vettingRank_string", SimpleType.INT, SimpleType.STRING)),
            CelFunctionDecl.newFunctionDeclaration(
                "classificationRank",
                CelOverloadDecl.newGlobalOverload(
                    "classificationRank_string", SimpleType.INT, SimpleType.STRING)))
        .addFunctionBindings(
            CelFunctionBinding.from(
                "vettingRank_string", String.class, s -> (long) Ranks.vetting(s)),
            CelFunctionBinding.from(
                "classificationRank_string", String.class, s -> (long) Ranks.classification(s)))
        .addFunctionBindings(ConstantRegexes.bindings(OPTIONS))
        .setResultType(resultType)
        .build();
  }

  private static StructType struct(String name, Map<String, CelType> fields) {
    Map<String, CelType> copy = new LinkedHashMap<>(fields);
    return StructType.create(
        name, ImmutableSet.copyOf(copy.keySet()), f -> Optional.ofNullable(copy.get(f)));
  }
}
