package org.capenv.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the constant patterns of CEL's {@code matches} once, at load, instead of at every call.
 *
 * <p>CEL-Java's standard {@code matches} compiles its pattern with RE2/J on every evaluation, which
 * took about a fifth of a twenty-rule decision. Its binding cannot be replaced without redeclaring
 * the whole standard environment, so instead the checked AST of a bundle is rewritten: each {@code
 * matches} call whose pattern is a string literal is pointed at an overload of this class, which
 * looks the compiled pattern up. Calls with a computed pattern keep CEL's own overload.
 *
 * <p>Same result as CEL's own: the same library (RE2/J), the same default flags, and the same
 * partial-match or full-match choice from {@link CelOptions#enableRegexPartialMatch()}. A pattern
 * that does not compile is a load error here (see {@link #problems}), where CEL would fail every
 * evaluation of the rule; a pattern over {@link CelOptions#maxRegexProgramSize()} is left to CEL,
 * which rejects it at evaluation as before.
 */
final class ConstantRegexes {
  /** Receiver-style {@code s.matches(re)}; CEL's own overload is {@code matches_string}. */
  static final String MEMBER_OVERLOAD = "capenv_matches_string_precompiled";

  /** Global {@code matches(s, re)}; CEL's own overload is {@code matches}. */
  static final String GLOBAL_OVERLOAD = "capenv_matches_precompiled";

  /**
   * Compiled patterns by source text. A compiled RE2/J pattern is immutable and depends only on its
   * text, so one map serves every bundle, and a bundle reload cannot make an entry stale. Only
   * string literals of loaded policy files enter it, so it stays as small as the policies.
   */
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  private ConstantRegexes() {}

  /** The runtime bindings of the two precompiled overloads. */
  static List<CelFunctionBinding> bindings(CelOptions options) {
    boolean partial = options.enableRegexPartialMatch();
    return List.of(
        CelFunctionBinding.from(
            MEMBER_OVERLOAD, String.class, String.class, (s, re) -> matches(s, re, partial)),
        CelFunctionBinding.from(
            GLOBAL_OVERLOAD, String.class, String.class, (s, re) -> matches(s, re, partial)));
  }

  /**
   * The invalid constant patterns of a checked condition, in CEL's error format ({@code ERROR:
   * <input>:line:column: ...}); empty if every constant pattern compiles.
   */
  static List<String> problems(CelAbstractSyntaxTree checked) {
    List<String> problems = new ArrayList<>();
    for (ConstantCall c : constantCalls(checked)) {
      try {
        Pattern.compile(c.pattern());
      } catch (PatternSyntaxException e) {
        problems.add(
            "ERROR: <input>:"
                + location(checked, c.patternExpr())
                + ": invalid regular expression '"
                + c.pattern()
                + "': "
                + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * The same AST with every {@code matches} call on a string literal pointed at a precompiled
   * overload, the patterns compiled. Expressions, types and source are shared, not copied.
   */
  static CelAbstractSyntaxTree precompile(CelAbstractSyntaxTree checked, CelOptions options) {
    Map<Long, CelReference> references = new HashMap<>(checked.getReferenceMap());
    int maxProgramSize = options.maxRegexProgramSize();
    for (ConstantCall c : constantCalls(checked)) {
      Pattern compiled;
      try {
        compiled = COMPILED.computeIfAbsent(c.pattern(), Pattern::compile);
      } catch (PatternSyntaxException e) {
        continue; // refused at load by problems(); CEL's own overload would report it
      }
      if (maxProgramSize >= 0 && compiled.programSize() > maxProgramSize) {
        continue; // CEL's own overload enforces the limit at evaluation
      }
      String overload = c.member() ? MEMBER_OVERLOAD : GLOBAL_OVERLOAD;
      references.put(
          c.call().id(),
          CelReference.newBuilder().setName("matches").addOverloadIds(overload).build());
    }
    return CelAbstractSyntaxTree.newCheckedAst(
        checked.getExpr(), checked.getSource(), references, checked.getTypeMap());
  }

  private static boolean matches(String s, String re, boolean partial) {
    Pattern p = COMPILED.get(re);
    if (p == null) {
      // only literals that precompile() compiled are routed here; compile rather than fail
      p = Pattern.compile(re);
    }
    return partial ? p.matcher(s).find() : p.matcher(s).matches();
  }

  private static List<ConstantCall> constantCalls(CelAbstractSyntaxTree checked) {
    List<ConstantCall> calls = new ArrayList<>();
    CelNavigableAst.fromAst(checked)
        .getRoot()
        .allNodes()
        .forEach(
            n -> {
              CelExpr e = n.expr();
              if (e.getKind() != CelExpr.ExprKind.Kind.CALL) {
                return;
              }
              Optional<CelReference> ref = checked.getReference(e.id());
              List<String> ids = ref.map(CelReference::overloadIds).orElse(null);
              CelExpr.CelCall call = e.call();
              boolean member = List.of("matches_string").equals(ids) && call.args().size() == 1;
              boolean global = List.of("matches").equals(ids) && call.args().size() == 2;
              if (!member && !global) {
                return;
              }
              CelExpr pattern = call.args().get(member ? 0 : 1);
              if (pattern.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                  && pattern.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                calls.add(new ConstantCall(e, pattern, pattern.constant().stringValue(), member));
              }
            });
    return calls;
  }

  private static String location(CelAbstractSyntaxTree ast, CelExpr expr) {
    Integer offset = ast.getSource().getPositionsMap().get(expr.id());
    if (offset == null) {
      return "?";
    }
    CelSourceLocation at = ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.NONE);
    return at.getLine() + ":" + (at.getColumn() + 1);
  }

  private record ConstantCall(CelExpr call, CelExpr patternExpr, String pattern, boolean member) {}
}
