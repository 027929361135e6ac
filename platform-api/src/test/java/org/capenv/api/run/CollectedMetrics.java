package org.capenv.api.run;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric exporter of the test profile: the application's OpenTelemetry SDK (enabled in the test
 * profile, OTLP off) exports to this bean, which keeps the latest cumulative data of each metric so
 * that a test reads what an operator's collector would receive.
 */
@Singleton
public class CollectedMetrics implements MetricExporter {
  private final Map<String, MetricData> latest = new ConcurrentHashMap<>();

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    metrics.forEach(m -> latest.put(m.getName(), m));
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType type) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  /** The running total of a counter for exactly these attributes; 0 before its first export. */
  long sum(String metric, Attributes attributes) {
    MetricData data = latest.get(metric);
    if (data == null) {
      return 0;
    }
    return data.getLongSumData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToLong(p -> p.getValue())
        .sum();
  }

  /** How many values a histogram has recorded for exactly these attributes. */
  long count(String metric, Attributes attributes) {
    MetricData data = latest.get(metric);
    if (data == null) {
      return 0;
    }
    return data.getHistogramData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToLong(p -> p.getCount())
        .sum();
  }
}
