public import GatewayCore

/// Where a deployment's Google access token comes from: a service account's signed JWT exchanged at its `token_uri`,
/// a user's refresh token (an `authorized_user` file), or the metadata server of the GCE VM, GKE pod or Cloud Run service the gateway runs on.
///
/// Hashable: the key of the token cache, so deployments with the same credentials share one token.
public enum GoogleCredentials: Sendable, Hashable {
    case serviceAccount(GoogleServiceAccount)
    /// A user's refresh token (`gcloud auth application-default login`).
    case authorizedUser(GoogleAuthorizedUser)
    /// The metadata server at `http://{host}` (`metadata.google.internal` unless `GCE_METADATA_HOST` says otherwise).
    case metadataServer(host: String)

    /// The metadata server's host on Google Cloud.
    public static let defaultMetadataHost = "metadata.google.internal"

    /// The credentials a deployment uses, in LiteLLM's order: `vertex_credentials` (the key file's JSON, as an object
    /// or as text, or a path to it), else `VERTEXAI_CREDENTIALS` (the same, as text), else the file
    /// `GOOGLE_APPLICATION_CREDENTIALS` names, else the metadata server (`GCE_METADATA_HOST`, as Google's client
    /// libraries read it, else ``defaultMetadataHost``).
    /// - Parameters:
    ///   - vertexCredentials: the deployment's `vertex_credentials`, if set.
    ///   - environment: the gateway's environment.
    ///   - readFile: the text of a file, nil when it cannot be read.
    /// - Throws: ``GoogleAuthError`` naming the file or field that is missing or malformed.
    public static func resolve(
        vertexCredentials: JSON?, environment: [String: String], readFile: (String) -> String?
    ) throws(GoogleAuthError) -> GoogleCredentials {
        if let value = vertexCredentials, !value.isNull {
            return try keyOrPath(value, origin: "vertex_credentials", readFile: readFile)
        }
        if let text = environment["VERTEXAI_CREDENTIALS"], !text.isEmpty {
            return try keyOrPath(.string(text), origin: "VERTEXAI_CREDENTIALS", readFile: readFile)
        }
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            return try file(path, readFile: readFile)
        }
        let host = environment["GCE_METADATA_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultMetadataHost
        return .metadataServer(host: host)
    }

    /// The credentials of a key file given as an object, as JSON text, or as the path of the file.
    private static func keyOrPath(_ value: JSON, origin: String, readFile: (String) -> String?) throws(GoogleAuthError) -> GoogleCredentials {
        if value.objectValue != nil { return try parse(value, origin: origin) }
        guard let text = value.stringValue, !text.isEmpty else {
            throw GoogleAuthError("'\(origin)' must be a service-account key (JSON) or the path of its file.")
        }
        guard text.first(where: { !$0.isWhitespace }) == "{" else { return try file(text, readFile: readFile) }
        guard let json = try? JSONParser.parse(text) else { throw GoogleAuthError("'\(origin)' is not valid JSON.") }
        return try parse(json, origin: origin)
    }

    /// A key file's credentials, by its `type`: `authorized_user`, else a service account (which names any other type).
    private static func parse(_ json: JSON, origin: String) throws(GoogleAuthError) -> GoogleCredentials {
        if json["type"] == "authorized_user" { return .authorizedUser(try GoogleAuthorizedUser(json: json, origin: origin)) }
        return .serviceAccount(try GoogleServiceAccount(json: json, origin: origin))
    }

    /// A key file's credentials.
    private static func file(_ path: String, readFile: (String) -> String?) throws(GoogleAuthError) -> GoogleCredentials {
        guard let text = readFile(path) else { throw GoogleAuthError("The Google credentials file '\(path)' cannot be read.") }
        guard let json = try? JSONParser.parse(text) else { throw GoogleAuthError("The Google credentials file '\(path)' is not valid JSON.") }
        return try parse(json, origin: "'\(path)'")
    }

    /// The secrets these credentials hold (the private key).
    public var secrets: [String] {
        switch self {
        case .serviceAccount(let account): [account.privateKey]
        case .authorizedUser(let user): [user.clientSecret, user.refreshToken]
        case .metadataServer: []
        }
    }

    /// The project a key file names (a service account's `project_id`, a user's `quota_project_id`), if any.
    public var projectID: String? {
        switch self {
        case .serviceAccount(let account): account.projectID
        case .authorizedUser(let user): user.quotaProjectID
        case .metadataServer: nil
        }
    }

    /// How errors name these credentials: the service account's email, or the metadata server.
    public var name: String {
        switch self {
        case .serviceAccount(let account): "Google service account '\(account.clientEmail)'"
        case .authorizedUser(let user): "the Google user credentials of client '\(user.clientID)'"
        case .metadataServer(let host): "the metadata server at \(host)"
        }
    }
}
