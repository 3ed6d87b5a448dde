/// What the pipeline answers: a whole JSON body, or a stream of OpenAI chat completion chunks; either may come with
/// the upstream's own answer in the request's dialect.
public enum GatewayResponse: Sendable {
    /// A complete OpenAI-shaped response body.
    case json(JSON)
    /// OpenAI `chat.completion.chunk` objects, pulled one at a time (never buffered); from a deployment that speaks
    /// the request's dialect each carries the upstream events it came from (``StreamChunk/native``).
    case stream(ChunkStream)
    /// A complete answer in the request's dialect, from a deployment that speaks it, with its OpenAI-shaped view.
    case native(NativeAnswer)

    /// The OpenAI-shaped body of a complete answer (the view of a native one); nil for a stream.
    public var completeView: JSON? {
        switch self {
        case .json(let json): json
        case .native(let answer): answer.view
        case .stream: nil
        }
    }

    /// The top-level member `name` of ``completeView``, read without parsing a native answer that is not parsed yet
    /// (``NativeAnswer/viewMember(_:)``).
    public func completeViewMember(_ name: String) -> JSON? {
        switch self {
        case .json(let json): json[name]
        case .native(let answer): answer.viewMember(name)
        case .stream: nil
        }
    }
}
