package org.capenv.api;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.capenv.api.http.MalformedUrls;

/**
 * The platform's entry point: Quarkus' own, after one setting that must be made before Quarkus
 * starts (the platform, not Quarkus, answers a malformed request URL: {@link MalformedUrls}).
 */
@QuarkusMain
public final class Main {
  public static void main(String... args) {
    MalformedUrls.takeOverQuarkusCheck();
    Quarkus.run(args);
  }
}
