package org.capenv.catalog.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The four-eyes approval rule: a version is approved when every configured review role has signed
 * off in the current round, each role by a different person, none of them the submitter. One person
 * holding two review roles counts for one of them only, however many sign-offs they give.
 */
public final class ApprovalRule {

  /** Ethics, information management (DPO) and security: the default review roles. */
  public static final Set<String> DEFAULT_REVIEW_ROLES =
      Set.of("reviewer-ethics", "reviewer-information", "reviewer-security");

  private final Set<String> reviewRoles;

  /**
   * @param reviewRoles the roles that must each sign off (at least one)
   */
  public ApprovalRule(Set<String> reviewRoles) {
    if (reviewRoles.isEmpty()) {
      throw new IllegalArgumentException("at least one review role is required");
    }
    this.reviewRoles = Set.copyOf(new TreeSet<>(reviewRoles));
  }

  public static ApprovalRule defaults() {
    return new ApprovalRule(DEFAULT_REVIEW_ROLES);
  }

  public Set<String> reviewRoles() {
    return reviewRoles;
  }

  /** Whether {@code actor} holds at least one review role. */
  public boolean isReviewer(Actor actor) {
    return reviewRoles.stream().anyMatch(actor::holds);
  }

  /**
   * May {@code actor} record {@code signOff} on the version in {@code ledger}? Checks the state,
   * the round, four eyes, the role and the completeness of the ALGO-CARE checklist.
   */
  public Decision check(ReviewLedger ledger, Actor actor, SignOff signOff) {
    List<String> reasons = new ArrayList<>();
    if (ledger.state() != VersionState.IN_REVIEW && ledger.state() != VersionState.SUSPENDED) {
      reasons.add("sign-offs are taken only in IN_REVIEW or SUSPENDED, not in " + ledger.state());
    }
    if (!signOff.reviewer().equals(actor.id())) {
      reasons.add("a sign-off must be given by the reviewer it names");
    }
    if (actor.id().equals(ledger.submitter())) {
      reasons.add("the submitter can never sign off their own version");
    }
    if (!reviewRoles.contains(signOff.role())) {
      reasons.add("'" + signOff.role() + "' is not a review role; expected one of " + sorted());
    } else if (!actor.holds(signOff.role())) {
      reasons.add("the reviewer does not hold the role '" + signOff.role() + "'");
    }
    if (signOff.round() != ledger.round()) {
      reasons.add(
          "the sign-off is for round "
              + signOff.round()
              + " but the current round is "
              + ledger.round());
    }
    boolean repeat =
        ledger.currentRound().stream()
            .anyMatch(
                s -> s.reviewer().equals(signOff.reviewer()) && s.role().equals(signOff.role()));
    if (repeat) {
      reasons.add("the reviewer already signed off in role '" + signOff.role() + "' this round");
    }
    checkChecklist(signOff, reasons);
    return Decision.of(reasons);
  }

  private static void checkChecklist(SignOff signOff, List<String> reasons) {
    Set<AlgoCareItem> answered = EnumSet.noneOf(AlgoCareItem.class);
    for (ChecklistAnswer a : signOff.checklist()) {
      if (!answered.add(a.item())) {
        reasons.add("the checklist answers " + a.item() + " more than once");
      }
      if (a.needsComment() && a.comment().isEmpty()) {
        reasons.add("checklist item " + a.item() + " is " + a.outcome() + " and needs a comment");
      }
    }
    Set<AlgoCareItem> missing = EnumSet.allOf(AlgoCareItem.class);
    missing.removeAll(answered);
    if (!missing.isEmpty()) {
      reasons.add("the checklist does not answer " + missing);
    }
  }

  /**
   * Do the sign-offs of {@code round} approve the version? Sign-offs of other rounds, by the
   * submitter, or in roles that are not review roles are ignored.
   */
  public ApprovalDecision evaluate(String submitter, int round, Collection<SignOff> signOffs) {
    Map<String, Set<String>> peopleByRole = new LinkedHashMap<>();
    for (String role : sorted()) {
      peopleByRole.put(role, new TreeSet<>());
    }
    for (SignOff s : signOffs) {
      if (s.round() == round && !s.reviewer().equals(submitter) && reviewRoles.contains(s.role())) {
        peopleByRole.get(s.role()).add(s.reviewer());
      }
    }
    Map<String, String> personToRole = new HashMap<>();
    for (String role : peopleByRole.keySet()) {
      assign(role, peopleByRole, personToRole, new TreeSet<>());
    }
    Map<String, String> signers = new LinkedHashMap<>();
    personToRole.forEach((person, role) -> signers.put(role, person));
    if (signers.size() == reviewRoles.size()) {
      return new ApprovalDecision(true, signers, List.of());
    }
    List<String> reasons = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : peopleByRole.entrySet()) {
      if (e.getValue().isEmpty()) {
        reasons.add("no sign-off yet in role '" + e.getKey() + "'");
      } else if (!signers.containsKey(e.getKey())) {
        reasons.add(
            "role '"
                + e.getKey()
                + "' was signed off only by "
                + e.getValue()
                + ", who already count for another role; each role needs a different person");
      }
    }
    return new ApprovalDecision(false, Map.of(), reasons);
  }

  /**
   * Augmenting-path step of a bipartite matching (roles to distinct people): finds a person for
   * {@code role}, moving earlier assignments if that frees someone. With a handful of roles this is
   * instant, and unlike a greedy pass it never misses an assignment that exists.
   */
  private static boolean assign(
      String role,
      Map<String, Set<String>> peopleByRole,
      Map<String, String> personToRole,
      Set<String> visited) {
    for (String person : peopleByRole.get(role)) {
      if (visited.add(person)) {
        String held = personToRole.get(person);
        if (held == null || assign(held, peopleByRole, personToRole, visited)) {
          personToRole.put(person, role);
          return true;
        }
      }
    }
    return false;
  }

  private List<String> sorted() {
    return new ArrayList<>(new TreeSet<>(reviewRoles));
  }
}
