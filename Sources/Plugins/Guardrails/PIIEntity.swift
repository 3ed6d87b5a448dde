/// A kind of personal data or secret the `pii` guardrail finds, with its `entities` name and mask placeholder.
public enum PIIEntity: String, Sendable, CaseIterable {
    case email
    case phone
    /// A 13–19 digit card number (spaces or dashes allowed) that passes the Luhn check.
    case creditCard = "credit_card"
    /// A US social security number, `123-45-6789` (the invalid areas 000, 666 and 9xx excluded).
    case usSSN = "us_ssn"
    /// An IPv4 or IPv6 address.
    case ipAddress = "ip_address"
    /// An API key or credential: OpenAI-style `sk-…`, AWS `AKIA…`/`ASIA…`, GitHub `ghp_…`/`github_pat_…`,
    /// Slack `xox…-`, and PEM private key headers.
    case secret

    /// What replaces a match when masking.
    var placeholder: String { "[\(rawValue.uppercased())]" }

    /// The ICU patterns that find candidates; ``PIIMatcher`` validates some further (Luhn, IPv6 groups).
    var patterns: [String] {
        switch self {
        case .email:
            [#"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#]
        case .phone:
            // North American numbers and numbers with a +country code; digits glued to other digits are not phones.
            [#"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}(?![\w])"#]
        case .creditCard:
            [#"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])"#]
        case .usSSN:
            [#"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])"#]
        case .ipAddress:
            [
                #"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)"#,
                #"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])"#,
            ]
        case .secret:
            [
                #"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}"#,
                #"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"#,
                #"\bgh[pousr]_[A-Za-z0-9]{36,}\b"#,
                #"\bgithub_pat_[A-Za-z0-9_]{22,}"#,
                #"\bxox[abposr]-[A-Za-z0-9-]{10,}"#,
                #"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"#,
            ]
        }
    }
}
