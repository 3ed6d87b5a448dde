/// Counts tokens when an upstream reports no usage (a stream without a usage chunk), so the call is still
/// priced. An estimate: about four characters per token, OpenAI's rule of thumb for English text, rounded up.
/// The spend log marks such rows (`usage_estimated`).
public enum TokenEstimator {
    public static func tokens(characters: Int) -> Int { (characters + 3) / 4 }

    /// The characters of what the request sends the model: message text (string or text parts), tool call
    /// arguments, `prompt` and `input`.
    public static func promptCharacters(_ body: JSON) -> Int {
        var count = 0
        for message in body["messages"]?.arrayValue ?? [] {
            count += textCharacters(message["content"])
            for call in message["tool_calls"]?.arrayValue ?? [] { count += call["function"]?["arguments"]?.stringValue?.count ?? 0 }
        }
        count += textCharacters(body["prompt"]) + textCharacters(body["input"])
        return count
    }

    /// The input tokens of a request, estimated: its text (``promptCharacters(_:)``) at about four characters per
    /// token, plus `prompt` and `input` given as token ids (an array of integers, or of such arrays), counted as sent.
    public static func promptTokens(_ body: JSON) -> Int {
        tokens(characters: promptCharacters(body)) + tokenIDs(body["prompt"]) + tokenIDs(body["input"])
    }

    /// The characters a streamed chunk adds: each choice's `delta` content and tool call name and arguments.
    public static func completionCharacters(_ chunk: JSON) -> Int {
        var count = 0
        for choice in chunk["choices"]?.arrayValue ?? [] {
            let delta = choice["delta"] ?? choice
            count += delta["content"]?.stringValue?.count ?? delta["text"]?.stringValue?.count ?? 0
            for call in delta["tool_calls"]?.arrayValue ?? [] {
                count += (call["function"]?["name"]?.stringValue?.count ?? 0) + (call["function"]?["arguments"]?.stringValue?.count ?? 0)
            }
        }
        return count
    }

    /// Token ids: an array of integers, or an array of such arrays (OpenAI's pre-tokenized `prompt` and `input`).
    private static func tokenIDs(_ value: JSON?) -> Int {
        func isID(_ item: JSON) -> Bool {
            if case .int = item { return true }
            return false
        }
        return value?.arrayValue?.reduce(0) { $0 + (isID($1) ? 1 : $1.arrayValue?.count(where: isID) ?? 0) } ?? 0
    }

    /// A string, an array of strings or of `{"type": "text", "text": ...}` parts.
    private static func textCharacters(_ value: JSON?) -> Int {
        if let text = value?.stringValue { return text.count }
        return value?.arrayValue?.reduce(0) { $0 + ($1.stringValue?.count ?? $1["text"]?.stringValue?.count ?? 0) } ?? 0
    }
}
