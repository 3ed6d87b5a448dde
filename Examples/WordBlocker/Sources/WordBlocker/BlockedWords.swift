import Foundation

/// The list of blocked words and the whole-word search over text.
///
/// A word matches where it is not part of a longer word: the characters on either side of the match, if any,
/// are not letters, digits or underscores. So `cat` matches "a cat." and "CAT" (unless case-sensitive) but not
/// "concatenate", and a phrase such as `forbidden-word` matches as a whole.
struct BlockedWords: Sendable {
    let words: [String]
    let caseSensitive: Bool

    init(_ words: [String], caseSensitive: Bool) {
        // Leading or trailing spaces in plugins.json would make a word never match at the start or end of a text.
        self.words = words.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        self.caseSensitive = caseSensitive
    }

    /// The first blocked word, in configuration order, that occurs in any of `texts`.
    /// - Parameter texts: the texts to search.
    /// - Returns: the word as configured, or nil if none occurs.
    func firstMatch(in texts: [String]) -> String? {
        for word in words where texts.contains(where: { Self.contains(word, in: $0, caseSensitive: caseSensitive) }) {
            return word
        }
        return nil
    }

    private static func contains(_ word: String, in text: String, caseSensitive: Bool) -> Bool {
        let options: String.CompareOptions = caseSensitive ? [] : [.caseInsensitive]
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, options: options, range: searchRange) {
            let startsWord = found.lowerBound == text.startIndex || !isWordCharacter(text[text.index(before: found.lowerBound)])
            let endsWord = found.upperBound == text.endIndex || !isWordCharacter(text[found.upperBound])
            if startsWord && endsWord { return true }
            // Step one character past the start, so overlapping candidates ("catcat cat") are all tried.
            searchRange = text.index(after: found.lowerBound)..<text.endIndex
        }
        return false
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}
