import Foundation

// ISO-8601 dates (key `expires`, spend-log `start_date`/`end_date` query parameters), the writer of every timestamp
// the gateway returns, and an upstream's `retry-after-ms` / `retry-after` headers.

private let now = Date(timeIntervalSince1970: 1_800_000_000)
/// The moments written as four-digit years, 1970 to 9999.
private let writable = 0.0...253_402_300_799.0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTime(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)

    // A date read is a finite moment; written again and read back, it is the same moment to the millisecond.
    if let seconds = ISO8601Time.seconds(parsing: input.text) {
        require(seconds.isFinite, "\(input.text) parsed as \(seconds)")
        let written = ISO8601Time.string(seconds)
        if writable.contains(seconds) {
            let back = ISO8601Time.seconds(parsing: written)
            require(back.map { abs($0 - seconds) < 0.002 } == true, "\(input.text) → \(seconds) → \(written) → \(String(describing: back))")
        }
    }

    // Any moment at all, however it was computed, is written without trapping, in the one shape.
    if count >= 8 {
        let seconds = Double(bitPattern: input.bytes.loadUnaligned(as: UInt64.self))
        let written = ISO8601Time.string(seconds)
        require(written.utf8.count == 24 && written.hasSuffix("Z"), "\(seconds) was written as \(written)")
    }

    // An upstream's wait is nil or between 0 and the cap, whatever the two headers say.
    let (milliseconds, retryAfter) = input.twoTexts
    for wait in [
        UpstreamRetryAfter.seconds(retryAfterMilliseconds: milliseconds, retryAfter: retryAfter, now: now),
        UpstreamRetryAfter.seconds(retryAfterMilliseconds: nil, retryAfter: milliseconds, now: now),
    ] {
        if let wait { require(wait >= 0 && wait <= UpstreamRetryAfter.maximumSeconds, "retry-after gave \(wait) s") }
    }
    return 0
}
