// The server-sent-events parser that splits every upstream stream into events, and the encoder that writes them again.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSE(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let whole = events(of: [input.bytes[...]])

    // However the network cuts the stream, the same events come out.
    require(events(of: input.chunks) == whole, "cutting the stream into chunks changed its events")
    if count <= 512 {
        require(events(of: input.bytes.indices.map { input.bytes[$0...$0] }) == whole, "feeding byte by byte changed the events")
    }

    // Each event is read back as itself from its wire form.
    var text = ""
    for event in whole { text += event.encoded }
    require(events(of: [Array(text.utf8)[...]]) == whole, "the encoded events read back differently:\n\(text)")
    return 0
}

private func events<Chunk: Sequence<UInt8>>(of chunks: [Chunk]) -> [ServerSentEvent] {
    var parser = SSEParser()
    var events: [ServerSentEvent] = []
    for chunk in chunks { events += parser.feed(bytes: chunk) }
    if let last = parser.finish() { events.append(last) }
    return events
}
