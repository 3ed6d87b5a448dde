import Foundation
import Testing

/// The module edges of DESIGN.md, checked on the source tree: a plugin imports GatewayCore and its own
/// dependencies, never another plugin, Server or the test helpers; Core imports no plugin, no server and no
/// database driver.
struct ArchitectureTests {
    /// The package root, found from this file: `<root>/Tests/GatewayCoreTests/ArchitectureTests.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The plugin modules: the directories under Sources/Plugins (each is a target of the same name).
    static func pluginModules() throws -> [String] {
        let plugins = root.appendingPathComponent("Sources/Plugins")
        return try FileManager.default.contentsOfDirectory(at: plugins, includingPropertiesForKeys: [.isDirectoryKey])
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .map(\.lastPathComponent).sorted()
    }

    /// Every `.swift` file under `directory`, recursively.
    static func swiftFiles(under directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    /// The modules a Swift source imports, in order: `import X`, `public import X`, `@testable import X`,
    /// `@_exported import X`, `import struct X.Y`. Comments are skipped.
    static func importedModules(in source: String) -> [String] {
        let withoutBlockComments = source.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: "", options: .regularExpression)
        let pattern = try! NSRegularExpression(
            pattern: #"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"#
                + #"(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)"#)
        var modules: [String] = []
        for line in withoutBlockComments.split(whereSeparator: \.isNewline) {
            let text = String(line)
            let range = NSRange(text.startIndex..., in: text)
            guard let match = pattern.firstMatch(in: text, range: range), let module = Range(match.range(at: 1), in: text) else { continue }
            modules.append(String(text[module]))
        }
        return modules
    }

    /// The forbidden modules `source` imports. A forbidden name ending in `*` forbids every module with that prefix.
    static func violations(in source: String, forbidden: Set<String>) -> [String] {
        importedModules(in: source).filter { module in
            forbidden.contains(module) || forbidden.contains { $0.hasSuffix("*") && module.hasPrefix($0.dropLast()) }
        }
    }

    /// `file: module` for every forbidden import under `directory`.
    static func violations(under directory: URL, forbidden: Set<String>) throws -> [String] {
        try swiftFiles(under: directory).flatMap { file in
            let relative = file.path.replacingOccurrences(of: root.path + "/", with: "")
            return violations(in: try String(contentsOf: file, encoding: .utf8), forbidden: forbidden).map { "\(relative): imports \($0)" }
        }
    }

    static let serverModules: Set<String> = ["GatewayServer", "GatewayTesting", "tollgate"]

    @Test func pluginsImportNoOtherPluginNorServer() throws {
        let plugins = try Self.pluginModules()
        try #require(plugins.count >= 2, "expected the plugin directories under \(Self.root.path)/Sources/Plugins")
        var scanned = 0
        for plugin in plugins {
            let directory = Self.root.appendingPathComponent("Sources/Plugins/\(plugin)")
            scanned += Self.swiftFiles(under: directory).count
            let forbidden = Set(plugins.filter { $0 != plugin }).union(Self.serverModules)
            let violations = try Self.violations(under: directory, forbidden: forbidden)
            #expect(violations.isEmpty, "\(plugin) crosses a module edge: \(violations)")
        }
        #expect(scanned >= plugins.count)
    }

    @Test func coreImportsNoPluginServerOrDriver() throws {
        let core = Self.root.appendingPathComponent("Sources/Core")
        try #require(Self.swiftFiles(under: core).count > 10)
        let forbidden = Set(try Self.pluginModules()).union(Self.serverModules).union(["Hummingbird*", "GRDB", "PostgresNIO", "SQLite*", "Yams"])
        let violations = try Self.violations(under: core, forbidden: forbidden)
        #expect(violations.isEmpty, "GatewayCore crosses a module edge: \(violations)")
    }

    @Test func everyPluginHasItsEntryType() throws {
        for plugin in try Self.pluginModules() {
            let entry = Self.root.appendingPathComponent("Sources/Plugins/\(plugin)/\(plugin)Plugin.swift")
            #expect(FileManager.default.fileExists(atPath: entry.path), "Sources/Plugins/\(plugin) has no \(plugin)Plugin.swift")
        }
    }

    // MARK: The checker itself

    @Test func importParsingFindsEveryForm() {
        let source = """
            import GatewayCore
            public import ServiceLifecycle
            @testable import SpendLog
            @_exported import Logging
            @preconcurrency internal import NIOCore
            import struct GRDB.Row
              import PostgresNIO
            // import Commented
            /* import Blocked
               import AlsoBlocked */
            let notAnImport = "import Quoted"
            """
        #expect(Self.importedModules(in: source) == ["GatewayCore", "ServiceLifecycle", "SpendLog", "Logging", "NIOCore", "GRDB", "PostgresNIO"])
    }

    @Test func checkerDetectsAViolation() {
        let source = """
            public import GatewayCore
            import SQLiteStore
            @testable import GatewayServer
            import HummingbirdCore
            """
        let forbidden: Set<String> = ["SQLiteStore", "SpendLog", "GatewayServer", "Hummingbird*"]
        #expect(Self.violations(in: source, forbidden: forbidden) == ["SQLiteStore", "GatewayServer", "HummingbirdCore"])
        #expect(Self.violations(in: "import GatewayCore\nimport GRDB\n", forbidden: forbidden).isEmpty)
    }

    @Test func checkerDetectsAViolationInAFileOnDisk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arch-\(UUID().uuidString)/Nested")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        try "import GatewayCore\nimport MasterKeyAuth\n".write(to: directory.appendingPathComponent("Bad.swift"), atomically: true, encoding: .utf8)
        try "import MasterKeyAuth\n".write(to: directory.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        let violations = try Self.violations(under: directory.deletingLastPathComponent(), forbidden: ["MasterKeyAuth"])
        #expect(violations.count == 1)
        #expect(violations.first?.hasSuffix("Bad.swift: imports MasterKeyAuth") == true)
    }
}
