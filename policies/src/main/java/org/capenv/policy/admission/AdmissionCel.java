package org.capenv.policy.admission;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;

/**
 * The CEL environment of a ValidatingAdmissionPolicy, as far as this evaluator models it: {@code
 * object}, {@code oldObject}, {@code request}, {@code params}, {@code namespaceObject} and {@code
 * variables}, the standard macros, optional types and the strings extension. Kubernetes declares
 * {@code object} with the resource's OpenAPI schema; here it is {@code map(string, dyn)}, so a typo
 * in a field name is caught by evaluating a test Job, not at compile time. Kubernetes-only
 * libraries (authorizer, quantity, url, ip) are not declared: an expression using one fails to
 * load.
 */
final class AdmissionCel {
  private static final CelType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private AdmissionCel() {}

  static Cel create(CelType resultType) {
    return CelFactory.standardCelBuilder()
        .setOptions(CelOptions.current().enableOptionalSyntax(true).build())
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(CelExtensions.optional(), CelExtensions.strings())
        .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings())
        .addVar("object", OBJECT)
        .addVar("oldObject", SimpleType.DYN)
        .addVar("request", OBJECT)
        .addVar("params", SimpleType.DYN)
        .addVar("namespaceObject", SimpleType.DYN)
        .addVar("variables", OBJECT)
        .setResultType(resultType)
        .build();
  }
}
