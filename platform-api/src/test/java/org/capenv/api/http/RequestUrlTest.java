package org.capenv.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The URL check alone; {@code MalformedUrlTest} sends the same faults to the running platform. */
class RequestUrlTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/runs",
        "/api/runs?tool=exif&state=RUNNING",
        "/api/runs?tool=a%20b",
        "/api/runs/a%2Fb",
        "/portal/runs?q=%C3%A9t%C3%A9",
        "/api/runs?tool=%c3%a9",
        "/api/runs?empty=&=x&&flag",
        "/api/runs?state=RUNNING&limit=5&tool=exif"
      })
  void aWellFormedUrlPasses(String target) {
    assertThat(RequestUrl.check(target)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " -> ",
      value = {
        "/api/runs?tool=%zz -> query.tool -> a bad percent escape",
        "/api/runs?tool=%4 -> query.tool -> a bad percent escape",
        "/api/runs?tool=% -> query.tool -> a bad percent escape",
        "/api/runs/%zz -> path -> a bad percent escape",
        // digits of another script are not hexadecimal digits
        "/api/runs?tool=%\u0663\u0663 -> query.tool -> a bad percent escape",
        "/api/runs?tool=%\uff11\uff11 -> query.tool -> a bad percent escape",
        "/api/runs?tool=%e0%80 -> query.tool -> percent escapes that are not UTF-8",
        "/api/runs/%ff -> path -> percent escapes that are not UTF-8",
        "/api/runs?tool=a|b -> query -> a character that must be percent-encoded",
        // one name twice, however it is written: the framework would read the first value only
        "/api/runs?state=RUNNING&state=FAILED -> query.state -> given more than once",
        "/api/runs?state=RUNNING;state=FAILED -> query.state -> given more than once",
        "/portal/audit?run%49d=a&runId=b -> query.runId -> given more than once",
        "/api/runs?a+b=1&a%20b=2 -> query.a b -> given more than once",
        " -> path -> missing"
      })
  void aMalformedUrlIsRefusedWhereItsFaultIs(String target, String field, String message) {
    assertThat(RequestUrl.check(target == null ? "" : target))
        .hasValueSatisfying(
            fault -> {
              assertThat(fault.field()).isEqualTo(field);
              assertThat(fault.message()).isEqualTo(message);
            });
  }
}
