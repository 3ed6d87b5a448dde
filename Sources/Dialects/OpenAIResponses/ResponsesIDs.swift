/// Identifiers of the Responses API objects the gateway creates: `resp_…` for a response, `msg_…`, `fc_…` and `rs_…`
/// for its output items.
///
/// Each is a prefix and 48 random hexadecimal characters (192 bits), as long as OpenAI's. They are never derived from
/// the upstream's completion id: two upstreams may reuse one, and a response id is the key of a stored conversation.
public enum ResponsesIDs {
    /// A new response id.
    public static func response() -> String { make("resp_") }
    /// A new output message id.
    public static func message() -> String { make("msg_") }
    /// A new function call item id (the call's `call_id` is the upstream's tool call id).
    public static func functionCall() -> String { make("fc_") }
    /// A new reasoning item id.
    public static func reasoning() -> String { make("rs_") }
    /// A new id for an input item that came without one (`GET …/input_items` lists every item with an id).
    public static func inputItem() -> String { make("msg_") }

    /// The longest response id the gateway looks up; a longer one cannot be one of ours and is a 404 at once. Room for
    /// a ``NativeResponseID`` (an upstream's id and a deployment id, base64url: about 200 characters).
    public static let maxLength = 512

    private static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = prefix
        for _ in 0..<3 {
            let value = generator.next() as UInt64
            let hex = String(value, radix: 16)
            text += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return text
    }
}
