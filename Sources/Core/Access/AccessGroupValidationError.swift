/// Why a write to an access group was refused (`/access_group/new`, `/access_group/update`); maps to a 400.
///
/// The message names what is wrong: the unknown members, or the cycle as a path (`a → b → a`).
public struct AccessGroupValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable { case invalidName, selfReference, unknownMembers, cycle, tooDeep }
    private let code: Code
    /// A message for the client; names models and groups only.
    public let message: String
    /// The members that are neither a known model nor a known group (for an unknown-members error).
    public let unknownMembers: [String]
    /// The cycle the write would create, from the written group back to it (for a cycle error).
    public let cyclePath: [String]

    private init(code: Code, message: String, unknownMembers: [String] = [], cyclePath: [String] = []) {
        self.code = code
        self.message = message
        self.unknownMembers = unknownMembers
        self.cyclePath = cyclePath
    }

    /// The group's name is empty, a wildcard, a reserved name, or already a model's name.
    static func invalidName(_ name: String, reason: String) -> Self {
        Self(code: .invalidName, message: "Invalid access group name '\(name)': \(reason).")
    }

    /// The group lists itself as a member.
    static func selfReference(_ group: String) -> Self {
        Self(code: .selfReference, message: "Access group '\(group)' cannot contain itself.", cyclePath: [group, group])
    }

    /// Members that are neither a model nor a known group.
    static func unknownMembers(_ names: [String], group: String, databaseOnly: Bool) -> Self {
        let known = databaseOnly ? "a known access group (no model list is available)" : "a model or a known access group"
        return Self(
            code: .unknownMembers,
            message: "Access group '\(group)' names unknown members: \(names.joined(separator: ", ")). Each member must be \(known).",
            unknownMembers: names)
    }

    /// The write would make a group contain itself through other groups.
    static func cycle(_ path: [String]) -> Self {
        Self(
            code: .cycle, message: "Access group '\(path[0])' would contain itself: \(path.joined(separator: " → ")).",
            cyclePath: path)
    }

    /// The write would nest groups deeper than ``AccessGroupGraph/maxDepth``.
    static func tooDeep(_ group: String, depth: Int) -> Self {
        Self(
            code: .tooDeep,
            message: "Access group '\(group)' would nest \(depth) levels of groups; at most \(AccessGroupGraph.maxDepth) are allowed.")
    }

    /// The group's name is empty, a wildcard, reserved, or a model's name.
    public var isInvalidName: Bool { code == .invalidName }
    /// The group lists itself.
    public var isSelfReference: Bool { code == .selfReference }
    /// Some members are neither a model nor a known group; see ``unknownMembers``.
    public var isUnknownMembers: Bool { code == .unknownMembers }
    /// The write would create a cycle; see ``cyclePath``.
    public var isCycle: Bool { code == .cycle }
    /// The write would nest deeper than ``AccessGroupGraph/maxDepth``.
    public var isTooDeep: Bool { code == .tooDeep }
    /// The message.
    public var description: String { message }
}
