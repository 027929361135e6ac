package org.capenv.api.tool.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.common.UnprocessableContent;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.capenv.api.tool.persistence.SignOffEntity;
import org.capenv.api.tool.persistence.ToolVersionEntity;
import org.capenv.api.tool.persistence.ToolVersionRepository;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.Outcome;
import org.capenv.catalog.lifecycle.Actor;
import org.capenv.catalog.lifecycle.Decision;
import org.capenv.catalog.lifecycle.Lifecycle;
import org.capenv.catalog.lifecycle.LifecycleAction;
import org.capenv.catalog.lifecycle.ReviewLedger;
import org.capenv.catalog.lifecycle.SignOff;
import org.capenv.catalog.lifecycle.TransitionDecision;
import org.capenv.catalog.lifecycle.VersionState;
import org.capenv.catalog.manifest.ManifestValidationException;
import org.capenv.catalog.manifest.ToolManifest;

/**
 * The catalogue's rules applied and recorded: every change to a tool version and every sign-off
 * commits together with its audit entry, and every refusal on grounds of who is asking is put on
 * record although nothing changes. The rules themselves are the catalog module's {@link Lifecycle};
 * this class persists and audits their outcome.
 */
@ApplicationScoped
public class ToolCatalogueService {
  /** Who may see versions that are not published: drafts, versions in review, rejected ones. */
  static final Set<String> CURATORS =
      Set.of(
          Roles.TOOL_STEWARD,
          Roles.REVIEWER_ETHICS,
          Roles.REVIEWER_INFORMATION,
          Roles.REVIEWER_SECURITY,
          Roles.PLATFORM_ADMIN,
          Roles.AUDITOR);

  /** States whose manifest and transparency record every signed-in user may read. */
  static final Set<VersionState> PUBLISHED =
      EnumSet.of(VersionState.APPROVED, VersionState.SUSPENDED, VersionState.RETIRED);

  static final String TARGET_TYPE = "tool-version";

  @Inject ToolVersionRepository versions;
  @Inject ManifestCache manifests;
  @Inject AuditRecorder audit;
  @Inject ToolViews views;
  @Inject Lifecycle lifecycle;
  @Inject RunRepository runs;

  /** Stores a new DRAFT version from a steward's manifest. */
  @Transactional
  public ToolVersionView createDraft(CallerIdentity caller, String manifestText) {
    ToolManifest manifest = validate(manifestText);
    if (versions.find(manifest.name(), manifest.version()).isPresent()) {
      throw ToolProblems.exists(manifest.coordinates());
    }
    Instant now = now();
    ToolVersionEntity entity = new ToolVersionEntity();
    entity.name = manifest.name();
    entity.version = manifest.version();
    entity.state = VersionState.DRAFT;
    entity.reviewRound = 0;
    entity.submitterSubject = caller.subject();
    entity.submitterUsername = caller.username();
    entity.submitterForce = caller.force().orElse(null);
    entity.createdAt = now;
    setManifest(entity, manifest, manifestText, now);
    versions.persist(entity);
    record(entity, manifest, audit.entry(Action.CONFIG_CHANGED, caller).detail("change", "draft"));
    return views.of(entity, manifest, List.of());
  }

  /** Replaces the manifest of a DRAFT; only its own steward may, and the coordinates stay. */
  @Transactional
  public ToolVersionView replaceDraft(
      CallerIdentity caller, String name, String version, String manifestText) {
    ToolVersionEntity entity = lockVisible(caller, name, version);
    if (!entity.submitterSubject.equals(caller.subject())) {
      throw denied(
          caller,
          entity,
          Action.CONFIG_CHANGED,
          List.of("only the version's own steward may edit"));
    }
    if (entity.state != VersionState.DRAFT) {
      throw ToolProblems.refused(
          Status.CONFLICT,
          List.of(
              entity.coordinates() + " is " + entity.state + ": a submitted version is immutable"));
    }
    ToolManifest manifest = validate(manifestText);
    if (!manifest.name().equals(name) || !manifest.version().equals(version)) {
      throw ToolProblems.refused(
          Status.CONFLICT,
          List.of("a draft keeps its name and version; a different one is a new version"));
    }
    setManifest(entity, manifest, manifestText, now());
    record(entity, manifest, audit.entry(Action.CONFIG_CHANGED, caller).detail("change", "draft"));
    return views.of(entity, manifest, versions.signOffs(entity));
  }

  /** Submits, approves, rejects, suspends, reinstates or retires a version. */
  @Transactional
  public ToolVersionView act(
      CallerIdentity caller, String name, String version, LifecycleAction action, String reason) {
    ToolVersionEntity entity = lockVisible(caller, name, version);
    List<SignOffEntity> signOffs = versions.signOffs(entity);
    TransitionDecision decision =
        lifecycle.decide(ledger(entity, signOffs), action, actor(caller), reason);
    if (!decision.allowed()) {
      if (decision.outcome() == TransitionDecision.Outcome.FORBIDDEN) {
        throw denied(caller, entity, actionFor(action), decision.reasons());
      }
      throw ToolProblems.refused(decision);
    }
    List<String> activeRuns =
        action == LifecycleAction.SUSPEND ? runs.activeRunIds(name, version) : List.of();
    apply(caller, entity, decision, reason, signOffs, activeRuns);
    return views.of(entity, manifestOf(entity), signOffs).withActiveRuns(activeRuns);
  }

  /**
   * Records a reviewer's sign-off; when it completes the approval rule for the current round, the
   * version is approved (or reinstated) in the same transaction.
   */
  @Transactional
  public ToolVersionView signOff(
      CallerIdentity caller, String name, String version, SignOffRequest request) {
    ToolVersionEntity entity = lockVisible(caller, name, version);
    List<SignOffEntity> signOffs = new ArrayList<>(versions.signOffs(entity));
    ReviewLedger ledger = ledger(entity, signOffs);
    SignOff signOff = ToolViews.signOff(caller.subject(), entity.reviewRound, request, now());
    Decision check = lifecycle.approvalRule().check(ledger, actor(caller), signOff);
    if (!check.allowed()) {
      if (!lifecycle.approvalRule().isReviewer(actor(caller))
          || caller.subject().equals(entity.submitterSubject)
          || !caller.hasRole(signOff.role())) {
        throw denied(caller, entity, Action.TOOL_VERSION_REVIEWED, check.reasons());
      }
      throw ToolProblems.refused(
          entity.state == VersionState.IN_REVIEW || entity.state == VersionState.SUSPENDED
              ? UnprocessableContent.STATUS
              : Status.CONFLICT,
          check.reasons());
    }
    SignOffEntity stored = ToolViews.toEntity(entity, caller, signOff);
    stored.persist();
    signOffs.add(stored);
    ToolManifest manifest = manifestOf(entity);
    record(
        entity,
        manifest,
        audit
            .entry(Action.TOOL_VERSION_REVIEWED, caller)
            .detail("role", signOff.role())
            .detail("round", Integer.toString(signOff.round()))
            .detail("checklist", ToolViews.checklistSummary(signOff)));
    LifecycleAction completes =
        entity.state == VersionState.SUSPENDED
            ? LifecycleAction.REINSTATE
            : LifecycleAction.APPROVE;
    TransitionDecision approval =
        lifecycle.decide(ledger.with(signOff), completes, actor(caller), null);
    if (approval.allowed()) {
      apply(caller, entity, approval, null, signOffs, List.of());
    }
    return views.of(entity, manifest, signOffs);
  }

  /** Every version the caller may see, optionally in one state. */
  @Transactional
  public List<ToolVersionView> list(CallerIdentity caller, Optional<VersionState> state) {
    Set<VersionState> states = curator(caller) ? EnumSet.allOf(VersionState.class) : PUBLISHED;
    if (state.isPresent()) {
      states = states.contains(state.get()) ? EnumSet.of(state.get()) : Set.of();
    }
    if (states.isEmpty()) {
      return List.of();
    }
    return versions.inStates(states).stream()
        .map(e -> views.of(e, manifestOf(e), versions.signOffs(e)))
        .toList();
  }

  /** One version, if the caller may see it. */
  @Transactional
  public ToolVersionView get(CallerIdentity caller, String name, String version) {
    ToolVersionEntity entity =
        versions
            .find(name, version)
            .filter(e -> visible(caller, e))
            .orElseThrow(() -> ToolProblems.notFound(name, version));
    return views.of(entity, manifestOf(entity), versions.signOffs(entity));
  }

  /**
   * The approved versions whose manifest admits one of the caller's roles and their force, matching
   * {@code query} in name or summary. The policy engine still decides each run: this list only
   * spares users tools they could never run.
   */
  @Transactional
  public List<ToolSummaryView> runnable(CallerIdentity caller, String query) {
    String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    return versions.inStates(EnumSet.of(VersionState.APPROVED)).stream()
        .map(this::manifestOf)
        .filter(m -> m.access().roles().stream().anyMatch(caller::hasRole))
        .filter(m -> caller.force().map(m.access()::allowsForce).orElse(false))
        .filter(
            m ->
                needle.isEmpty()
                    || m.name().toLowerCase(Locale.ROOT).contains(needle)
                    || m.summary().toLowerCase(Locale.ROOT).contains(needle))
        .map(ToolViews::summary)
        .toList();
  }

  /** The manifest of an approved version, for starting a run; empty when not runnable now. */
  @Transactional
  public Optional<ToolManifest> runnableManifest(String name, String version) {
    // the state is read on every call; the manifest's text only once per digest
    return versions
        .runnableManifestDigest(name, version)
        .flatMap(digest -> manifests.stored(name, version, digest));
  }

  private void apply(
      CallerIdentity caller,
      ToolVersionEntity entity,
      TransitionDecision decision,
      String reason,
      List<SignOffEntity> signOffs,
      List<String> activeRuns) {
    entity.state = decision.to();
    entity.reviewRound = decision.round();
    entity.stateReason = reason == null || reason.isBlank() ? null : reason.strip();
    entity.updatedAt = now();
    AuditEntry.Builder entry =
        audit
            .entry(actionFor(decision.action()), caller)
            .detail("from", decision.from().name())
            .detail("to", decision.to().name());
    if (entity.stateReason != null) {
      entry.detail("reason", entity.stateReason);
    }
    if (decision.action() == LifecycleAction.SUSPEND) {
      entry.detail("activeRuns", String.join(",", activeRuns));
    }
    if (decision.to() == VersionState.APPROVED) {
      entry.detail(
          "signers",
          String.join(
              ",",
              lifecycle
                  .approvalRule()
                  .evaluate(
                      entity.submitterSubject,
                      entity.reviewRound,
                      signOffs.stream().map(ToolViews::signOff).toList())
                  .signers()
                  .values()));
    }
    record(entity, manifestOf(entity), entry);
  }

  private void record(ToolVersionEntity entity, ToolManifest manifest, AuditEntry.Builder entry) {
    audit.append(
        List.of(
            entry
                .target(TARGET_TYPE, entity.coordinates())
                .tool(manifest.name(), manifest.version(), manifest.image())
                .detail("manifestDigest", entity.manifestDigest)
                .build()));
  }

  /** Records a refusal on grounds of who asked, durably, and returns the 403 to throw. */
  private RuntimeException denied(
      CallerIdentity caller, ToolVersionEntity entity, Action action, List<String> reasons) {
    ToolManifest manifest = manifestOf(entity);
    audit.appendDurable(
        List.of(
            audit
                .entry(action, caller)
                .outcome(Outcome.DENIED)
                .target(TARGET_TYPE, entity.coordinates())
                .tool(manifest.name(), manifest.version(), manifest.image())
                .detail("reasons", String.join("; ", reasons))
                .build()));
    return ToolProblems.refused(Status.FORBIDDEN, reasons);
  }

  private ToolVersionEntity lockVisible(CallerIdentity caller, String name, String version) {
    return versions
        .findForUpdate(name, version)
        .filter(e -> visible(caller, e))
        .orElseThrow(() -> ToolProblems.notFound(name, version));
  }

  private ToolManifest validate(String manifestText) {
    try {
      return manifests.validate(manifestText);
    } catch (ManifestValidationException e) {
      throw ToolProblems.invalid(e);
    }
  }

  private static void setManifest(
      ToolVersionEntity entity, ToolManifest manifest, String text, Instant now) {
    entity.manifest = text;
    entity.manifestDigest = manifest.digest();
    entity.summary = manifest.summary();
    entity.updatedAt = now;
  }

  ToolManifest manifestOf(ToolVersionEntity entity) {
    return manifests.stored(entity.manifestDigest, entity.manifest);
  }

  static boolean curator(CallerIdentity caller) {
    return CURATORS.stream().anyMatch(caller::hasRole);
  }

  static boolean visible(CallerIdentity caller, ToolVersionEntity entity) {
    return PUBLISHED.contains(entity.state) || curator(caller);
  }

  static Actor actor(CallerIdentity caller) {
    return new Actor(caller.subject(), caller.roles());
  }

  static ReviewLedger ledger(ToolVersionEntity entity, List<SignOffEntity> signOffs) {
    return new ReviewLedger(
        entity.submitterSubject,
        entity.state,
        entity.reviewRound,
        signOffs.stream().map(ToolViews::signOff).toList());
  }

  static Action actionFor(LifecycleAction action) {
    return switch (action) {
      case SUBMIT -> Action.TOOL_VERSION_SUBMITTED;
      case APPROVE, REINSTATE -> Action.TOOL_VERSION_APPROVED;
      case REJECT -> Action.TOOL_VERSION_REJECTED;
      case SUSPEND -> Action.TOOL_VERSION_SUSPENDED;
      case RETIRE -> Action.TOOL_VERSION_RETIRED;
    };
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
