// Compiled into every fuzzer (see scripts/fuzz).

/// Stops the fuzzer when a property does not hold: the trap makes libFuzzer save the input that broke it.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}

/// The fuzzer's bytes, and ways to cut them into pieces.
struct FuzzInput {
    let bytes: UnsafeRawBufferPointer

    init(_ start: UnsafeRawPointer, _ count: Int) {
        bytes = UnsafeRawBufferPointer(start: count > 0 ? start : nil, count: count)
    }

    /// The bytes as text, invalid UTF-8 repaired as every caller of the parsers repairs it.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes cut into chunks whose lengths (1 to 8) follow the bytes themselves, so that a mutation moves the cuts.
    var chunks: [UnsafeRawBufferPointer.SubSequence] {
        var chunks: [UnsafeRawBufferPointer.SubSequence] = []
        var index = 0
        var seed = bytes.count
        while index < bytes.count {
            seed = (seed &* 31 &+ Int(bytes[index])) & 0xFFFF
            let end = min(bytes.count, index + 1 + seed % 8)
            chunks.append(bytes[index..<end])
            index = end
        }
        return chunks
    }

    /// The text before the first NUL byte and the text after it (nil when there is none).
    var twoTexts: (String, String?) {
        guard let nul = bytes.firstIndex(of: 0) else { return (text, nil) }
        return (String(decoding: bytes[..<nul], as: UTF8.self), String(decoding: bytes[(nul + 1)...], as: UTF8.self))
    }
}
