extension Duration {
    /// The duration as a floating-point number of seconds (for settings, averages and JSON fields kept in seconds).
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
