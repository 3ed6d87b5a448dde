/// A horizontal bar chart drawn as inline SVG on the server (no script, no chart library): one labelled bar per
/// row, scaled to the largest value.
struct BarChart: Equatable {
    struct Bar: Equatable {
        var label: String
        var value: Double
        /// The value as shown at the bar's end (`$1.20`, `42`).
        var display: String
    }

    var title: String
    var bars: [Bar]

    static let width = 460.0
    static let labelWidth = 140.0
    static let rowHeight = 22.0

    /// The SVG element; labels are escaped, bars of a zero maximum are drawn empty.
    var svg: String {
        guard !bars.isEmpty else { return #"<p class="muted">No data yet.</p>"# }
        let height = Double(bars.count) * Self.rowHeight + 4
        let largest = bars.map(\.value).max() ?? 0
        let room = Self.width - Self.labelWidth - 110
        var parts = [
            #"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Int(Self.width)) \#(Int(height))" role="img" aria-label="\#(Self.escape(title))">"#
        ]
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * Self.rowHeight + 2
            let length = largest > 0 && bar.value.isFinite ? max(1, room * max(0, bar.value) / largest) : 0
            let label = bar.label.count > 20 ? String(bar.label.prefix(19)) + "…" : bar.label
            parts.append(#"<text x="0" y="\#(Self.format(y + 15))">\#(Self.escape(label))</text>"#)
            parts.append(
                #"<rect class="bar" x="\#(Self.format(Self.labelWidth))" y="\#(Self.format(y + 3))" width="\#(Self.format(length))" height="16"><title>\#(Self.escape(bar.label)): \#(Self.escape(bar.display))</title></rect>"#
            )
            parts.append(#"<text x="\#(Self.format(Self.labelWidth + length + 6))" y="\#(Self.format(y + 15))">\#(Self.escape(bar.display))</text>"#)
        }
        parts.append("</svg>")
        return parts.joined()
    }

    static func format(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }

    /// XML text and attribute escaping.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
