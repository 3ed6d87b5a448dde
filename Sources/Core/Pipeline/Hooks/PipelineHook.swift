/// What every hook protocol refines: a value a plugin hands to the pipeline.
///
/// A plugin returns its hooks from ``Plugin/make(configuration:context:)``; the pipeline sorts them once, at
/// startup, into one array per hook point with `as?`, in plugins.json order. A hook conforms only to the hook
/// points it handles.
public protocol PipelineHook: Sendable {}

/// What a pre-call hook decides.
public enum HookDecision: Sendable {
    /// Go on to the next hook.
    case proceed
    /// Stop here and answer with this response (a cache hit, a canned reply). Post-call hooks that already ran
    /// their pre-call part still see it.
    case respond(GatewayResponse)
}
