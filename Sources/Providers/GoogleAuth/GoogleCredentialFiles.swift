import Foundation
import Synchronization

/// Key files' texts, each re-read at most once a minute, so a call costs no file read on the hot path and a rotated
/// key is picked up within a minute.
final class GoogleCredentialFiles: Sendable {
    /// How long a read of a file is used, in seconds.
    static let lifetime = 60.0

    private let files = Mutex<[String: (text: String?, readAt: ContinuousClock.Instant)]>([:])

    /// The text of the file at `path`, nil when it cannot be read.
    func text(of path: String) -> String? {
        let now = ContinuousClock.now
        return files.withLock { files in
            if let cached = files[path], now - cached.readAt < .seconds(Self.lifetime) { return cached.text }
            let text = try? String(contentsOfFile: path, encoding: .utf8)
            files[path] = (text, now)
            return text
        }
    }
}
