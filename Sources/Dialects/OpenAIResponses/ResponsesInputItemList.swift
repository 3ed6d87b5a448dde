public import GatewayCore

/// `GET /v1/responses/{id}/input_items`: a page of a stored response's input items in OpenAI's list shape,
/// `{object: "list", data, first_id, last_id, has_more}`.
///
/// Query parameters, as OpenAI documents them: `limit` 1...100 (default 20), `order` `asc` or `desc` (default
/// `desc`, newest first), `after` an item id to start after. `include` is refused: its values add data the chat
/// translation never had.
public enum ResponsesInputItemList {
    /// One page.
    /// - Parameters:
    ///   - items: the input items, oldest first.
    ///   - query: the request's query parameters.
    /// - Throws: 400 naming the parameter that is malformed or out of range.
    public static func page(_ items: [JSON], query: [String: String]) throws -> JSON {
        var limit = 20
        if let text = query["limit"] {
            guard let value = Int(text), value >= 1, value <= 100 else {
                throw GatewayError.badRequest("'limit' must be a whole number from 1 to 100.", param: "limit")
            }
            limit = value
        }
        let order = query["order"] ?? "desc"
        guard order == "asc" || order == "desc" else {
            throw GatewayError.badRequest("'order' must be asc or desc.", param: "order")
        }
        if let include = query["include"] ?? query["include[]"], !include.isEmpty {
            throw GatewayError.badRequest("'include' is not supported for input items.", param: "include", code: "unsupported_parameter")
        }
        var ordered = order == "asc" ? items : items.reversed()
        if let after = query["after"] {
            guard let position = ordered.firstIndex(where: { $0["id"]?.stringValue == after }) else {
                throw GatewayError.badRequest("'after' names no input item of this response.", param: "after")
            }
            ordered = Array(ordered[(position + 1)...])
        }
        let page = Array(ordered.prefix(limit))
        return [
            "object": "list", "data": .array(page), "first_id": page.first?["id"] ?? .null, "last_id": page.last?["id"] ?? .null,
            "has_more": .bool(ordered.count > limit),
        ]
    }
}
