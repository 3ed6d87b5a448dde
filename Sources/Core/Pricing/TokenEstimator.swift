/// Counts tokens when an upstream reports no usage (a stream without a usage chunk), so the call is still
/// priced. An estimate: about four characters per token, OpenAI's rule of thumb for English text, rounded up.
/// The spend log marks such rows (`usage_estimated`).
public enum TokenEstimator {
    public static func tokens(characters: Int) -> Int { (characters + 3) / 4 }

    /// The tokens of one text: its ``characters(_:)`` at about four a token.
    public static func tokens(in text: String) -> Int { tokens(characters: characters(text)) }

    /// Characters counted as Unicode scalars: what tokenizers split (a grapheme such as a family emoji is several
    /// scalars and several tokens), counted in one pass over the text's UTF-8, without `String.count`'s grapheme
    /// breaking (12,000 instructions a request for each pass over its messages).
    public static func characters(_ text: String) -> Int {
        var text = text
        // Every scalar has one leading byte; continuation bytes are 0b10xxxxxx. (`unicodeScalars.count` walks the
        // scalars one index at a time: as slow as `String.count`.)
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var continuations = 0
            var index = 0
            // Eight bytes at a time: a continuation byte has its top bit set and the next one clear.
            while raw.count - index >= 8 {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                index += 8
            }
            while index < raw.count {
                if raw[index] & 0xC0 == 0x80 { continuations += 1 }
                index += 1
            }
            return raw.count - continuations
        }
    }

    /// The characters of what the request sends the model: message text (string or text parts), tool call
    /// arguments, `prompt` and `input`.
    public static func promptCharacters(_ body: JSON) -> Int {
        let messages = body["messages"]?.arrayValue?.reduce(0) { $0 + messageCharacters($1) } ?? 0
        return messages + textCharacters(body["prompt"]) + textCharacters(body["input"])
    }

    /// A message's text and its tool calls' arguments.
    private static func messageCharacters(_ message: JSON) -> Int {
        let calls = message["tool_calls"]?.arrayValue?.reduce(0) { $0 + ($1["function"]?["arguments"]?.stringValue.map(characters) ?? 0) } ?? 0
        return textCharacters(message["content"]) + calls
    }

    /// Tokens OpenAI's chat format adds around each message (`<|start|>`, the role's framing, `<|end|>`), and to prime
    /// the reply (`<|start|>assistant<|message|>`), as its token-counting guide counts them for current chat models.
    static let tokensPerMessage = 3
    static let tokensPerReply = 3

    /// The input tokens of a request, estimated: each message's text, role, name and tool call arguments at about four
    /// characters per token plus the chat format's framing (``tokensPerMessage``, ``tokensPerReply``), so a short
    /// prompt is not counted as one token; `prompt` and `input` text likewise, and given as token ids (an array of
    /// integers, or of such arrays) counted as sent.
    public static func promptTokens(_ body: JSON) -> Int {
        let messages = body["messages"]?.arrayValue ?? []
        var count = messages.isEmpty ? 0 : tokensPerReply
        for message in messages {
            count += tokensPerMessage + tokens(characters: textCharacters(message["role"]) + messageCharacters(message))
            if let name = message["name"]?.stringValue { count += 1 + tokens(in: name) }
        }
        let text = textCharacters(body["prompt"]) + textCharacters(body["input"])
        return count + tokens(characters: text) + tokenIDs(body["prompt"]) + tokenIDs(body["input"])
    }

    /// The characters a streamed chunk adds: each choice's `delta` content and tool call name and arguments.
    public static func completionCharacters(_ chunk: JSON) -> Int {
        var count = 0
        for choice in chunk["choices"]?.arrayValue ?? [] {
            let delta = choice["delta"] ?? choice
            count += delta["content"]?.stringValue.map(characters) ?? delta["text"]?.stringValue.map(characters) ?? 0
            for call in delta["tool_calls"]?.arrayValue ?? [] {
                count +=
                    (call["function"]?["name"]?.stringValue.map(characters) ?? 0) + (call["function"]?["arguments"]?.stringValue.map(characters) ?? 0)
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
        if let text = value?.stringValue { return characters(text) }
        return value?.arrayValue?.reduce(0) { $0 + ($1.stringValue.map(characters) ?? $1["text"]?.stringValue.map(characters) ?? 0) } ?? 0
    }
}
