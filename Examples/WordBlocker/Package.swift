// swift-tools-version:6.1
import Foundation
import PackageDescription

// This package depends on the Tollgate repository by path. A path dependency's package identity is its
// directory's last path component ("tollgate", "main", whatever a CI clone is called), so compute it from
// this manifest's own location instead of hard-coding it: Examples/WordBlocker/Package.swift → the root.
let tollgateRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Examples/WordBlocker
    .deletingLastPathComponent()  // Examples
    .deletingLastPathComponent()  // the repository root
let tollgate = tollgateRoot.lastPathComponent

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "WordBlocker",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "WordBlocker", targets: ["WordBlocker"]),
        .executable(name: "word-blocking-gateway", targets: ["word-blocking-gateway"]),
    ],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .target(
            name: "WordBlocker",
            dependencies: [.product(name: "GatewayCore", package: tollgate)],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "word-blocking-gateway",
            dependencies: [
                "WordBlocker",
                .product(name: "GatewayServer", package: tollgate),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WordBlockerTests",
            dependencies: [
                "WordBlocker",
                .product(name: "GatewayCore", package: tollgate),
                // TestGateway: a real gateway on loopback for end-to-end tests of the plugin.
                .product(name: "GatewayTesting", package: tollgate),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
