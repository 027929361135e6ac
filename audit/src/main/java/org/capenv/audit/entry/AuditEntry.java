package org.capenv.audit.entry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One audit entry before it is sequenced. The log assigns the sequence number; everything else is
 * fixed by the caller. Immutable; build with {@link #builder(Action, Actor)}.
 *
 * <p>Invariants kept by the constructor so that the canonical form is a function of the entry:
 * {@code time} is UTC truncated to microseconds (PostgreSQL's precision); lists are never null (an
 * empty list and an absent one encode the same way); {@code details} is sorted.
 *
 * @param time when the action happened (UTC, microseconds)
 * @param action what was done
 * @param operation the DPA 2018 s.62 operation kind, or null if the action is not a processing
 * @param outcome success, denied or failure
 * @param actor who did it
 * @param target what it was done to, may be null
 * @param justification purpose and case reference, may be null
 * @param recipients to whom data was disclosed (disclosures)
 * @param tool tool name, version and image digest, may be null
 * @param runId the run this entry belongs to, may be null
 * @param parametersDigest SHA-256 (hex) of the canonical run parameters, may be null
 * @param inputs input names and SHA-256 hashes
 * @param outputs output names and SHA-256 hashes
 * @param policy the policy decision, may be null
 * @param traceId W3C trace id, may be null
 * @param origin client address and user agent, may be null
 * @param details further string facts (e.g. a changed configuration key and the old/new digests)
 */
public record AuditEntry(
    Instant time,
    Action action,
    OperationKind operation,
    Outcome outcome,
    Actor actor,
    Target target,
    Justification justification,
    List<String> recipients,
    ToolRef tool,
    String runId,
    String parametersDigest,
    List<FileHash> inputs,
    List<FileHash> outputs,
    PolicyRef policy,
    String traceId,
    Origin origin,
    Map<String, String> details) {

  public AuditEntry {
    time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(actor, "actor");
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    recipients.forEach(r -> Fields.requireText(r, "recipients[]"));
    Fields.sha256Hex(parametersDigest, "parametersDigest");
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
    if (operation == OperationKind.DISCLOSURE
        && outcome == Outcome.SUCCESS
        && recipients.isEmpty()) {
      throw new IllegalArgumentException("a successful disclosure must name its recipients");
    }
  }

  /** Starts an entry: time now, outcome success, operation the action's default. */
  public static Builder builder(Action action, Actor actor) {
    return new Builder(action, actor);
  }

  /** A builder initialised from this entry. */
  public Builder toBuilder() {
    Builder b = new Builder(action, actor);
    b.time = time;
    b.operation = operation;
    b.outcome = outcome;
    b.target = target;
    b.justification = justification;
    b.recipients = new ArrayList<>(recipients);
    b.tool = tool;
    b.runId = runId;
    b.parametersDigest = parametersDigest;
    b.inputs = new ArrayList<>(inputs);
    b.outputs = new ArrayList<>(outputs);
    b.policy = policy;
    b.traceId = traceId;
    b.origin = origin;
    b.details = new TreeMap<>(details);
    return b;
  }

  /** Fluent builder. */
  public static final class Builder {
    private Instant time = Instant.now();
    private final Action action;
    private OperationKind operation;
    private Outcome outcome = Outcome.SUCCESS;
    private final Actor actor;
    private Target target;
    private Justification justification;
    private List<String> recipients = new ArrayList<>();
    private ToolRef tool;
    private String runId;
    private String parametersDigest;
    private List<FileHash> inputs = new ArrayList<>();
    private List<FileHash> outputs = new ArrayList<>();
    private PolicyRef policy;
    private String traceId;
    private Origin origin;
    private Map<String, String> details = new TreeMap<>();

    private Builder(Action action, Actor actor) {
      this.action = Objects.requireNonNull(action, "action");
      this.actor = Objects.requireNonNull(actor, "actor");
      this.operation = action.defaultOperation();
    }

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder operation(OperationKind operation) {
      this.operation = operation;
      return this;
    }

    public Builder outcome(Outcome outcome) {
      this.outcome = outcome;
      return this;
    }

    public Builder target(String type, String id) {
      this.target = new Target(type, id);
      return this;
    }

    public Builder justification(String purpose, String caseReference) {
      this.justification = new Justification(purpose, caseReference);
      return this;
    }

    public Builder recipient(String recipient) {
      this.recipients.add(recipient);
      return this;
    }

    public Builder tool(String name, String version, String image) {
      this.tool = new ToolRef(name, version, image);
      return this;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder parametersDigest(String sha256Hex) {
      this.parametersDigest = sha256Hex;
      return this;
    }

    public Builder input(String name, String sha256Hex) {
      this.inputs.add(new FileHash(name, sha256Hex));
      return this;
    }

    public Builder output(String name, String sha256Hex) {
      this.outputs.add(new FileHash(name, sha256Hex));
      return this;
    }

    public Builder policy(PolicyRef policy) {
      this.policy = policy;
      return this;
    }

    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    public Builder origin(String clientAddress, String userAgent) {
      this.origin = new Origin(clientAddress, userAgent);
      return this;
    }

    public Builder detail(String key, String value) {
      this.details.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    public AuditEntry build() {
      return new AuditEntry(
          time,
          action,
          operation,
          outcome,
          actor,
          target,
          justification,
          recipients,
          tool,
          runId,
          parametersDigest,
          inputs,
          outputs,
          policy,
          traceId,
          origin,
          details);
    }
  }
}
