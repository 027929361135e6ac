package org.capenv.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports whether the connection's role could change or remove audit rows. The platform runs it at
 * startup and refuses to start outside local/test when {@link Report#appendOnly()} is false.
 *
 * <p>A role is unsafe if it holds UPDATE (on any column), DELETE or TRUNCATE on an audit table, is
 * a superuser, or owns (or is a member of the owner of) an audit table, because an owner can
 * disable the triggers; and the log is unsafe if a refusing trigger is missing or disabled.
 */
public final class AppendOnlyCheck {
  private static final List<String> TABLES = List.of("audit_entry", "audit_checkpoint");
  private static final Map<String, List<String>> TRIGGERS =
      Map.of(
          "audit_entry",
          List.of("audit_entry_append_only", "audit_entry_no_truncate"),
          "audit_checkpoint",
          List.of("audit_checkpoint_append_only", "audit_checkpoint_no_truncate"));

  /**
   * @param role the role checked ({@code current_user})
   * @param problems why rows could be changed; empty when the log is append-only for this role
   */
  public record Report(String role, List<String> problems) {
    public Report {
      problems = List.copyOf(problems);
    }

    public boolean appendOnly() {
      return problems.isEmpty();
    }
  }

  private AppendOnlyCheck() {}

  public static Report check(Connection c) throws SQLException {
    List<String> problems = new ArrayList<>();
    String role;
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      role = rs.getString(1);
      if (rs.getBoolean(2)) {
        problems.add("role " + role + " is a superuser");
      }
    }
    for (String table : TABLES) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT has_any_column_privilege(t.oid, 'UPDATE'),"
                  + " has_table_privilege(t.oid, 'DELETE'), has_table_privilege(t.oid, 'TRUNCATE'),"
                  + " pg_has_role(t.relowner, 'MEMBER')"
                  + " FROM pg_class t WHERE t.oid = to_regclass(?)")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            problems.add("table " + table + " does not exist");
            continue;
          }
          String[] what = {"UPDATE", "DELETE", "TRUNCATE"};
          for (int i = 0; i < what.length; i++) {
            if (rs.getBoolean(i + 1)) {
              problems.add("role " + role + " has " + what[i] + " on " + table);
            }
          }
          if (rs.getBoolean(4)) {
            problems.add("role " + role + " owns " + table + " and could disable its triggers");
          }
        }
      }
      for (String trigger : TRIGGERS.get(table)) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT tgenabled FROM pg_trigger WHERE tgrelid = to_regclass(?) AND tgname = ?")) {
          ps.setString(1, table);
          ps.setString(2, trigger);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              problems.add("trigger " + trigger + " on " + table + " is missing");
            } else if (!"A".equals(rs.getString(1))) {
              problems.add(
                  "trigger "
                      + trigger
                      + " on "
                      + table
                      + " is not ENABLE ALWAYS ("
                      + rs.getString(1)
                      + ")");
            }
          }
        }
      }
    }
    return new Report(role, problems);
  }
}
