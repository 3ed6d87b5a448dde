/// A request in the dialect it arrived in, kept beside the OpenAI-chat-shaped view the hooks read
/// (``GatewayRequest/body``), so that a deployment speaking that dialect gets it as it came.
///
/// Hooks change the view, not this body. Before each upstream call ``upstreamBody(view:)`` carries their changes
/// over: texts a hook rewrote (a masking guardrail) are replaced where they live in the native body; any other
/// change to the view means the native body no longer says what the hooks decided, and the call is translated from
/// the view instead.
public struct NativeRequest: Sendable {
    public let dialect: Dialect
    /// The body as the client sent it.
    public let body: JSON
    /// The view as translated from ``body``, before any hook ran.
    public let view: JSON
    /// Headers of the dialect the upstream should get as the client sent them (`anthropic-version`, `anthropic-beta`).
    public let headers: [(String, String)]
    /// Fields of ``body`` the view does not carry: a deployment that does not speak the dialect could not get them, so
    /// such a call is refused naming the first (unless `drop_params`), never sent without them silently.
    public let untranslated: [String]
    /// Tools of ``body`` the view cannot carry as function tools (the Responses API's built-in `web_search`,
    /// `code_interpreter`, `mcp`, ..., and its `custom` tools): hooks read them as ``RequestView/hostedTools``.
    public let hostedTools: [JSON]

    public init(
        dialect: Dialect, body: JSON, view: JSON, headers: [(String, String)] = [], untranslated: [String] = [], hostedTools: [JSON] = []
    ) {
        self.dialect = dialect
        self.body = body
        self.view = view
        self.headers = headers
        self.untranslated = untranslated
        self.hostedTools = hostedTools
    }

    /// Top-level view fields the pipeline itself sets or takes (the model group, request fallbacks, stream options):
    /// their changes are not the hooks' and do not stop a native call.
    static let pipelineFields: Set<String> = ["model", "fallbacks", "stream_options"]

    /// The native body with the hooks' changes to `view` carried over (the caller sets the upstream model).
    /// - Returns: nil when `view` changed in a way that cannot be carried over: the call must be translated.
    public func upstreamBody(view current: JSON) -> JSON? {
        guard let edits = TextEdits.between(view, current, ignoringTopLevel: Self.pipelineFields) else { return nil }
        return edits.applied(to: body)
    }
}
