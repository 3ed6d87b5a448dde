// Duration strings (`30s`, `1mo`): a key's `duration` and every `budget_duration`, from management bodies and configs.

/// Starts between 1970 and 2100: budget resets and key expiry start now, or at a stored reset time.
private let starts: [Double] = [0, 1_700_000_000.5, 1_767_225_600, 4_102_444_800]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDuration(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    guard let duration = BudgetDuration(input.text) else { return 0 }
    require(duration.count > 0, "\(input.text) parsed with count \(duration.count)")
    require(BudgetDuration(duration.description) == duration, "\(duration) does not read back as itself")
    let length = duration.approximateSeconds
    require(length.isFinite && length > 0, "\(duration).approximateSeconds is \(length)")
    for start in starts {
        // Durations count at most 100 years, so even a huge count of months ends after its start.
        let end = duration.after(start)
        require(end.isFinite && end > start, "\(duration).after(\(start)) is \(end)")
        // Where the ends are shown: a key's `expires`, a budget's `budget_reset_at`.
        _ = ISO8601Time.string(end)
        _ = ISO8601Time.string(start + length)
    }
    return 0
}
