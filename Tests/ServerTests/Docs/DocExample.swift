import Foundation

/// A fenced block of a docs page marked to be run: `<!-- doctest: <group> <kind> -->` on a line before the fence.
///
/// Kinds: `config.yaml` and `plugins.json` (the files the group's gateway starts with; without them, the repository's
/// `config.example.yaml` and `plugins.json`, what `scripts/serve` runs), `sh` (run by bash, in order, one shell per
/// group so variables carry over), `python` (run by the venv's python), and `output` (what the block before printed:
/// JSON compared by shape, see ``DocOutputMatch``).
struct DocExample: Sendable {
    var page: String
    var line: Int
    var group: String
    var kind: String
    var text: String

    static let marker = "<!-- doctest:"

    /// The marked blocks of a Markdown page.
    static func examples(in markdown: String, page: String) -> [DocExample] {
        let lines = markdown.components(separatedBy: "\n")
        var examples: [DocExample] = []
        var index = 0
        var inFence = false
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            // A marker shown inside a fenced block (this convention's own docs) marks nothing.
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix(marker), line.hasSuffix("-->") else { continue }
            let words = line.dropFirst(marker.count).dropLast(3).split(separator: " ").map(String.init)
            guard words.count == 2 else { continue }
            // The next fence, past blank lines.
            while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
            guard index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```") else { continue }
            let start = index + 1
            var end = start
            while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("```") { end += 1 }
            examples.append(
                DocExample(page: page, line: start, group: words[0], kind: words[1], text: lines[start..<end].joined(separator: "\n")))
            index = end + 1
        }
        return examples
    }

    /// The repository's root (this file is Tests/ServerTests/Docs/DocExample.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Every marked block of README.md and docs/**/*.md.
    static func all() throws -> [DocExample] {
        var pages = ["README.md"]
        let docs = repositoryRoot + "/docs"
        if let enumerator = FileManager.default.enumerator(atPath: docs) {
            for case let path as String in enumerator where path.hasSuffix(".md") { pages.append("docs/" + path) }
        }
        return try pages.sorted().flatMap { page in
            examples(in: try String(contentsOfFile: repositoryRoot + "/" + page, encoding: .utf8), page: page)
        }
    }
}
