package org.capenv.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holder keeps the last good bundle, and refuses to exist without one. */
class PolicyBundleHolderTest {
  @TempDir Path dir;

  @Test
  void refusesToStartWithoutAGoodBundle() throws IOException {
    write(PolicyBundleLoadTest.rule("r", "allow", "user.nope"));
    assertThatThrownBy(() -> new PolicyBundleHolder(dir))
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageStartingWith("rules.yaml: rule 'r': CEL error:");
  }

  @Test
  void brokenReloadKeepsTheLastGoodBundle() throws Exception {
    write(PolicyBundleLoadTest.rule("r", "allow", "'analyst' in user.roles"));
    PolicyBundleHolder holder = new PolicyBundleHolder(dir);
    PolicyBundle good = holder.current();

    write(PolicyBundleLoadTest.rule("r", "allow", "user.nope"));
    PolicyBundleHolder.ReloadOutcome outcome = holder.reload();

    assertThat(outcome.applied()).isFalse();
    assertThat(outcome.changed()).isFalse();
    assertThat(outcome.digestInForce()).isEqualTo(good.digest());
    assertThat(outcome.problems()).singleElement().asString().contains("undefined field 'nope'");
    assertThat(holder.current()).isSameAs(good);
  }

  @Test
  void goodReloadReplacesTheBundle() throws Exception {
    write(PolicyBundleLoadTest.rule("r", "allow", "'analyst' in user.roles"));
    PolicyBundleHolder holder = new PolicyBundleHolder(dir);
    String before = holder.current().digest();

    write(PolicyBundleLoadTest.rule("r", "allow", "'supervisor' in user.roles"));
    PolicyBundleHolder.ReloadOutcome outcome = holder.reload();

    assertThat(outcome.applied()).isTrue();
    assertThat(outcome.changed()).isTrue();
    assertThat(outcome.previousDigest()).isEqualTo(before);
    assertThat(holder.current().digest()).isEqualTo(outcome.digestInForce()).isNotEqualTo(before);
    assertThat(holder.current().rules().get(0).condition()).isEqualTo("'supervisor' in user.roles");
  }

  private void write(String content) throws IOException {
    Files.writeString(dir.resolve("rules.yaml"), content);
  }
}
