/// What the pipeline answers: a whole JSON body, or a stream of OpenAI chat completion chunks.
public enum GatewayResponse: Sendable {
    /// A complete OpenAI-shaped response body.
    case json(JSON)
    /// OpenAI `chat.completion.chunk` objects, pulled one at a time (never buffered).
    case stream(ChunkStream)
}
