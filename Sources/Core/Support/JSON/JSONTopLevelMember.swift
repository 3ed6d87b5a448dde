/// Finds where one member of a JSON object's top level lies in the object's text, without building the object: what
/// splicing a new value into a body needs (``ClientBody``).
///
/// Anything unexpected (not an object, the member absent or named twice, a top-level key written with an escape)
/// gives nil, and the caller falls back to serializing the parsed value.
enum JSONTopLevelMember {
    /// The byte range of the value of the member `name` (an escape-free key) in `bytes`.
    static func valueRange(of name: String, in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        let wanted = Array(name.utf8)
        var found: Range<Int>?
        var ambiguous = false
        let isObject = JSONValidator.isObject(bytes) { key, value, depth in
            guard depth == 1 else { return }
            if key.contains(UInt8(ascii: "\\")) { ambiguous = true }
            guard key.elementsEqual(wanted) else { return }
            if found != nil { ambiguous = true }
            found = value
        }
        return isObject && !ambiguous ? found : nil
    }
}
