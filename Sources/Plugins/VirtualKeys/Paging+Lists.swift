import GatewayCore

extension Paging {
    /// The most rows an unpaged list route returns.
    static let everything = Paging(page: 1, size: 100_000)

    /// Rows of one kind, paged by the store (every row when `paging` is nil), as a JSON array.
    static func entities(
        _ store: any GatewayStore, _ kind: EntityKind, where reference: EntityReference? = nil, paging: Paging?
    ) async throws -> JSON {
        let paging = paging ?? everything
        return .array(try await store.listEntities(kind, where: reference, limit: paging.size, offset: paging.offset))
    }

    /// One page of an array already in memory.
    func slice<Element>(_ elements: [Element]) -> ArraySlice<Element> {
        elements.dropFirst(offset).prefix(size)
    }
}
