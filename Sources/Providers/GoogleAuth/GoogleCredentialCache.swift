import Foundation
import GatewayCore
import Synchronization

/// Deployments' resolved credentials (``GoogleCredentials/resolve(vertexCredentials:environment:readFile:)``), each kept
/// for a minute, so a call costs no file read, JSON parse or key check on the hot path, and a rotated key file is
/// picked up within a minute. A failure is kept as long (a missing file is not looked for on every call).
final class GoogleCredentialCache: Sendable {
    /// How long a resolution is used, in seconds.
    static let lifetime = 60.0
    /// The most resolutions kept; the cache is emptied when it would hold more (deployments are few).
    static let capacity = 256

    /// What a resolution depends on: the deployment's value and the environment's.
    private struct Key: Hashable {
        var vertexCredentials: JSON?
        var environment: [String?]
    }

    private let entries = Mutex<[Key: (result: Result<GoogleCredentials, GoogleAuthError>, at: ContinuousClock.Instant)]>([:])

    /// The credentials `vertexCredentials` and `environment` resolve to.
    /// - Throws: ``GoogleAuthError`` naming what is missing or malformed.
    func credentials(vertexCredentials: JSON?, environment: [String: String]) throws(GoogleAuthError) -> GoogleCredentials {
        let key = Key(
            vertexCredentials: vertexCredentials,
            environment: ["VERTEXAI_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS", "GCE_METADATA_HOST"].map { environment[$0] })
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[key] }), now - cached.at < .seconds(Self.lifetime) { return try cached.result.get() }
        let result = Result { () throws(GoogleAuthError) -> GoogleCredentials in
            try GoogleCredentials.resolve(vertexCredentials: vertexCredentials, environment: environment) { path in
                try? String(contentsOfFile: path, encoding: .utf8)
            }
        }
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[key] = (result, now)
        }
        return try result.get()
    }
}
