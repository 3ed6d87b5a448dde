import GatewayCore
import HTTPTypes

extension GatewayError {
    /// The error in Google's shape, for a client of the Gemini routes:
    /// `{"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT", "details": [ErrorInfo]}}`.
    ///
    /// `google-genai` raises `ClientError` / `ServerError` from `code` and reads `message` and `status`; an
    /// OpenAI-shaped body, whose `code` is a string, would break its check of an error written into a stream. The
    /// gateway's own code and param go in a `google.rpc.ErrorInfo` detail (`reason`, `metadata.param`).
    var googleJSON: JSON {
        var metadata: JSON = ["type": .string(type)]
        if let param { metadata["param"] = .string(param) }
        let info: JSON = [
            "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": .string(code ?? String(status.code)), "domain": "tollgate",
            "metadata": metadata,
        ]
        return ["error": ["code": .int(status.code), "message": .string(message), "status": .string(googleStatus), "details": [info]]]
    }

    /// The `google.rpc.Code` name Google's APIs answer with this HTTP status.
    var googleStatus: String {
        switch status.code {
        case 400, 413: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 405, 501: "UNIMPLEMENTED"
        case 409: "ABORTED"
        case 429: "RESOURCE_EXHAUSTED"
        case 499: "CANCELLED"
        case 502, 503: "UNAVAILABLE"
        case 504: "DEADLINE_EXCEEDED"
        case 400..<500: "FAILED_PRECONDITION"
        default: "INTERNAL"
        }
    }
}
