import Foundation

/// Reads a profile's keys from AWS's shared credentials file (`~/.aws/credentials`, or `AWS_SHARED_CREDENTIALS_FILE`),
/// as the AWS CLI and botocore write it:
///
/// ```ini
/// [default]
/// aws_access_key_id = AKIA...
/// aws_secret_access_key = ...
///
/// [bedrock-prod]
/// aws_access_key_id = ASIA...
/// aws_secret_access_key = ...
/// aws_session_token = ...
/// ```
///
/// Section names are taken as written (`[name]`; a `[profile name]` header, the config file's form, is accepted too),
/// `#` and `;` start comment lines, keys are case-insensitive. Nothing read is ever part of an error message.
public enum AWSSharedCredentials {
    /// The file's path: `AWS_SHARED_CREDENTIALS_FILE`, else `$HOME/.aws/credentials`; nil without either.
    public static func path(environment: [String: String]) -> String? {
        if let path = environment["AWS_SHARED_CREDENTIALS_FILE"], !path.isEmpty { return path }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.aws/credentials"
    }

    /// The sections of an INI text: profile name → lower-cased key → value.
    public static func parse(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                var name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if name.hasPrefix("profile ") { name = String(name.dropFirst("profile ".count)).trimmingCharacters(in: .whitespaces) }
                current = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[current, default: [:]][key] = value
        }
        return sections
    }

    /// The credentials of `profile` in the text of a credentials file; nil when the profile or its key pair is missing.
    public static func credentials(profile: String, in text: String) -> AWSCredentials? {
        guard let section = parse(text)[profile], let id = section["aws_access_key_id"], !id.isEmpty,
            let secret = section["aws_secret_access_key"], !secret.isEmpty
        else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: section["aws_session_token"])
    }
}
