import Testing

@testable import GatewayCore

struct MigrationTests {
    private let migrations = [
        Migration(version: 3, name: "three", statements: ["C"]),
        Migration(version: 1, name: "one", statements: ["A"]),
        Migration(version: 2, name: "two", statements: ["B1", "B2"]),
    ]

    @Test func pendingAreInVersionOrder() throws {
        #expect(try migrations.pending(applied: []).map(\.version) == [1, 2, 3])
        #expect(try migrations.pending(applied: [1]).map(\.name) == ["two", "three"])
        #expect(try migrations.pending(applied: [2]).map(\.version) == [1, 3])
        #expect(try migrations.pending(applied: [1, 2, 3]).isEmpty)
        #expect(try [Migration]().pending(applied: []).isEmpty)
    }

    @Test func duplicateVersionsAreAnError() throws {
        let duplicated = migrations + [Migration(version: 2, name: "two again", statements: [])]
        let error = try #require(throws: StoreError.self) { try duplicated.pending(applied: []) }
        #expect(error.message.contains("duplicate"))
        #expect(!error.isConflict && !error.isNotFound)
    }

    @Test func unknownAppliedVersionIsAnError() throws {
        let error = try #require(throws: StoreError.self) { try migrations.pending(applied: [1, 2, 3, 4, 7]) }
        #expect(error.message.contains("7"))
        #expect(error.message.contains("upgrade"))
    }
}
