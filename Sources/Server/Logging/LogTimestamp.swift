import GatewayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ISO-8601 UTC timestamps with milliseconds (`2026-03-01T12:00:00.123Z`) for log lines, from `clock_gettime`
/// (formatted by ``ISO8601Time/string(wholeSeconds:milliseconds:)``, no date formatter per line).
enum LogTimestamp {
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return ISO8601Time.string(wholeSeconds: Int(spec.tv_sec), milliseconds: Int(spec.tv_nsec / 1_000_000))
    }
}
