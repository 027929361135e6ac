package org.capenv.policy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a checked access condition into a {@link CompiledCondition}, or says why it cannot.
 *
 * <p>The subset: literals of {@code int}, {@code string}, {@code bool}, lists and maps with
 * constant distinct keys; the declared fields of {@code user}, {@code tool}, {@code request},
 * {@code env} and {@code has()} on them; field selection and indexing of maps; the logical
 * operators and the conditional; comprehensions (so {@code all}, {@code exists}, {@code
 * exists_one}); equality of values whose Java {@code equals} is CEL's ({@code int}, {@code string},
 * {@code bool} and lists and maps of them); {@code in} over such lists and maps; the functions of
 * {@link EvalFunctions}. The checker has already resolved each call to one overload (compile-time
 * overload resolution is on), which is what this compiler dispatches on. Anything else, e.g. {@code
 * double}, {@code uint}, {@code dyn}, timestamps beyond {@code getHours}, string ordering, computed
 * patterns, throws {@link Unsupported}: the rule is then left to CEL.
 */
final class ConditionCompiler {
  private final CelAbstractSyntaxTree ast;
  private final boolean partialMatch;
  private final Deque<Map.Entry<String, Integer>> scope = new ArrayDeque<>();
  private int maxSlots;

  private ConditionCompiler(CelAbstractSyntaxTree ast, boolean partialMatch) {
    this.ast = ast;
    this.partialMatch = partialMatch;
  }

  /**
   * Compiles a checked {@code bool} condition.
   *
   * @param partialMatch whether {@code matches} finds (true) or matches the whole string, as CEL's
   *     {@code enableRegexPartialMatch} option
   * @throws Unsupported naming the first construct outside the subset
   */
  static CompiledCondition compile(CelAbstractSyntaxTree checked, boolean partialMatch)
      throws Unsupported {
    ConditionCompiler c = new ConditionCompiler(checked, partialMatch);
    EvalNode root = c.expr(checked.getExpr());
    return new CompiledCondition(root, c.maxSlots);
  }

  private EvalNode expr(CelExpr e) throws Unsupported {
    return switch (e.getKind()) {
      case CONSTANT -> constant(e.constant());
      case IDENT -> local(e.ident().name());
      case SELECT -> select(e);
      case CALL -> call(e);
      case LIST -> list(e);
      case MAP -> map(e);
      case COMPREHENSION -> comprehension(e);
      default -> throw new Unsupported("expression kind " + e.getKind());
    };
  }

  private static EvalNode constant(CelConstant c) throws Unsupported {
    Object v =
        switch (c.getKind()) {
          case INT64_VALUE -> c.int64Value();
          case STRING_VALUE -> c.stringValue();
          case BOOLEAN_VALUE -> c.booleanValue();
          default -> throw new Unsupported("constant of kind " + c.getKind());
        };
    return f -> v;
  }

  private EvalNode local(String name) throws Unsupported {
    for (Map.Entry<String, Integer> s : scope) {
      if (s.getKey().equals(name)) {
        int slot = s.getValue();
        return f -> f.slot(slot);
      }
    }
    throw new Unsupported("identifier '" + name + "' outside a field selection");
  }

  private EvalNode select(CelExpr e) throws Unsupported {
    CelExpr.CelSelect s = e.select();
    CelExpr operand = s.operand();
    if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT && !isLocal(operand.ident().name())) {
      EvalNode field = AccessFields.of(operand.ident().name(), s.field());
      if (field == null) {
        throw new Unsupported("selection " + operand.ident().name() + "." + s.field());
      }
      return s.testOnly() ? f -> true : field;
    }
    if (!(type(operand) instanceof MapType mt) || !mt.keyType().equals(SimpleType.STRING)) {
      throw new Unsupported("field selection on " + type(operand).name());
    }
    EvalNode map = expr(operand);
    String key = s.field();
    if (s.testOnly()) {
      return f -> EvalFunctions.map(map.eval(f)).containsKey(key);
    }
    EvalNode lookup = EvalFunctions.call("index_map", List.of(map, f -> key), null, partialMatch);
    return lookup;
  }

  private EvalNode call(CelExpr e) throws Unsupported {
    CelExpr.CelCall call = e.call();
    List<String> overloads = ast.getReference(e.id()).map(r -> r.overloadIds()).orElse(null);
    if (overloads == null || overloads.size() != 1) {
      throw new Unsupported("call of " + call.function() + " without one resolved overload");
    }
    String overload = overloads.get(0);
    List<CelExpr> argExprs = new ArrayList<>();
    call.target().ifPresent(argExprs::add);
    argExprs.addAll(call.args());
    List<EvalNode> args = new ArrayList<>();
    for (CelExpr a : argExprs) {
      args.add(expr(a));
    }
    EvalNode special = operator(overload, args, argExprs);
    if (special != null) {
      return special;
    }
    CelExpr last = argExprs.get(argExprs.size() - 1);
    String constant =
        last.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && last.constant().getKind() == CelConstant.Kind.STRING_VALUE
            ? last.constant().stringValue()
            : null;
    EvalNode node = EvalFunctions.call(overload, args, constant, partialMatch);
    if (node == null) {
      throw new Unsupported("function " + call.function() + " (overload " + overload + ")");
    }
    return node;
  }

  private EvalNode operator(String overload, List<EvalNode> args, List<CelExpr> argExprs)
      throws Unsupported {
    return switch (overload) {
      case "logical_and" -> EvalLogic.and(args.get(0), args.get(1));
      case "logical_or" -> EvalLogic.or(args.get(0), args.get(1));
      case "logical_not" -> EvalLogic.not(args.get(0));
      case "not_strictly_false" -> EvalLogic.notStrictlyFalse(args.get(0));
      case "conditional" -> EvalLogic.conditional(args.get(0), args.get(1), args.get(2));
      case "equals", "not_equals" -> {
        requireEquatable(type(argExprs.get(0)), type(argExprs.get(1)));
        EvalNode a = args.get(0);
        EvalNode b = args.get(1);
        boolean negate = overload.equals("not_equals");
        yield f -> a.eval(f).equals(b.eval(f)) != negate;
      }
      case "in_list" -> {
        CelType list = type(argExprs.get(1));
        CelType element = list instanceof ListType lt ? lt.elemType() : SimpleType.DYN;
        requireEquatable(type(argExprs.get(0)), element);
        EvalNode a = args.get(0);
        EvalNode b = args.get(1);
        yield f -> {
          Object value = a.eval(f);
          return EvalFunctions.list(b.eval(f)).contains(value);
        };
      }
      case "in_map" -> {
        CelType map = type(argExprs.get(1));
        CelType key = map instanceof MapType mt ? mt.keyType() : SimpleType.DYN;
        requireEquatable(type(argExprs.get(0)), key);
        EvalNode a = args.get(0);
        EvalNode b = args.get(1);
        yield f -> {
          Object value = a.eval(f);
          return EvalFunctions.map(b.eval(f)).containsKey(value);
        };
      }
      case "index_map" -> {
        CelType map = type(argExprs.get(0));
        CelType key = map instanceof MapType mt ? mt.keyType() : SimpleType.DYN;
        requireEquatable(key, type(argExprs.get(1)));
        yield null; // an ordinary strict function once the key type is known to be exact
      }
      default -> null;
    };
  }

  /**
   * Refuses equality (and membership) unless both sides have the same type whose Java {@code
   * equals} is CEL's equality: {@code int}, {@code string}, {@code bool}, lists and maps of them.
   * CEL compares numbers across types and {@code dyn} values at run time; Java would not.
   */
  private static void requireEquatable(CelType a, CelType b) throws Unsupported {
    if (!a.equals(b) || !exactEquals(a)) {
      throw new Unsupported("equality of " + a.name() + " and " + b.name());
    }
  }

  private static boolean exactEquals(CelType t) {
    if (t.equals(SimpleType.INT) || t.equals(SimpleType.STRING) || t.equals(SimpleType.BOOL)) {
      return true;
    }
    if (t instanceof ListType lt) {
      return exactEquals(lt.elemType());
    }
    if (t instanceof MapType mt) {
      return exactEquals(mt.keyType()) && exactEquals(mt.valueType());
    }
    return false;
  }

  private EvalNode list(CelExpr e) throws Unsupported {
    CelExpr.CelList l = e.list();
    if (!l.optionalIndices().isEmpty()) {
      throw new Unsupported("optional list element");
    }
    List<EvalNode> elements = new ArrayList<>();
    for (CelExpr x : l.elements()) {
      elements.add(expr(x));
    }
    EvalNode[] nodes = elements.toArray(EvalNode[]::new);
    return f -> {
      Object[] values = new Object[nodes.length];
      for (int i = 0; i < nodes.length; i++) {
        values[i] = nodes[i].eval(f);
      }
      return ImmutableList.copyOf(values);
    };
  }

  private EvalNode map(CelExpr e) throws Unsupported {
    Map<Object, EvalNode> entries = new LinkedHashMap<>();
    Set<Object> keys = new HashSet<>();
    for (CelExpr.CelMap.Entry entry : e.map().entries()) {
      if (entry.optionalEntry() || entry.key().getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
        throw new Unsupported("map literal with a computed or optional key");
      }
      Object key = constant(entry.key().constant()).eval(null);
      if (!keys.add(key)) {
        throw new Unsupported("map literal with a repeated key");
      }
      entries.put(key, expr(entry.value()));
    }
    return f -> {
      ImmutableMap.Builder<Object, Object> b = ImmutableMap.builder();
      for (Map.Entry<Object, EvalNode> en : entries.entrySet()) {
        b.put(en.getKey(), en.getValue().eval(f));
      }
      return b.buildOrThrow();
    };
  }

  private EvalNode comprehension(CelExpr e) throws Unsupported {
    CelExpr.CelComprehension c = e.comprehension();
    if (!c.iterVar2().isEmpty()) {
      throw new Unsupported("two-variable comprehension");
    }
    EvalNode range = expr(c.iterRange());
    EvalNode init = expr(c.accuInit());
    int accuSlot = scope.size();
    int iterSlot = accuSlot + 1;
    maxSlots = Math.max(maxSlots, iterSlot + 1);
    scope.push(Map.entry(c.accuVar(), accuSlot));
    scope.push(Map.entry(c.iterVar(), iterSlot));
    EvalNode condition = expr(c.loopCondition());
    EvalNode step = expr(c.loopStep());
    scope.pop();
    EvalNode result = expr(c.result());
    scope.pop();
    return EvalLogic.comprehension(range, iterSlot, accuSlot, init, condition, step, result);
  }

  private boolean isLocal(String name) {
    return scope.stream().anyMatch(s -> s.getKey().equals(name));
  }

  private CelType type(CelExpr e) throws Unsupported {
    Optional<CelType> t = ast.getType(e.id());
    if (t.isEmpty() || t.get().kind() == CelKind.DYN) {
      throw new Unsupported("expression without a static type");
    }
    return t.get();
  }

  /** A condition outside the compiled subset; the message names the construct. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }
}
