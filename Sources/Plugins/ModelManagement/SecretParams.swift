import GatewayCore

/// Which `litellm_params` hold credentials, and what to do with them: encrypted in the store, decrypted only into
/// the in-memory deployment, masked in every answer and audit row.
enum SecretParams {
    static let mask = "********"

    /// Known credential names, plus any name ending in `_key`, `_secret`, `_token`, `_password` or `_credentials`
    /// (``Deployment/isSecretParam(_:)``, the rule upstream errors are scrubbed by too).
    static func isSecret(_ name: String) -> Bool { Deployment.isSecretParam(name) }

    /// The params with every secret encrypted (values already encrypted are kept). A secret that is not a string (a
    /// service-account key file given as an object in `vertex_credentials`) is encrypted as its JSON text, and so
    /// comes back decrypted as that text, which its provider reads as it reads the object.
    static func encrypted(_ params: [String: JSON], with cipher: CredentialCipher) throws -> [String: JSON] {
        var result = params
        for (name, value) in params where isSecret(name) && !value.isNull {
            let text = value.stringValue ?? value.serializedString()
            guard !CredentialCipher.isEncrypted(text) else { continue }
            result[name] = .string(try cipher.encrypt(text))
        }
        return result
    }

    /// The params with every encrypted value decrypted.
    static func decrypted(_ params: [String: JSON], with cipher: CredentialCipher) throws -> [String: JSON] {
        var result = params
        for (name, value) in params {
            guard let string = value.stringValue, CredentialCipher.isEncrypted(string) else { continue }
            result[name] = .string(try cipher.decrypt(string))
        }
        return result
    }

    /// The params with every secret replaced by ``mask`` (its presence shown, never its value).
    static func masked(_ params: [String: JSON]) -> [String: JSON] {
        var result = params
        for (name, value) in params where isSecret(name) && !value.isNull { result[name] = .string(mask) }
        return result
    }
}
