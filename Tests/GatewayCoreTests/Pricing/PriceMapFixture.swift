import Foundation

@testable import GatewayCore

/// The LiteLLM excerpt of Fixtures/ (see its README) and the converter script, for the price map tests.
enum PriceMapFixture {
    /// The repository's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let excerptPath = root + "/Tests/GatewayCoreTests/Pricing/Fixtures/litellm-excerpt.json"

    static func excerpt() throws -> JSON { try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: excerptPath)))) }

    /// Runs scripts/update-price-map with `arguments` under the SDK venv's Python (`TOLLGATE_PYTHON`), else `python3`.
    /// - Returns: the exit status, stdout and stderr.
    static func convert(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        if let python = ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"], !python.isEmpty {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [root + "/scripts/update-price-map"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", root + "/scripts/update-price-map"] + arguments
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}
