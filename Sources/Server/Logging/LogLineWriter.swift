#if canImport(Glibc)
    import Glibc

    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin

    private let systemWrite = Darwin.write
#endif

/// Where a log handler's finished lines go: standard output (one `write(2)` per line, so concurrent lines never
/// interleave and nothing sits in a stdio buffer when the process dies), or a closure (tests capture lines).
public struct LogLineWriter: Sendable {
    private let sink: @Sendable ([UInt8]) -> Void

    /// - Parameter sink: receives each line as UTF-8 bytes, newline included.
    public init(_ sink: @escaping @Sendable ([UInt8]) -> Void) {
        self.sink = sink
    }

    func write(_ line: [UInt8]) { sink(line) }

    /// Writes each line to file descriptor 1 with as many `write` calls as it takes (one, for any usual line).
    public static let standardOutput = LogLineWriter { line in
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // Nowhere to report a failed log write; dropping the line beats crashing.
                }
                offset += written
            }
        }
    }
}
