import Foundation
import Testing
import Tracing

@testable import GatewayCore

/// At most one plugin may provide the gateway's tracer.
struct TracerPluginTests {
    enum FirstTracerPlugin: Plugin {
        static let id = "first-tracer"
        static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
            PluginComponents(tracer: NoOpTracer())
        }
    }

    enum SecondTracerPlugin: Plugin {
        static let id = "second-tracer"
        static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
            PluginComponents(tracer: NoOpTracer())
        }
    }

    let registry = PluginRegistry([FirstTracerPlugin.self, SecondTracerPlugin.self])

    @Test func oneTracerIsHandedToTheRunner() async throws {
        let loaded = try await registry.build(PluginManifest(entries: [.init(name: "second-tracer")]), context: TestContext.plugin())
        #expect(loaded.tracer != nil)
        #expect(loaded.tracerPluginID == "second-tracer")
    }

    @Test func twoTracersStopStartupNamingBoth() async throws {
        let manifest = PluginManifest(entries: [.init(name: "first-tracer"), .init(name: "second-tracer")])
        let error = try #require(
            await #expect(throws: ConfigError.self) { try await registry.build(manifest, context: TestContext.plugin()) })
        #expect(error.message.contains("'first-tracer'") && error.message.contains("'second-tracer'"))
    }
}
