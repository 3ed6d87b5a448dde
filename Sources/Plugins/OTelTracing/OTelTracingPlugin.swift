public import GatewayCore
import Logging
import OTel
import ServiceLifecycle

/// `otel-tracing`: exports the gateway's spans over OTLP/HTTP to a collector (Jaeger, Tempo, an OpenTelemetry
/// Collector, Honeycomb...).
///
/// The plugin provides the gateway's tracer (``PluginComponents/tracer``); the pipeline makes a server span per LLM
/// request (the client's W3C `traceparent` as parent), a child per hook run (`tollgate.hook.<point>`) and a client
/// span per upstream attempt (`tollgate.upstream`), whose context goes upstream in `traceparent`. Finished spans are
/// batched and exported off the request path by the returned service, which flushes what it holds on graceful
/// shutdown. The process-wide `InstrumentationSystem` is not bootstrapped: each gateway uses its own tracer.
/// swift-otel's `OTEL_*` environment variables (e.g. `OTEL_TRACES_SAMPLER`) override these settings.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `endpoint` | string, http(s) URL of the traces endpoint (e.g. `http://localhost:4318/v1/traces`) | required |
/// | `protocol` | `http/json` or `http/protobuf` | `http/json` |
/// | `service_name` | string | `tollgate` |
/// | `sample_ratio` | number in [0, 1]: the share of new traces recorded (a client's sampled flag is followed) | 1 |
/// | `headers` | object of header name to value, sent with every export (never logged) | `{}` |
/// | `batch_delay_seconds` | number: how long finished spans wait to be exported in one batch | 5 |
public enum OTelTracingPlugin: Plugin {
    public static let id = "otel-tracing"

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let backend = try OTel.makeTracingBackend(configuration: otelConfiguration(configuration, logger: context.logger))
        return PluginComponents(services: [backend.service], tracer: backend.factory)
    }

    /// swift-otel's configuration: traces only, exported to `endpoint` exactly as given.
    static func otelConfiguration(_ configuration: Configuration, logger: Logger) -> OTel.Configuration {
        var otel = OTel.Configuration.default
        otel.serviceName = configuration.serviceName
        otel.diagnosticLogger = .custom(logger)
        otel.propagators = [.traceContext]
        otel.metrics.enabled = false
        otel.logs.enabled = false
        otel.traces.enabled = true
        otel.traces.exporter = .otlp
        otel.traces.sampler = .parentBasedTraceIDRatio(ratio: configuration.sampleRatio) ?? .parentBasedAlwaysOn
        otel.traces.batchSpanProcessor.scheduleDelay = .milliseconds(Int64(configuration.batchDelaySeconds * 1000))
        otel.traces.otlpExporter.endpoint = configuration.endpoint
        otel.traces.otlpExporter.protocol = configuration.wireProtocol == .json ? .httpJSON : .httpProtobuf
        otel.traces.otlpExporter.headers = configuration.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return otel
    }
}
