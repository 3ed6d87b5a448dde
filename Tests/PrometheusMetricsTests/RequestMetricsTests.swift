import GatewayCore
import GatewayTesting
import Prometheus
import Testing

@testable import PrometheusMetrics

/// The hook against a real Prometheus registry, with hand-built events (the timeline as the pipeline will fill it).
struct RequestMetricsTests {
    let registry = PrometheusCollectorRegistry()

    func metrics(maxLabelValues: Int = 100, buckets: [Double] = [0.1, 1, 10]) -> RequestMetrics {
        var factory = PrometheusMetricsFactory(registry: registry)
        for name in RequestMetrics.Name.histograms { factory.durationHistogramBuckets[name] = PrometheusPlugin.histogramBuckets(buckets) }
        return RequestMetrics(factory: factory, maxLabelValues: maxLabelValues)
    }

    var scrape: PrometheusScrape { PrometheusScrape(registry.emitToString()) }

    static let deployment = Deployment(id: "dep-a", modelName: "gpt-a", provider: "openai", upstreamModel: "gpt-4o")

    static func event(
        team: String? = nil, model: String = "gpt-a", seconds: Double = 2, outcome: CallOutcome = CallOutcome(deployment: deployment),
        timeline: RequestTimeline = RequestTimeline()
    ) -> RequestLogEvent {
        RequestLogEvent(
            requestID: "r", endpoint: .chatCompletions, requestedModel: model,
            principal: Principal(subject: "master_key", role: .admin, teamID: team), outcome: outcome, startTime: 100,
            endTime: 100 + seconds, streamed: false, timeline: timeline)
    }

    @Test func countsTokensSpendAndTotalLatency() {
        let metrics = metrics()
        var outcome = CallOutcome(deployment: Self.deployment, usage: Usage(promptTokens: 11, completionTokens: 7), cost: 0.25)
        metrics.record(Self.event(seconds: 0.05, outcome: outcome))
        outcome.error = .badGateway("upstream failed")
        metrics.record(Self.event(seconds: 2, outcome: outcome))

        let scrape = scrape
        #expect(scrape.value("tollgate_requests_total", ["model": "gpt-a", "deployment": "dep-a", "status": "200", "key": "master_key"]) == 1)
        #expect(scrape.value("tollgate_requests_total", ["model": "gpt-a", "status": "502", "team": "none"]) == 1)
        #expect(scrape.value("tollgate_input_tokens_total", ["model": "gpt-a"]) == 22)
        #expect(scrape.value("tollgate_output_tokens_total", ["model": "gpt-a"]) == 14)
        #expect(scrape.value("tollgate_spend_usd_total", ["model": "gpt-a"]) == 0.5)
        let duration = "tollgate_request_duration_seconds"
        #expect(scrape.value(duration + "_bucket", ["model": "gpt-a", "le": "0.1"]) == 1)
        #expect(scrape.value(duration + "_bucket", ["model": "gpt-a", "le": "1.0"]) == 1)
        #expect(scrape.value(duration + "_bucket", ["model": "gpt-a", "le": "10.0"]) == 2)
        #expect(scrape.value(duration + "_bucket", ["model": "gpt-a", "le": "+Inf"]) == 2)
        #expect(scrape.value(duration + "_count", ["model": "gpt-a"]) == 2)
        #expect(abs((scrape.value(duration + "_sum", ["model": "gpt-a"]) ?? 0) - 2.05) < 1e-6)
    }

    @Test func upstreamOverheadFirstTokenAndPluginTimeComeFromTheTimeline() {
        let metrics = metrics()
        let timeline = RequestTimeline(
            hooks: [
                HookRun(point: .auth, pluginID: "virtual-keys", decision: .proceed, startOffset: .zero, duration: .milliseconds(20)),
                HookRun(point: .budgetReserve, pluginID: "budgets", decision: .proceed, startOffset: .zero, duration: .milliseconds(5)),
                HookRun(point: .budgetCommit, pluginID: "budgets", decision: .proceed, startOffset: .zero, duration: .milliseconds(5)),
            ],
            attempts: [
                // A failed attempt on the first deployment, then a fallback to another group that streamed.
                AttemptRun(deploymentID: "dep-a", modelGroup: "gpt-a", number: 1, startOffset: .zero, duration: .milliseconds(500), status: 500),
                AttemptRun(
                    deploymentID: "dep-b", modelGroup: "gpt-b", number: 2, startOffset: .zero, duration: .milliseconds(1000),
                    timeToFirstToken: .milliseconds(300), status: 200),
            ])
        metrics.record(Self.event(seconds: 2, timeline: timeline))

        let scrape = scrape
        #expect(scrape.value("tollgate_upstream_duration_seconds_count", ["model": "gpt-a", "deployment": "dep-a"]) == 1)
        #expect(scrape.value("tollgate_upstream_duration_seconds_bucket", ["model": "gpt-a", "deployment": "dep-a", "le": "1.0"]) == 1)
        #expect(scrape.value("tollgate_upstream_duration_seconds_count", ["model": "gpt-b", "deployment": "dep-b"]) == 1)
        #expect(scrape.value("tollgate_upstream_duration_seconds_sum") == 1.5)
        // Overhead: 2 s in total, 1.5 s of it upstream.
        #expect(scrape.value("tollgate_gateway_overhead_seconds_sum", ["model": "gpt-a"]) == 0.5)
        #expect(scrape.value("tollgate_gateway_overhead_seconds_count", ["model": "gpt-a"]) == 1)
        #expect(scrape.value("tollgate_time_to_first_token_seconds_sum", ["model": "gpt-b", "deployment": "dep-b"]) == 0.3)
        #expect(scrape.value("tollgate_time_to_first_token_seconds_count", ["deployment": "dep-a"]) == nil)
        #expect(scrape.value("tollgate_plugin_duration_seconds_count", ["hook": "auth", "plugin": "virtual-keys"]) == 1)
        #expect(scrape.value("tollgate_plugin_duration_seconds_count", ["plugin": "budgets"]) == 2)
        #expect(scrape.value("tollgate_plugin_duration_seconds_sum", ["hook": "budget_commit", "plugin": "budgets"]) == 0.005)
    }

    @Test func aStreamWithoutATimelineStillReportsItsUpstreamTimeAndFirstToken() {
        let metrics = metrics()
        var outcome = CallOutcome(deployment: Self.deployment)
        outcome.latency = .milliseconds(1500)
        outcome.timeToFirstToken = .milliseconds(200)
        metrics.record(Self.event(seconds: 2, outcome: outcome))

        let scrape = scrape
        #expect(scrape.value("tollgate_upstream_duration_seconds_sum", ["deployment": "dep-a"]) == 1.5)
        #expect(scrape.value("tollgate_time_to_first_token_seconds_sum", ["deployment": "dep-a"]) == 0.2)
        #expect(scrape.value("tollgate_gateway_overhead_seconds_sum", ["model": "gpt-a"]) == 0.5)
    }

    @Test func aRequestThatNeverReachedUpstreamHasNoUpstreamOrOverheadSample() {
        let metrics = metrics()
        metrics.record(Self.event(outcome: CallOutcome(error: .unauthorized())))
        let scrape = scrape
        #expect(scrape.value("tollgate_requests_total", ["status": "401", "deployment": "none"]) == 1)
        #expect(scrape.value("tollgate_upstream_duration_seconds_count") == nil)
        #expect(scrape.value("tollgate_gateway_overhead_seconds_count") == nil)
    }

    @Test func labelsPastTheBoundAreCountedAsOtherWithExactTotals() {
        let metrics = metrics(maxLabelValues: 2)
        for team in ["t1", "t2", "t3", "t4", "t1"] { metrics.record(Self.event(team: team)) }

        let scrape = scrape
        #expect(scrape.value("tollgate_requests_total", ["team": "t1"]) == 2)
        #expect(scrape.value("tollgate_requests_total", ["team": "t2"]) == 1)
        #expect(scrape.value("tollgate_requests_total", ["team": "other"]) == 2)
        #expect(scrape.value("tollgate_requests_total", ["team": "t3"]) == nil)
        #expect(scrape.value("tollgate_requests_total") == 5)
        #expect(scrape.value("tollgate_metric_label_overflow_total", ["label": "team"]) == 2)
        // "none" and the one model took no more than the bound.
        #expect(scrape.value("tollgate_metric_label_overflow_total", ["label": "model"]) == nil)
    }
}
