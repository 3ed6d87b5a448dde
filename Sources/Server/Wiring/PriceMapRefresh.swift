import AsyncHTTPClient
import Foundation
import GatewayCore
import Logging
import NIOCore
import NIOHTTP1

/// The price map the gateway starts with: the bundled one, or one read once at startup from a file or URL, as
/// LiteLLM's proxy does with `LITELLM_MODEL_COST_MAP_URL`.
///
/// | setting | meaning |
/// | --- | --- |
/// | env `LITELLM_MODEL_COST_MAP_URL` | an `http(s)://` URL, a `file://` URL or a path: LiteLLM's JSON or our rows |
/// | config.yaml `general_settings.model_cost_map_url` | the same, when the env var is not set |
/// | env `LITELLM_LOCAL_MODEL_COST_MAP` | `True` (or `1`): the bundled map only, whatever the above say |
///
/// Unlike LiteLLM, nothing is fetched unless one of these is set. On any failure (unreachable, timeout, a non-2xx
/// status, more than ``maxBytes``, not a price map) a warning is logged and the bundled map is kept.
enum PriceMapRefresh {
    /// How long a fetch may take.
    static let timeout = TimeAmount.seconds(10)
    /// The largest map read (LiteLLM's JSON is a few MB).
    static let maxBytes = 64 * 1024 * 1024

    /// Where the map is to be read from, or nil for the bundled one.
    static func location(environment: [String: String], generalSettings: [String: JSON]) -> String? {
        if let local = environment["LITELLM_LOCAL_MODEL_COST_MAP"], ["true", "1", "yes"].contains(local.lowercased()) { return nil }
        let configured = environment["LITELLM_MODEL_COST_MAP_URL"] ?? generalSettings["model_cost_map_url"]?.stringValue
        guard let configured, !configured.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return configured.trimmingCharacters(in: .whitespaces)
    }

    /// The map read from the configured location; nil (and a warning, when a location is set) for the bundled one.
    static func load(environment: [String: String], generalSettings: [String: JSON], client: HTTPClient, logger: Logger) async -> PriceMap? {
        guard let location = location(environment: environment, generalSettings: generalSettings) else { return nil }
        let shown = redacted(location)
        do {
            let map = try PriceMap(parsing: try await bytes(of: location, client: client))
            guard map.count > 0 else { throw ConfigError("it holds no model") }
            logger.info(
                "price map loaded", metadata: ["source": "\(shown)", "models": "\(map.count)", "fields_skipped": "\(map.skippedFields.count)"])
            return map
        } catch {
            let reason = (error as? ConfigError)?.message ?? "\(error)"
            logger.warning(
                "price map not loaded: keeping the bundled one",
                metadata: ["source": "\(shown)", "reason": "\(reason)", "bundled_models": "\(PriceMap.bundled.count)"])
            return nil
        }
    }

    /// The bytes at `location`: an http(s) URL fetched with `client`, else a file (`file://` URL or path).
    static func bytes(of location: String, client: HTTPClient) async throws -> [UInt8] {
        let lowered = location.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            let response = try await client.execute(HTTPClientRequest(url: location), timeout: timeout)
            guard (200..<300).contains(response.status.code) else { throw ConfigError("the server answered \(response.status.code)") }
            return Array(buffer: try await response.body.collect(upTo: maxBytes))
        }
        let path = lowered.hasPrefix("file://") ? (URL(string: location)?.path ?? "") : location
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError("cannot read the file") }
        guard data.count <= maxBytes else { throw ConfigError("the file is larger than \(maxBytes) bytes") }
        return Array(data)
    }

    /// `location` without user info, query or fragment, which may hold a token, for the log.
    static func redacted(_ location: String) -> String {
        guard var components = URLComponents(string: location), components.scheme != nil else { return location }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? location
    }
}
