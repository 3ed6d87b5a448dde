#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A spend journal file operation that failed: what was done, to which path, and the system's reason. Carries no
/// row content.
struct SpendJournalError: Error, CustomStringConvertible {
    let description: String

    /// - Parameters:
    ///   - operation: what was attempted (`create`, `write to`, ...).
    ///   - path: the file or folder.
    ///   - code: the `errno` value.
    init(_ operation: String, _ path: String, errno code: Int32) {
        description = "cannot \(operation) '\(path)': \(String(cString: strerror(code)))"
    }

    init(_ message: String) {
        description = message
    }
}
