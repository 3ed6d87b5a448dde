import Foundation

/// Names of gateway instances: several Tollgate processes behind one load balancer share one database, and each
/// signs its log lines, metrics and coordination rows (budget leases, rate windows) with its own name.
public enum InstanceID {
    /// `hostname-pid`: unique among the processes running at once, which is what coordination rows need; set
    /// `--instance-id` for a name that stays the same across restarts.
    public static let processDefault = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"

    /// What a usable name is, for error messages.
    public static let rule = "1 to 128 printable ASCII characters without spaces"

    /// Whether a name is usable (``rule``: it lands in log lines, a Prometheus label and database keys).
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128 && name.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 }
    }
}
