extension JSON {
    /// Writes an integer's decimal digits without making a `String` of them.
    static func writeInt(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        writeDigits(of: UInt64(value.magnitude), to: &output)
    }

    /// Writes a double as `description` does (the shortest text that reads back as the same double; `null` for NaN
    /// and infinity, which JSON has not). A double with at most three decimals below 10^12 (every duration of the
    /// decision trace: milliseconds rounded to microseconds) is written from its integer thousandths: no two such
    /// numbers are the same double, so their exact decimal text is the shortest one, the text `description` gives.
    static func writeDouble(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else { return output.append(contentsOf: "null".utf8) }
        let thousandths = (value * 1000).magnitude
        guard thousandths < 1e15, thousandths.rounded() == thousandths, (thousandths / 1000) == value.magnitude else {
            return output.append(contentsOf: value.description.utf8)
        }
        if value.sign == .minus { output.append(UInt8(ascii: "-")) }
        let units = UInt64(thousandths)
        writeDigits(of: units / 1000, to: &output)
        output.append(UInt8(ascii: "."))
        var fraction = units % 1000
        var digits = 3
        while digits > 1, fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        // Leading zeros of the fraction (`.05`), then its significant digits.
        var scale: UInt64 = 1
        for _ in 1..<digits { scale *= 10 }
        while scale > 1, fraction < scale {
            output.append(UInt8(ascii: "0"))
            scale /= 10
        }
        writeDigits(of: fraction, to: &output)
    }

    private static func writeDigits(of value: UInt64, to output: inout [UInt8]) {
        // Most significant digit first, so nothing is reversed afterwards.
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while true {
            output.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            guard divisor > 1 else { return }
            divisor /= 10
        }
    }
}
