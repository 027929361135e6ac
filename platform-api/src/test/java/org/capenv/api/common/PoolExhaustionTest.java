package org.capenv.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Duration;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Agroal's acquisition timeout is recognised however deeply it is wrapped, and nothing else is
 * taken for it. (RunLaunchQueueTest drains the real pool for the end-to-end answer.)
 */
class PoolExhaustionTest {
  @Test
  void theAcquisitionTimeoutIsFoundThroughItsWrappers() {
    SQLException agroal = new SQLException("Sorry, acquisition timeout!");
    Throwable wrapped =
        new PersistenceException(
            new JDBCConnectionException("Unable to acquire JDBC Connection", agroal));
    assertThat(PoolExhaustion.causedBy(wrapped)).isTrue();
    assertThat(PoolExhaustion.causedBy(agroal)).isTrue();
    // the pool's other wording, seen under load while it was growing
    assertThat(
            PoolExhaustion.causedBy(
                new JDBCConnectionException(
                    "Unable to acquire JDBC Connection",
                    new SQLException("Acquisition timeout while waiting for new connection"))))
        .isTrue();
  }

  @Test
  void otherDatabaseFailuresAreNotExhaustion() {
    assertThat(PoolExhaustion.causedBy(new SQLException("connection refused"))).isFalse();
    assertThat(PoolExhaustion.causedBy(new PersistenceException("constraint"))).isFalse();
    assertThat(PoolExhaustion.causedBy(new IllegalStateException())).isFalse();
  }

  @Test
  void theProblemIsA503WithRetryAfter() {
    ProblemException problem = PoolExhaustion.problem();
    assertThat(problem.status().getStatusCode()).isEqualTo(503);
    assertThat(problem.type()).isEqualTo(PoolExhaustion.TYPE);
    assertThat(problem.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(ProblemMappers.seconds(Duration.ofMillis(1500))).isEqualTo("2");
    assertThat(ProblemMappers.seconds(Duration.ZERO)).isEqualTo("1");
  }
}
