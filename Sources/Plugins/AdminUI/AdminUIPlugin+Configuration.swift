public import GatewayCore

extension AdminUIPlugin {
    /// The `config` object of `admin-ui` in plugins.json.
    ///
    /// - `session_ttl_seconds` (number, default 28800 = 8 hours, 1...2592000): how long a login lasts; the session
    ///   ends on the server then, whatever the browser keeps.
    /// - `max_sessions` (integer, default 10000, 1...1000000): sessions kept at once; past it the one closest to
    ///   expiry is dropped.
    /// - `secure_cookies` (`"auto"` | `"always"`, default `"auto"`): `auto` marks the cookies `Secure` when the
    ///   request came over TLS (`X-Forwarded-Proto: https` from the proxy in front); `always` marks them so always.
    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["session_ttl_seconds", "max_sessions", "secure_cookies"]

        public var sessionTTLSeconds: Double = 28_800
        public var maxSessions: Int = 10_000
        public var alwaysSecureCookies = false

        enum CodingKeys: String, CodingKey {
            case sessionTTLSeconds = "session_ttl_seconds", maxSessions = "max_sessions", secureCookies = "secure_cookies"
        }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sessionTTLSeconds = try container.decodeIfPresent(Double.self, forKey: .sessionTTLSeconds) ?? sessionTTLSeconds
            guard sessionTTLSeconds.isFinite, (1...2_592_000).contains(sessionTTLSeconds) else {
                throw ConfigError("plugin 'admin-ui': config.session_ttl_seconds must be between 1 and 2592000 seconds")
            }
            maxSessions = try container.decodeIfPresent(Int.self, forKey: .maxSessions) ?? maxSessions
            guard (1...1_000_000).contains(maxSessions) else {
                throw ConfigError("plugin 'admin-ui': config.max_sessions must be between 1 and 1000000")
            }
            switch try container.decodeIfPresent(String.self, forKey: .secureCookies) ?? "auto" {
            case "auto": alwaysSecureCookies = false
            case "always": alwaysSecureCookies = true
            default: throw ConfigError("plugin 'admin-ui': config.secure_cookies must be \"auto\" or \"always\"")
            }
        }
    }
}
