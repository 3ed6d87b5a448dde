import Foundation
import Testing

/// The docs' relative links point at files that exist (a page moved or renamed breaks its readers' path).
struct DocLinksTests {
    /// `[text](target)` targets of a Markdown page, outside fenced blocks, without web or in-page links.
    static func relativeLinks(in markdown: String) -> [String] {
        var links: [String] = []
        var inFence = false
        for line in markdown.components(separatedBy: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle() }
            guard !inFence else { continue }
            var rest = Substring(line)
            while let open = rest.range(of: "](") {
                rest = rest[open.upperBound...]
                guard let close = rest.firstIndex(of: ")") else { break }
                let target = String(rest[..<close])
                rest = rest[close...]
                if target.hasPrefix("http") || target.hasPrefix("#") || target.hasPrefix("mailto:") || target.contains(" ") { continue }
                links.append(String(target.split(separator: "#", maxSplits: 1).first ?? ""))
            }
        }
        return links
    }

    @Test func everyRelativeLinkOfTheDocsResolves() throws {
        let root = DocExample.repositoryRoot
        var pages = ["README.md"]
        if let enumerator = FileManager.default.enumerator(atPath: root + "/docs") {
            for case let path as String in enumerator where path.hasSuffix(".md") { pages.append("docs/" + path) }
        }
        var checked = 0
        for page in pages {
            let text = try String(contentsOfFile: root + "/" + page, encoding: .utf8)
            let folder = (page as NSString).deletingLastPathComponent
            for link in Self.relativeLinks(in: text) where !link.isEmpty {
                checked += 1
                let path = ((root + "/" + folder + "/" + link) as NSString).standardizingPath
                #expect(FileManager.default.fileExists(atPath: path), "\(page) links to \(link), which does not exist")
            }
        }
        #expect(checked > 100)
    }
}
