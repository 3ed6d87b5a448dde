import AsyncHTTPClient
import Logging

/// What checks need from the gateway at run time (the `http` kind's client and logger).
struct GuardrailServices: Sendable {
    var httpClient: HTTPClient
    var logger: Logger
}
