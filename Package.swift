// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// The release `tollgate` binary (bench/README.md, "Code layout"): the functions a running gateway executes placed next
// to each other (linker/tollgate.order, written by bench/link-order), so it keeps less of its code resident. It takes
// effect for functions compiled into sections of their own: scripts/build-release builds so (and links the Swift
// runtime and Foundation in, whose archives are built so).
let releaseBinaryLayout: [LinkerSetting] = [
    .unsafeFlags(
        ["-Xlinker", "--section-ordering-file=\(Context.packageDirectory)/linker/tollgate.order"],
        .when(platforms: [.linux], configuration: .release)
    )
]

let package = Package(
    name: "tollgate",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GatewayCore", targets: ["GatewayCore"]),
        .library(name: "GatewayServer", targets: ["GatewayServer"]),
        .library(name: "GatewayTesting", targets: ["GatewayTesting"]),
        .executable(name: "tollgate", targets: ["tollgate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
    ],
    targets: [
        // MARK: The lean HTTP/1.1 client for upstream calls (no gateway types).
        .target(
            name: "UpstreamHTTP1",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Sources/UpstreamHTTP1",
            swiftSettings: swiftSettings
        ),

        // MARK: Core: pipeline, plugin protocols, domain, store protocols, providers. No HTTP server, no DB driver.
        .target(
            name: "GatewayCore",
            dependencies: [
                "UpstreamHTTP1",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                // For NIOConnectionError only: an upstream's refused connection is named in the client's error.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Sources/Core",
            // The licence notice of the bundled price map's source (LiteLLM), kept beside its data.
            exclude: ["Pricing/PriceMap/NOTICE"],
            swiftSettings: swiftSettings
        ),

        // MARK: Plugins: each depends on GatewayCore and its own libraries only.
        .target(
            name: "MasterKeyAuth",
            dependencies: ["GatewayCore"],
            path: "Sources/Plugins/MasterKeyAuth",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "VirtualKeys",
            dependencies: ["GatewayCore", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Plugins/VirtualKeys",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ModelManagement",
            dependencies: [
                "GatewayCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/ModelManagement",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SpendLog",
            dependencies: [
                "GatewayCore",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/SpendLog",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Budgets",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/Budgets",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ToolAllowlist",
            dependencies: ["GatewayCore"],
            path: "Sources/Plugins/ToolAllowlist",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Guardrails",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/Plugins/Guardrails",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Policies",
            dependencies: [
                "GatewayCore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Sources/Plugins/Policies",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Routing",
            dependencies: [
                "GatewayCore",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/Routing",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PrometheusMetrics",
            dependencies: [
                "GatewayCore",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/Plugins/Prometheus",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OTelTracing",
            dependencies: [
                "GatewayCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/OTelTracing",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SQLiteStore",
            dependencies: [
                "GatewayCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/Plugins/SQLiteStore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "GatewayCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/PostgresStore",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "RequestLog",
            dependencies: ["GatewayCore", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Plugins/RequestLog",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HTTPCallback",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/HTTPCallback",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Alerts",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/Alerts",
            swiftSettings: swiftSettings
        ),

        // MARK: Dialects: wire formats served by translation at the HTTP edge; each depends on GatewayCore only.
        .target(
            name: "AdminUI",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/Plugins/AdminUI",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MCPGateway",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Sources/Plugins/MCPGateway",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "JWTAuth",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/Plugins/JWTAuth",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OpenAIResponsesDialect",
            dependencies: ["GatewayCore"],
            path: "Sources/Dialects/OpenAIResponses",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AnthropicMessagesDialect",
            dependencies: ["GatewayCore"],
            path: "Sources/Dialects/AnthropicMessages",
            swiftSettings: swiftSettings
        ),

        // MARK: Providers: one target per provider family, outside GatewayCore; each depends on GatewayCore and its own libraries.
        .target(
            name: "OpenAIProvider",
            dependencies: [
                "GatewayCore",
                "OpenAIResponsesDialect",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Sources/Providers/OpenAI",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AnthropicProvider",
            dependencies: [
                "AnthropicMessagesDialect",
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Sources/Providers/Anthropic",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FakeProvider",
            dependencies: ["GatewayCore"],
            path: "Sources/Providers/Fake",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AWSSigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/Providers/AWSSigV4",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BedrockProvider",
            dependencies: [
                "AWSSigV4",
                "AnthropicMessagesDialect",
                "AnthropicProvider",
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/Providers/Bedrock",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "AzureProvider",
            dependencies: [
                "GatewayCore",
                "OpenAIProvider",
                "OpenAIResponsesDialect",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/Providers/Azure",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GeminiDialect",
            dependencies: ["GatewayCore"],
            path: "Sources/Dialects/GeminiGenerateContent",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GeminiProvider",
            dependencies: [
                "GatewayCore",
                "GeminiDialect",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/Providers/Gemini",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GoogleAuth",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/Providers/GoogleAuth",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "VertexProvider",
            dependencies: [
                "AnthropicMessagesDialect",
                "AnthropicProvider",
                "GatewayCore",
                "GeminiDialect",
                "GeminiProvider",
                "GoogleAuth",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/Providers/Vertex",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CohereProvider",
            dependencies: [
                "GatewayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/Providers/Cohere",
            swiftSettings: swiftSettings
        ),

        // MARK: Server: the HTTP app, endpoints, wiring, CLI, and the list of built-in plugins.
        .target(
            name: "GatewayServer",
            dependencies: [
                "UpstreamHTTP1",
                "AdminUI",
                "Alerts",
                "AnthropicMessagesDialect",
                "AnthropicProvider",
                "AzureProvider",
                "BedrockProvider",
                "Budgets",
                "CohereProvider",
                "GatewayCore",
                "GeminiDialect",
                "GeminiProvider",
                "Guardrails",
                "FakeProvider",
                "HTTPCallback",
                "JWTAuth",
                "MasterKeyAuth",
                "MCPGateway",
                "ModelManagement",
                "OpenAIProvider",
                "OpenAIResponsesDialect",
                "OTelTracing",
                "Policies",
                "PostgresStore",
                "PrometheusMetrics",
                "RequestLog",
                "Routing",
                "SpendLog",
                "SQLiteStore",
                "ToolAllowlist",
                "VertexProvider",
                "VirtualKeys",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/Server",
            exclude: ["Main"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tollgate",
            dependencies: ["GatewayServer", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            path: "Sources/Server/Main",
            swiftSettings: swiftSettings,
            linkerSettings: releaseBinaryLayout
        ),

        // MARK: Test helpers for us and for plugin authors: loopback upstreams speaking providers' wire formats.
        .target(
            name: "GatewayTesting",
            dependencies: [
                "GatewayCore",
                "GatewayServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // For the Google OAuth stand-in, which checks service accounts' RS256 signatures.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Sources/Testing",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "UpstreamHTTP1Tests",
            dependencies: [
                "UpstreamHTTP1",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatewayCoreTests",
            dependencies: [
                "FakeProvider",
                "GatewayCore",
                "GatewayTesting",
                "MasterKeyAuth",
                "SpendLog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AnthropicMessagesDialectTests",
            dependencies: ["AnthropicMessagesDialect", "GatewayCore", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StoreContractTests",
            dependencies: ["GatewayCore", "GatewayTesting", "SQLiteStore", "PostgresStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BudgetsTests",
            dependencies: [
                "GatewayTesting",
                "Budgets",
                "GatewayCore",
                "SQLiteStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ToolAllowlistTests",
            dependencies: [
                "GatewayCore",
                "ToolAllowlist",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuardrailsTests",
            dependencies: [
                "GatewayTesting",
                "GatewayCore",
                "Guardrails",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PoliciesTests",
            dependencies: [
                "GatewayCore",
                "GatewayTesting",
                "Policies",
                "SQLiteStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoutingTests",
            dependencies: [
                "GatewayCore",
                "Routing",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrometheusMetricsTests",
            dependencies: [
                "GatewayCore",
                "GatewayTesting",
                "PrometheusMetrics",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpenAIResponsesDialectTests",
            dependencies: ["GatewayCore", "OpenAIResponsesDialect"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AWSSigV4Tests",
            dependencies: ["AWSSigV4"],
            exclude: ["aws4_testsuite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BedrockProviderTests",
            dependencies: [
                "AWSSigV4",
                "BedrockProvider",
                "GatewayCore",
                "GatewayTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureProviderTests",
            dependencies: [
                "AzureProvider",
                "GatewayCore",
                "GatewayTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiProviderTests",
            dependencies: [
                "GeminiDialect",
                "GeminiProvider",
                "GatewayCore",
                "GatewayTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VertexProviderTests",
            dependencies: [
                "GoogleAuth",
                "VertexProvider",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                "GatewayCore",
                "GatewayTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CohereProviderTests",
            dependencies: [
                "CohereProvider",
                "GatewayCore",
                "GatewayTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AdminUITests",
            dependencies: [
                "AdminUI",
                "GatewayCore",
                "GatewayServer",
                "GatewayTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MCPGatewayTests",
            dependencies: [
                "GatewayCore",
                "GatewayServer",
                "GatewayTesting",
                "MCPGateway",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JWTAuthTests",
            dependencies: [
                "GatewayCore",
                "GatewayServer",
                "GatewayTesting",
                "JWTAuth",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Alerts",
                "GatewayServer",
                "GatewayTesting",
                "HTTPCallback",
                "OpenAIResponsesDialect",
                "RequestLog",
                "SQLiteStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
