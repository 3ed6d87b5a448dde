import Foundation
import GatewayCore

/// ISO-8601 UTC timestamps with milliseconds (`2026-03-01T12:00:00.123Z`) for log lines (formatted by
/// ``ISO8601Time/string(wholeSeconds:milliseconds:)``, no date formatter per line).
///
/// The time comes from `Date`, not `clock_gettime`: `timespec` is defined by two C modules (Glibc and
/// CoreFoundation), and which one a build resolves it to depends on the other packages in the graph, so a package
/// that depends on the gateway (the example plugin) failed to compile this file.
enum LogTimestamp {
    static func now() -> String {
        let seconds = Date().timeIntervalSince1970
        let whole = seconds.rounded(.down)
        return ISO8601Time.string(wholeSeconds: Int(whole), milliseconds: min(999, Int((seconds - whole) * 1000)))
    }
}
