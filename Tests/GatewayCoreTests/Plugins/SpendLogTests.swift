import Foundation
import GatewayTesting
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import GatewayCore
@testable import SpendLog

struct SpendLogTests {
    private func entry(_ id: String, keyHash: String? = nil, spend: Double = 0) -> SpendLogEntry {
        SpendLogEntry(
            requestID: id, callType: "chat_completions", startTime: 0, endTime: 1, keyHash: keyHash, model: "m", spend: spend, status: "success")
    }

    private func writer(_ store: InMemoryStore, batchSize: Int, maxBuffered: Int = 1000) -> SpendLogWriter {
        SpendLogWriter(store: store, batchSize: batchSize, maxBuffered: maxBuffered, logger: TestContext.logger)
    }

    // MARK: Writer

    /// A full batch starts a write without making the logging consumer wait for it; the write takes every row
    /// waiting by then, batch by batch.
    @Test func aFullBatchIsWrittenWithoutWaitingForAFlush() async throws {
        let store = InMemoryStore()
        let writer = writer(store, batchSize: 2)
        await writer.add(entry("r0"))
        #expect(await writer.bufferedCount == 1)
        await writer.add(entry("r1"))
        #expect(await eventually { await store.spendLogRequestIDs == ["r0", "r1"] })
        // Waits for the write in flight, then finds nothing left to write.
        #expect(await writer.flush())
        #expect(await writer.bufferedCount == 0)
        #expect(await store.appendedBatches == [["r0", "r1"]])

        await writer.add(entry("r2"))
        #expect(await writer.flush())
        #expect(await store.spendLogRequestIDs == ["r0", "r1", "r2"])
        #expect(await store.appendAttempts == 2)
    }

    @Test func failedBatchIsKeptAndRetriedInOrder() async throws {
        let store = InMemoryStore(failNextAppends: 1)
        let writer = writer(store, batchSize: 10)
        await writer.add(entry("r0"))
        await writer.add(entry("r1"))
        #expect(await writer.flush() == false)
        #expect(await writer.bufferedCount == 2)
        #expect(await store.spendLogs.isEmpty)

        await writer.add(entry("r2"))
        #expect(await writer.flush())
        #expect(await store.spendLogRequestIDs == ["r0", "r1", "r2"])
        #expect(await store.appendAttempts == 2)
    }

    @Test func aFullBufferKeepsEveryRowUntilTheStoreIsBack() async throws {
        let store = InMemoryStore(failNextAppends: 1000)
        let writer = writer(store, batchSize: 2, maxBuffered: 3)
        for index in 0..<6 { await writer.add(entry("r\(index)")) }
        #expect(await writer.bufferedCount == 6, "past max_buffered rows are kept (an error is logged), never dropped")

        await store.failNextAppends(0)
        #expect(await writer.flush())
        #expect(await store.spendLogRequestIDs == ["r0", "r1", "r2", "r3", "r4", "r5"])
    }

    // MARK: Flusher

    @Test func flusherFlushesEverythingOnGracefulShutdown() async throws {
        let store = InMemoryStore()
        let writer = writer(store, batchSize: 500)
        for index in 0..<3 { await writer.add(entry("r\(index)")) }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup { group in
                group.addTask { try await SpendLogFlusher(writer: writer, interval: 3600).run() }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(await store.spendLogRequestIDs == ["r0", "r1", "r2"])
        #expect(await writer.bufferedCount == 0)
    }

    @Test func flusherRetriesTheFinalFlushWhileTheStoreIsBrieflyDown() async throws {
        let store = InMemoryStore(failNextAppends: 2)
        let writer = writer(store, batchSize: 500)
        await writer.add(entry("r0"))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup { group in
                group.addTask { try await SpendLogFlusher(writer: writer, interval: 3600).run() }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(await store.spendLogRequestIDs == ["r0"])
        #expect(await store.appendAttempts == 3)
    }

    /// A write already in flight when shutdown starts (a slow but healthy store) must land before `run()` returns:
    /// after that the store's own service shuts down and a re-buffered row would be lost.
    @Test func flusherWaitsForAWriteInFlightAtShutdown() async throws {
        let store = InMemoryStore(appendDelay: .milliseconds(1500))
        let writer = writer(store, batchSize: 1)
        let inFlight = Task { await writer.add(entry("r0")) }
        #expect(await eventually { await store.appendAttempts == 1 })
        await writer.add(entry("r1"))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup { group in
                group.addTask { try await SpendLogFlusher(writer: writer, interval: 3600).run() }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(await store.spendLogRequestIDs == ["r0", "r1"])
        await inFlight.value
    }

    /// A graceful shutdown while the store is down leaves the rows in the journal; the next start replays them at
    /// once, before its first interval.
    @Test func aShutdownWithTheStoreDownLeavesRowsInTheJournalForTheNextStart() async throws {
        let journal = NSTemporaryDirectory() + "tollgate-journal-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: journal) }
        func run(_ writer: SpendLogWriter, whileRunning body: @Sendable () async -> Void = {}) async throws {
            try await testGracefulShutdown { trigger in
                try await withThrowingTaskGroup { group in
                    group.addTask { try await SpendLogFlusher(writer: writer, interval: 3600).run() }
                    await body()
                    trigger.triggerGracefulShutdown()
                    try await group.waitForAll()
                }
            }
        }
        let down = InMemoryStore(failNextAppends: 1000)
        let first = SpendLogWriter(
            store: down, batchSize: 10, maxBuffered: 10, journal: try SpendJournal(directory: journal, logger: TestContext.logger),
            logger: TestContext.logger)
        for index in 0..<3 { await first.add(entry("r\(index)")) }
        try await run(first)
        #expect(await down.spendLogs.isEmpty)

        let up = InMemoryStore()
        // The first journal's segment is adoptable only once no child started meanwhile holds a copy of it.
        ChildSpawns.waitForSpawnsInFlight()
        let second = SpendLogWriter(
            store: up, batchSize: 10, maxBuffered: 10, journal: try SpendJournal(directory: journal, logger: TestContext.logger),
            logger: TestContext.logger)
        #expect(await second.pendingCount == 3)
        try await run(second) {
            #expect(await eventually { await up.spendLogRequestIDs == ["r0", "r1", "r2"] })
        }
        #expect(await up.appendAttempts == 1)
        // The folder stays (this run did not make it); no segment is left in it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: journal).isEmpty)
    }

    @Test func flusherWritesOnItsInterval() async throws {
        let store = InMemoryStore()
        let writer = writer(store, batchSize: 500)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup { group in
                group.addTask { try await SpendLogFlusher(writer: writer, interval: 0.02).run() }
                await writer.add(entry("r0"))
                #expect(await eventually { await store.spendLogRequestIDs == ["r0"] })
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    // MARK: Hook

    @Test func entryCarriesTheRequestsAccounting() {
        let principal = Principal(
            subject: "key:abc", role: .user, keyHash: "abc123", userID: "u1", teamID: "t1", endUserID: "customer-9")
        let deployment = Deployment(id: "d1", modelName: "m", provider: "anthropic", upstreamModel: "claude-x")
        let event = RequestLogEvent(
            requestID: "req-9", endpoint: .embeddings, requestedModel: "m", principal: principal,
            outcome: CallOutcome(deployment: deployment, usage: Usage(promptTokens: 11, completionTokens: 22), cost: 0.25),
            startTime: 100, endTime: 101.5, streamed: true,
            timeline: RequestTimeline(
                hooks: [HookRun(point: .auth, pluginID: "virtual-keys", decision: .proceed, startOffset: .zero, duration: .milliseconds(1))],
                attempts: [
                    AttemptRun(deploymentID: "d0", modelGroup: "m", number: 1, startOffset: .zero, duration: .milliseconds(2), status: 500),
                    AttemptRun(deploymentID: "d1", modelGroup: "m", number: 2, startOffset: .zero, duration: .milliseconds(3), status: 200),
                ]))

        let entry = SpendLogHook.entry(for: event)
        #expect(entry.requestID == "req-9")
        #expect(entry.callType == "embeddings")
        #expect(entry.startTime == 100)
        #expect(entry.endTime == 101.5)
        #expect(entry.keyHash == "abc123")
        #expect(entry.userID == "u1")
        #expect(entry.teamID == "t1")
        #expect(entry.endUser == "customer-9")
        #expect(entry.model == "m")
        #expect(entry.deploymentID == "d1")
        #expect(entry.provider == "anthropic")
        #expect(entry.promptTokens == 11)
        #expect(entry.completionTokens == 22)
        #expect(entry.spend == 0.25)
        #expect(entry.status == "success")
        #expect(entry.errorCode == nil)
        #expect(entry.metadata["streamed"] == true)
        // The decision trace: which plugin decided what, and each upstream attempt (a retry here).
        #expect(entry.metadata["decision_trace"]?["hooks"]?[0]?["plugin"] == "virtual-keys")
        #expect(entry.metadata["decision_trace"]?["attempts"]?.arrayValue?.compactMap { $0["status"]?.intValue } == [500, 200])
    }

    @Test func metadataKeepsTheAnnotationsAndTheHookWinsOverThem() throws {
        let annotations: [String: JSON] = [
            "guardrails": ["shadow": ["pii"]], "streamed": "spoofed", "decision_trace": "spoofed", "usage_object": "kept: no usage",
            "error_information": "replaced", "quote\"d": "é\n",
        ]
        let event = RequestLogEvent(
            requestID: "req-a", endpoint: .chatCompletions, requestedModel: "m", principal: .anonymous,
            outcome: CallOutcome(error: .rateLimited("slow down")), startTime: 0, endTime: 0, streamed: false,
            annotations: annotations,
            timeline: RequestTimeline(hooks: [
                HookRun(
                    point: .guardrailPreCall, pluginID: "guardrails", decision: .rejected, reason: "matched \"x\"",
                    startOffset: .microseconds(1_500), duration: .nanoseconds(2_000_050))
            ]))
        let entry = SpendLogHook.entry(for: event)
        // The text is what the store and the journal write; it must read back as the members below.
        let metadata = try JSONParser.parse(entry.metadataText)
        #expect(metadata == entry.metadata)
        #expect(metadata["guardrails"] == ["shadow": ["pii"]])
        #expect(metadata["quote\"d"] == "é\n")
        #expect(metadata["streamed"] == false)
        #expect(metadata["usage_object"] == "kept: no usage")
        #expect(metadata["error_information"]?["error_code"] == "429")
        #expect(
            metadata["decision_trace"]
                == [
                    "hooks": [
                        [
                            "point": "guardrail_pre_call", "plugin": "guardrails", "decision": "rejected", "reason": "matched \"x\"",
                            "at_ms": 1.5, "ms": 2.0,
                        ]
                    ],
                    "attempts": [],
                ])
    }

    @Test func failedRequestIsAFailureWithItsErrorCode() {
        let event = RequestLogEvent(
            requestID: "req-x", endpoint: .chatCompletions, requestedModel: nil, principal: .anonymous,
            outcome: CallOutcome(error: .rateLimited("slow down")), startTime: 0, endTime: 0, streamed: false)
        let entry = SpendLogHook.entry(for: event)
        #expect(entry.status == "failure")
        #expect(entry.errorCode == "rate_limit_exceeded")
        #expect(entry.keyHash == nil)
        #expect(entry.deploymentID == nil)
        #expect(entry.promptTokens == 0)
        #expect(entry.spend == 0)
    }

    @Test func hookBuffersIntoTheWriter() async {
        let store = InMemoryStore()
        let writer = writer(store, batchSize: 10)
        let event = RequestLogEvent(
            requestID: "req-1", endpoint: .chatCompletions, requestedModel: "m", principal: .anonymous, outcome: CallOutcome(), startTime: 0,
            endTime: 0, streamed: false)
        await SpendLogHook(writer: writer).log(event)
        #expect(await writer.bufferedCount == 1)
        #expect(await store.spendLogs.isEmpty)
    }

    // MARK: Plugin

    @Test func pluginNeedsAStore() async throws {
        let registry = PluginRegistry([SpendLogPlugin.self])
        let error = try #require(
            await #expect(throws: ConfigError.self) {
                try await registry.build(PluginManifest(entries: [.init(name: "spend-log")]), context: TestContext.plugin())
            })
        #expect(error.message.contains("storage plugin"))
    }

    private static let badConfigs: [(JSON, String)] = [
        (["batch_size": 0], "config.batch_size"), (["flush_interval_seconds": -1], "config.flush_interval_seconds"),
        (["batch_size": 10, "max_buffered": 5], "config.max_buffered"), (["batch_size": "ten"], "config.batch_size"),
        (["journal_dir": ""], "config.journal_dir"), (["journal": "yes"], "config.journal"),
    ]

    @Test(arguments: badConfigs)
    func pluginRejectsBadConfig(_ config: JSON, _ key: String) async throws {
        let registry = PluginRegistry([StoreAPlugin.self, SpendLogPlugin.self])
        let manifest = PluginManifest(entries: [.init(name: "store-a"), .init(name: "spend-log", config: config)])
        let error = try #require(await #expect(throws: ConfigError.self) { try await registry.build(manifest, context: TestContext.plugin()) })
        #expect(error.message.contains("'spend-log'"))
        #expect(error.message.contains(key))
    }

    /// A journal folder that cannot be made (a file is in the way) stops startup, naming the key.
    @Test func aJournalThatCannotBeOpenedStopsStartup() async throws {
        let file = NSTemporaryDirectory() + "tollgate-journal-file-" + UUID().uuidString
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let registry = PluginRegistry([StoreAPlugin.self, SpendLogPlugin.self])
        for directory in [file, file + "/below"] {
            let manifest = PluginManifest(entries: [.init(name: "store-a"), .init(name: "spend-log", config: ["journal_dir": .string(directory)])])
            let error = try #require(await #expect(throws: ConfigError.self) { try await registry.build(manifest, context: TestContext.plugin()) })
            #expect(error.message.contains("'spend-log'"), "\(error)")
            #expect(error.message.contains("config.journal_dir"), "\(error)")
            #expect(error.message.contains(file), "\(error)")
        }
    }

    /// The whole path: pipeline → log queue → spend-log hook → writer → store, with the server's shutdown order
    /// (log queue registered after the plugins' services, so it drains into the writer before the final flush).
    @Test func requestsLoggedBeforeShutdownReachTheStore() async throws {
        let journal = NSTemporaryDirectory() + "tollgate-journal-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let registry = PluginRegistry([StoreAPlugin.self, SpendLogPlugin.self])
        let manifest = PluginManifest(entries: [
            .init(name: "spend-log", config: ["flush_interval_seconds": 3600, "journal_dir": .string(journal)]), .init(name: "store-a"),
        ])
        let loaded = try await registry.build(manifest, context: TestContext.plugin())
        let store = try #require(loaded.store as? InMemoryStore)
        let deployment = Deployment(id: "d1", modelName: "m", provider: "fake", upstreamModel: "f", inputCostPerToken: 0.01)
        let runner = makeRunner(loaded.hooks, deployments: [deployment])
        let group = ServiceGroup(services: loaded.services + [runner.logService], logger: TestContext.logger)

        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            for index in 0..<3 { _ = try await runner.handle(TestContext.chatRequest(id: "req-\(index)")) }
            _ = try? await runner.handle(TestContext.chatRequest(id: "req-missing", model: "nope"))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }

        #expect(await store.spendLogRequestIDs.sorted() == ["req-0", "req-1", "req-2", "req-missing"])
        let logged = try #require(try await store.spendLog(requestID: "req-0"))
        #expect(logged.status == "success")
        #expect(logged.deploymentID == "d1")
        #expect(logged.promptTokens > 0)
        #expect(logged.spend > 0)
        #expect(try await store.spendLog(requestID: "req-missing")?.errorCode == "model_not_found")
        #expect(!FileManager.default.fileExists(atPath: journal), "a journal emptied by a clean shutdown is removed")
    }
}
