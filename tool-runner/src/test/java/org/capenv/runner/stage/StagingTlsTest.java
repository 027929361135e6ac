package org.capenv.runner.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ca-file}: the stager trusts exactly the certificates of the bundle the Job mounts, and
 * without it the JVM's roots. The staging peer is a JDK HTTPS server on loopback with a certificate
 * made by the JDK's keytool (SAN 127.0.0.1).
 */
class StagingTlsTest {
  private static final char[] PASSWORD = "test-only".toCharArray();
  private static final byte[] RECORDS = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path keys;
  private static ScriptedStagingPeer peer;
  private static Path platformCa;
  private static Path otherCa;

  @TempDir Path dir;
  private StageFixture stage;

  @BeforeAll
  static void startHttps() throws Exception {
    Path store = keys.resolve("staging.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "staging",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=capenv staging test",
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        new String(PASSWORD));
    platformCa = keys.resolve("platform-ca.crt");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "staging",
        "-keystore",
        store.toString(),
        "-storepass",
        new String(PASSWORD),
        "-file",
        platformCa.toString());
    Path other = keys.resolve("other.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "other",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=someone else",
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        other.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        new String(PASSWORD));
    otherCa = keys.resolve("other-ca.crt");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "other",
        "-keystore",
        other.toString(),
        "-storepass",
        new String(PASSWORD),
        "-file",
        otherCa.toString());

    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keyStore, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    peer = ScriptedStagingPeer.https(tls);
  }

  @AfterAll
  static void stop() {
    peer.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    stage = new StageFixture(dir);
  }

  private String[] fetch(String... more) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in-" + System.nanoTime()));
    List<String> args =
        new ArrayList<>(
            List.of(
                "fetch",
                "--url",
                peer.url("https"),
                "--run",
                "r-1",
                "--token-file",
                stage.tokenFile.toString(),
                "--dest",
                in.toString(),
                "--input",
                "records=sha256:" + StageFixture.sha256(RECORDS) + ":" + RECORDS.length));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void theMountedBundleIsTrustedEvenAmongOtherCertificates() throws Exception {
    Path bundle = dir.resolve("ca.crt");
    Files.writeString(bundle, Files.readString(otherCa) + Files.readString(platformCa));
    peer.answer("/staging/runs/r-1/inputs/records", 200, Map.of(), RECORDS);
    assertThat(stage.run(fetch("--ca-file", bundle.toString()))).as(stage.log()).isZero();
  }

  @Test
  void withoutTheBundleTheJvmRootsDoNotTrustThePlatformsCertificate() throws Exception {
    assertThat(stage.run(fetch())).isEqualTo(StageException.UNAVAILABLE);
    assertThat(stage.log()).contains("TLS with " + peer.url("https") + " failed");
  }

  @Test
  void aBundleWithoutThePlatformsCaIsRefusedAtTheHandshake() throws Exception {
    assertThat(stage.run(fetch("--ca-file", otherCa.toString())))
        .isEqualTo(StageException.UNAVAILABLE);
    assertThat(stage.log()).contains("TLS with").doesNotContain(StageFixture.TOKEN);
  }

  @Test
  void aFileThatIsNoCertificateBundleIsAUsageError() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.crt"), "");
    assertThat(stage.run(fetch("--ca-file", empty.toString()))).isEqualTo(StageException.USAGE);
    assertThat(stage.log()).contains("holds no certificate");
    Path garbage = Files.writeString(dir.resolve("garbage.crt"), "-----BEGIN CERTIFICATE-----\nxx");
    assertThat(stage.run(fetch("--ca-file", garbage.toString()))).isEqualTo(StageException.USAGE);
    assertThat(stage.run(fetch("--ca-file", dir.resolve("absent.crt").toString())))
        .isEqualTo(StageException.IO);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("keytool: " + output).isZero();
  }
}
