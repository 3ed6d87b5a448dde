import AWSSigV4
import Foundation
import Synchronization

/// The shared credentials file's text, re-read at most once a minute, so a call naming `aws_profile_name` costs no
/// file read on the hot path and a rotated key is picked up within a minute.
final class BedrockProfileCache: Sendable {
    /// How long a read of the file is used, in seconds.
    static let lifetime = 60.0

    private let files = Mutex<[String: (text: String?, readAt: Double)]>([:])

    /// The credentials of `profile` in the file at `path`; nil when the file or the profile's key pair is missing.
    func credentials(profile: String, path: String, now: Double) -> AWSCredentials? {
        let text = files.withLock { files -> String? in
            if let cached = files[path], now - cached.readAt < Self.lifetime, now >= cached.readAt { return cached.text }
            let text = try? String(contentsOfFile: path, encoding: .utf8)
            files[path] = (text, now)
            return text
        }
        return text.flatMap { AWSSharedCredentials.credentials(profile: profile, in: $0) }
    }
}
