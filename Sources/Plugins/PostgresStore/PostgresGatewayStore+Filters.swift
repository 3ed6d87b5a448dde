import GatewayCore

extension PostgresGatewayStore {
    /// The column a key filter uses: keys index `team_id` and `user_id`. The name comes from
    /// ``EntityReference/Field``, never from a value; the value is always a bind parameter.
    /// - Throws: ``StoreError/unsupported(_:)`` for an `organization_id` filter.
    static func keyColumn(_ reference: EntityReference) throws -> String {
        if reference.field == .organizationID { throw StoreError.unsupportedKeyFilter(reference.field) }
        return reference.field.rawValue
    }
}
