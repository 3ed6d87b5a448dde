import Foundation
import GatewayCore
import HTTPTypes
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A local MCP server the gateway runs as a child process: newline-delimited JSON-RPC on its stdin and stdout.
///
/// The process starts on first use. When it exits, calls waiting on it fail at once (``MCPUpstreamError/Kind/unreachable``)
/// and the next call starts it again, after a backoff that doubles with each exit that follows a short run (0.5 s,
/// 1 s, 2 s... at most 30 s; a process that ran a minute starts the count over). The child gets `PATH`, `HOME` and
/// the server's `env` only, never the gateway's environment (which holds its secrets); its stderr is discarded.
/// Notifications the child writes between responses are relayed: a call's progress to its sink, a
/// `tools/list_changed` to `notified`. A cancelled call is told to the child as `notifications/cancelled`.
///
/// Not the MCP Swift SDK's `StdioTransport`: that one reads a non-blocking descriptor in a loop that sleeps 10 ms
/// when there is nothing to read (a wake-up every 10 ms per idle server) and needs swift-system's types; reading
/// the pipe with Foundation's readability handler wakes only when the child writes.
actor StdioUpstream: MCPUpstream {
    private let server: MCPServerDefinition
    private let maxMessageBytes: Int
    private let logger: Logger
    private var process: Process?
    private var input: FileHandle?
    private var generation = 0
    private var initialized = false
    private var pending: [Int: CheckedContinuation<JSON, any Error>] = [:]
    private var nextID = 1
    private var shortRuns = 0
    private var startedAt = Date.distantPast
    private var notBefore = Date.distantPast
    private var closed = false
    private var progress = MCPProgressRelay()
    private let notified: @Sendable (JSON) -> Void

    init(server: MCPServerDefinition, maxMessageBytes: Int, logger: Logger, notified: @escaping @Sendable (JSON) -> Void = { _ in }) {
        self.server = server
        self.maxMessageBytes = maxMessageBytes
        self.logger = logger
        self.notified = notified
    }

    func send(method: String, params: JSON?, headers: HTTPFields, progress sink: MCPProgressSink?) async throws -> JSON {
        try await ensureStarted()
        let (upstreamParams, token) = progress.register(params, sink: sink)
        defer { progress.remove(token) }
        return try await exchange(method: method, params: upstreamParams)
    }

    var callsInFlight: Int { pending.count + progress.count }

    func close() async {
        closed = true
        stop(reason: "The MCP server '\(server.name)' was removed.")
    }

    /// The child's process id, while it runs (for tests and logs).
    var processID: Int32? { process?.processIdentifier }

    private func ensureStarted() async throws {
        if closed { throw MCPUpstreamError(kind: .unreachable, message: "The MCP server '\(server.name)' was removed.") }
        if process != nil, initialized { return }
        if process == nil {
            let wait = notBefore.timeIntervalSinceNow
            if wait > 0 {
                throw MCPUpstreamError(
                    kind: .restarting, message: "MCP server '\(server.name)' exited; it is started again in \(String(format: "%.1f", wait)) s.")
            }
            try start()
        }
        let answer = try await exchange(method: "initialize", params: MCPHandshake.initializeParams)
        if let error = answer["error"] {
            stop(reason: "MCP server '\(server.name)' refused to initialize.")
            throw MCPUpstreamError(
                kind: .rejected, message: "MCP server '\(server.name)' refused to initialize: \(error["message"]?.stringValue ?? "")")
        }
        try write(MCPHandshake.initialized)
        initialized = true
    }

    private func start() throws {
        Self.ignoreBrokenPipes
        let child = Process()
        let command = server.command ?? ""
        if command.contains("/") {
            child.executableURL = URL(fileURLWithPath: command)
            child.arguments = server.arguments
        } else {
            child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            child.arguments = [command] + server.arguments
        }
        let parent = ProcessInfo.processInfo.environment
        var environment = ["PATH": parent["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
        if let home = parent["HOME"] { environment["HOME"] = home }
        child.environment = environment.merging(server.environment) { _, own in own }
        let stdin = Pipe()
        let stdout = Pipe()
        child.standardInput = stdin
        child.standardOutput = stdout
        child.standardError = FileHandle.nullDevice
        generation += 1
        let current = generation
        let (lines, continuation) = AsyncStream.makeStream(of: Data.self)
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
            } else {
                continuation.yield(data)
            }
        }
        do {
            try child.run()
        } catch {
            stdout.fileHandleForReading.readabilityHandler = nil
            continuation.finish()
            noteExit()
            throw MCPUpstreamError(kind: .unreachable, message: "MCP server '\(server.name)' could not be started.")
        }
        process = child
        input = stdin.fileHandleForWriting
        startedAt = Date()
        logger.info("started MCP server", metadata: ["mcp_server": .string(server.name), "pid": .stringConvertible(child.processIdentifier)])
        Task { [weak self] in
            var buffer = Data()
            for await chunk in lines {
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = Data(buffer[(newline + 1)...])
                    if !line.isEmpty { await self?.deliver(Data(line), generation: current) }
                }
                if let self, buffer.count > self.maxMessageBytes {
                    await self.stop(
                        reason: "MCP server '\(self.server.name)' sent a message over \(self.maxMessageBytes) bytes.", generation: current)
                    return
                }
            }
            await self?.stop(reason: "MCP server '\(self?.server.name ?? "")' exited.", generation: current)
        }
    }

    private func exchange(method: String, params: JSON?) async throws -> JSON {
        let id = nextID
        nextID += 1
        let timer = MCPUpstreamError.timeout(for: server) { [weak self] in await self?.fail(id, $0) }
        defer { timer.cancel() }
        let message = MCPHandshake.request(id: id, method: method, params: params)
        let answer = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSON, any Error>) in
                pending[id] = continuation
                do {
                    try write(message)
                } catch {
                    fail(id, error)
                }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
        return try MCPHandshake.checkResponse(answer, id: id, server: server.name)
    }

    /// Ends a waiting call whose caller was cancelled, and tells the child.
    private func cancel(_ id: Int) {
        guard let continuation = pending.removeValue(forKey: id) else { return }
        continuation.resume(throwing: CancellationError())
        try? write(MCPHandshake.cancelled(id))
    }

    private func write(_ message: JSON) throws {
        guard let input else { throw MCPUpstreamError(kind: .unreachable, message: "MCP server '\(server.name)' is not running.") }
        var bytes = message.serializedBytes()
        bytes.append(0x0A)
        do {
            try input.write(contentsOf: bytes)
        } catch {
            throw MCPUpstreamError(kind: .unreachable, message: "MCP server '\(server.name)' stopped reading its input.")
        }
    }

    private func fail(_ id: Int, _ error: any Error) {
        pending.removeValue(forKey: id)?.resume(throwing: error)
    }

    /// A line from the child: the response to a waiting call, or a notification to relay (others are dropped).
    private func deliver(_ line: Data, generation current: Int) {
        guard current == generation else { return }
        guard let message = try? JSONParser.parse(line) else {
            logger.warning("MCP server wrote a line that is not JSON", metadata: ["mcp_server": .string(server.name)])
            return
        }
        if MCPHandshake.isListChanged(message) { return notified(message) }
        if progress.relay(message) { return }
        guard message["method"] == nil, let id = message["id"]?.intValue else { return }
        pending.removeValue(forKey: id)?.resume(returning: message)
    }

    private func stop(reason: String, generation current: Int) {
        guard current == generation else { return }
        stop(reason: reason)
    }

    /// Ends the child (when running) and fails every waiting call.
    private func stop(reason: String) {
        if let process, process.isRunning { process.terminate() }
        if process != nil {
            logger.warning("MCP server stopped", metadata: ["mcp_server": .string(server.name), "reason": .string(reason)])
            noteExit()
        }
        process = nil
        try? input?.close()
        input = nil
        initialized = false
        generation += 1
        let waiting = pending
        pending = [:]
        for continuation in waiting.values { continuation.resume(throwing: MCPUpstreamError(kind: .unreachable, message: reason)) }
    }

    /// Sets when the process may start again: 0.5 s after the first short run, doubling up to 30 s.
    private func noteExit() {
        shortRuns = Date().timeIntervalSince(startedAt) > 60 ? 1 : shortRuns + 1
        notBefore = Date().addingTimeInterval(min(0.5 * pow(2, Double(min(shortRuns, 10) - 1)), 30))
    }

    /// Writing to a child that exited must be an error, not a signal that ends the gateway.
    private static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}
