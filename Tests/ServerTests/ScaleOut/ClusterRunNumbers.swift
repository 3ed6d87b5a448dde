import Foundation

/// What the kill step's load got, sorted by who answered.
struct KillRun {
    var outcomes: [BalancedLoad.Outcome]
    var victimPort: Int

    var answered: [BalancedLoad.Outcome] { outcomes.filter { $0.status == 200 } }
    /// Answered by another instance than the first nginx tried: passed on after an error (the kill).
    var retried: [BalancedLoad.Outcome] { answered.filter { $0.triedPorts.count > 1 } }
    var answeredByVictim: [BalancedLoad.Outcome] { answered.filter { $0.triedPorts.last == victimPort } }
    var answeredBySurvivors: [BalancedLoad.Outcome] { answered.filter { $0.triedPorts.last != victimPort } }
    /// An HTTP answer other than 200.
    var failed: [BalancedLoad.Outcome] { outcomes.filter { $0.status != nil && $0.status != 200 } }
    /// No HTTP answer at all.
    var unanswered: [BalancedLoad.Outcome] { outcomes.filter { $0.status == nil } }
}

/// The numbers of one ``NginxClusterTests`` run, printed as one line for docs/deployment.md.
struct ClusterRunNumbers {
    var newKeyAnsweredBy: Set<Int> = []
    var refusedAfter: [Int: Duration?] = [:]
    var modelServedAfter: Duration?
    var budgetAdmitted: Int?
    var budgetRows: Int?
    var kill: KillRun?
    var killRows: Int?
    var killMissingOnSurvivors: Int?
    var killMissingOnVictim: Int?
    var killRowsNotAnswered: Int?

    var summary: String {
        let refused = refusedAfter.keys.sorted().map { "i\($0)=\(Self.milliseconds(refusedAfter[$0] ?? nil))" }.joined(separator: ",")
        var parts = [
            "new key answered by instances \(newKeyAnsweredBy.sorted().map(String.init).joined(separator: ","))",
            "block refused after \(refused.isEmpty ? "-" : refused)",
            "model on i1 after \(Self.milliseconds(modelServedAfter))",
            "budget admitted \(Self.text(budgetAdmitted))/\(NginxClusterTests.budgetLoad) (covers \(NginxClusterTests.budgetCovers)), rows \(Self.text(budgetRows))",
        ]
        if let kill {
            parts.append(
                "kill: sent \(kill.outcomes.count), 200 \(kill.answered.count) (retried \(kill.retried.count), by killed \(kill.answeredByVictim.count)), "
                    + "errors \(kill.failed.count), no answer \(kill.unanswered.count), rows \(Self.text(killRows)), "
                    + "missing \(Self.text(killMissingOnSurvivors))+\(Self.text(killMissingOnVictim)) (survivors+killed), "
                    + "rows not answered \(Self.text(killRowsNotAnswered))")
        }
        return "NGINX-CLUSTER SUMMARY: " + parts.joined(separator: "; ")
    }

    private static func milliseconds(_ duration: Duration?) -> String {
        guard let duration else { return ">10000ms" }
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms"
    }

    private static func text(_ value: Int?) -> String { value.map(String.init) ?? "-" }
}
