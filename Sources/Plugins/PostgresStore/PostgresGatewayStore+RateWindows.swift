public import GatewayCore
import Logging
import PostgresNIO

/// `tollgate_rate_windows`: requests leased and tokens counted per scope, minute window and instance.
extension PostgresGatewayStore {
    /// One transaction under a per-(scope, window) advisory lock: this instance's tokens are stored (the larger of
    /// the stored and reported values, so a late report never lowers them), the window's totals read, requests
    /// granted within `requestLimit`, and the scope's earlier windows deleted.
    public func leaseRateWindow(_ request: RateWindowRequest) async throws -> RateWindowLease {
        let logger = logger
        let kind = request.scope.kind.rawValue
        let id = request.scope.id
        let window = request.windowStart
        let lockKey = "\(kind):\(id)"
        let windowKey = "\(Int64(window))"
        return try await inTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockKey)), hashtext(\(windowKey)))", logger: logger)
            try await connection.query(
                """
                INSERT INTO tollgate_rate_windows (kind, id, window_start, instance_id, requests, tokens)
                VALUES (\(kind), \(id), \(window), \(request.instanceID), 0, \(Int64(request.tokens)))
                ON CONFLICT (kind, id, window_start, instance_id) DO UPDATE
                    SET tokens = GREATEST(tollgate_rate_windows.tokens, excluded.tokens)
                """,
                logger: logger)
            let totals = try await connection.query(
                """
                SELECT COALESCE(SUM(requests), 0)::BIGINT, COALESCE(SUM(tokens), 0)::BIGINT,
                       COALESCE(SUM(requests) FILTER (WHERE instance_id = \(request.instanceID)), 0)::BIGINT
                FROM tollgate_rate_windows WHERE kind = \(kind) AND id = \(id) AND window_start = \(window)
                """,
                logger: logger)
            var (allRequests, allTokens, own): (Int64, Int64, Int64) = (0, 0, 0)
            for try await row in totals.decode((Int64, Int64, Int64).self) { (allRequests, allTokens, own) = row }
            var grant = Int64(max(0, request.requests))
            if let limit = request.requestLimit { grant = min(grant, max(0, Int64(limit) - allRequests)) }
            if grant > 0, grant >= Int64(request.minimumRequests) {
                try await connection.query(
                    """
                    UPDATE tollgate_rate_windows SET requests = requests + \(grant)
                    WHERE kind = \(kind) AND id = \(id) AND window_start = \(window) AND instance_id = \(request.instanceID)
                    """,
                    logger: logger)
                allRequests += grant
                own += grant
            }
            try await connection.query(
                "DELETE FROM tollgate_rate_windows WHERE kind = \(kind) AND id = \(id) AND window_start < \(window)", logger: logger)
            return RateWindowLease(requests: Int(own), totalRequests: Int(allRequests), totalTokens: Int(allTokens))
        }
    }
}
