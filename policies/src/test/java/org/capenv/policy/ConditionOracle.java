package org.capenv.policy;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;

/**
 * One condition both ways: CEL-Java's interpreter (the reference) and its compiled form. An outcome
 * is {@code "true"}, {@code "false"} or {@code "error"}: whether a rule holds or fails is what a
 * decision depends on (its error message always comes from CEL).
 */
final class ConditionOracle {
  private static final Cel CEL = AccessCel.create(SimpleType.BOOL);

  final String condition;
  final Program program;
  final CompiledCondition compiled;

  private ConditionOracle(String condition, Program program, CompiledCondition compiled) {
    this.condition = condition;
    this.program = program;
    this.compiled = compiled;
  }

  /** Compiles the condition; fails the test if it is outside the compiled subset. */
  static ConditionOracle of(String condition) {
    try {
      CelAbstractSyntaxTree ast = CEL.compile(condition).getAst();
      CompiledCondition compiled =
          ConditionCompiler.compile(ast, AccessCel.OPTIONS.enableRegexPartialMatch());
      return new ConditionOracle(condition, CEL.createProgram(ast), compiled);
    } catch (CelValidationException | CelEvaluationException | ConditionCompiler.Unsupported e) {
      throw new AssertionError(condition + ": " + e.getMessage(), e);
    }
  }

  /** Why the condition is outside the subset, or null if it compiles. */
  static String unsupported(String condition) throws CelValidationException {
    try {
      ConditionCompiler.compile(
          CEL.compile(condition).getAst(), AccessCel.OPTIONS.enableRegexPartialMatch());
      return null;
    } catch (ConditionCompiler.Unsupported e) {
      return e.getMessage();
    }
  }

  String cel(PolicyInput in) {
    try {
      return String.valueOf(program.eval(AccessVariables.of(in)));
    } catch (CelEvaluationException e) {
      return "error";
    }
  }

  String compiled(PolicyInput in) {
    try {
      return String.valueOf(compiled.test(in));
    } catch (EvalError e) {
      return "error";
    }
  }
}
