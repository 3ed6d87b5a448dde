import Synchronization

/// The handles of one metric, one per distinct set of label values, each made once and then reused.
///
/// Making a swift-metrics handle asks the backend's registry (a lock and a lookup by name and labels); the cache
/// makes that a dictionary lookup for every label set seen before. The label sets are bounded before they get
/// here (``LabelBound``), so the cache is bounded too.
final class HandleCache<Handle: Sendable>: Sendable {
    /// The label names, in the order of the values passed to ``callAsFunction(_:)``.
    let labelNames: [String]
    private let make: @Sendable (_ dimensions: [(String, String)]) -> Handle
    private let handles = Mutex<[[String]: Handle]>([:])

    /// - Parameters:
    ///   - labelNames: the metric's label names (the same for every handle: Prometheus wants one label set per name).
    ///   - make: makes the handle for one set of `(name, value)` dimensions.
    init(labelNames: [String], make: @escaping @Sendable (_ dimensions: [(String, String)]) -> Handle) {
        self.labelNames = labelNames
        self.make = make
    }

    /// The handle for these label values, in ``labelNames`` order.
    func callAsFunction(_ values: [String]) -> Handle {
        handles.withLock { handles in
            if let handle = handles[values] { return handle }
            let handle = make(Array(zip(labelNames, values)))
            handles[values] = handle
            return handle
        }
    }
}
