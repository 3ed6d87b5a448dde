extension PriceMap {
    /// The first line of a map in our format.
    public static let formatLine = "# tollgate-price-map 1"

    /// Reads a map in our format (what `scripts/update-price-map` writes): `# tollgate-price-map 1` first, `#` comment
    /// lines, a tab-separated line of column names (`key`, `provider`, `mode`, then ``Field`` columns; unknown columns are
    /// ignored), then one model per line, an empty cell for a figure not set. A figure out of range is left out and named
    /// in ``skippedFields``.
    /// - Throws: ``ConfigError`` when the text is not in this format (no format line, no `key` column, a row with another
    ///   number of cells than the header).
    public init(rows text: String) throws {
        var lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }.makeIterator()
        guard let first = lines.next(), first.trimmingTrailingSpace == Self.formatLine else {
            throw ConfigError("a price map must start with '\(Self.formatLine)' (or be LiteLLM's JSON)")
        }
        var header: [Substring]?
        var entries: [Entry] = []
        var skipped: [String] = []
        var lineNumber = 1
        var columns: (key: Int, provider: Int?, mode: Int?, fields: [(Int, Field)]) = (0, nil, nil, [])
        while let line = lines.next() {
            lineNumber += 1
            if line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let names = header else {
                guard let key = cells.firstIndex(of: "key") else { throw ConfigError("the price map's column line has no 'key' column") }
                columns = (
                    key, cells.firstIndex(of: "provider"), cells.firstIndex(of: "mode"),
                    cells.enumerated().compactMap { index, name in Field(rawValue: String(name)).map { (index, $0) } }
                )
                header = cells
                continue
            }
            guard cells.count == names.count else {
                throw ConfigError("the price map's line \(lineNumber) has \(cells.count) cells, its column line \(names.count)")
            }
            let key = String(cells[columns.key])
            guard !key.isEmpty else { throw ConfigError("the price map's line \(lineNumber) has no key") }
            var price = ModelPrice(inputPerToken: 0, outputPerToken: 0)
            for (index, field) in columns.fields where !cells[index].isEmpty {
                guard let value = Double(cells[index]).flatMap(field.checked) else {
                    skipped.append("\(key).\(field.litellmName)")
                    continue
                }
                field.set(value, on: &price)
            }
            entries.append(
                Entry(
                    key: key, provider: columns.provider.map { String(cells[$0]) } ?? "", mode: columns.mode.map { String(cells[$0]) } ?? "",
                    price: price))
        }
        guard header != nil else { throw ConfigError("the price map has no column line") }
        self.init(entries: entries, skippedFields: skipped)
    }
}

extension Substring {
    /// Without trailing spaces, tabs and carriage returns.
    fileprivate var trimmingTrailingSpace: Substring {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last == " " || last == "\t" || last == "\r" { end = index(before: end) }
        return self[..<end]
    }
}
