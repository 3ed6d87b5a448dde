import GRDB
import GatewayCore

extension SQLiteGatewayStore {
    /// ` AND <column> = ?` for an entity list or count filtered on a reference (every reference column is indexed).
    /// The column name comes from ``EntityReference/Field``, never from a value; the value is a bound argument.
    static func entityCondition(_ reference: EntityReference?) -> SQL {
        guard let reference else { return "" }
        return " AND \(sql: reference.field.rawValue) = \(reference.value)"
    }

    /// ` WHERE <column> = ?` for keys filtered on their team or user.
    /// - Throws: ``StoreError/unsupported(_:)`` for an `organization_id` filter (keys do not index it).
    static func keyCondition(_ reference: EntityReference?) throws -> SQL {
        guard let reference else { return "" }
        if reference.field == .organizationID { throw StoreError.unsupportedKeyFilter(reference.field) }
        return " WHERE \(sql: reference.field.rawValue) = \(reference.value)"
    }
}
