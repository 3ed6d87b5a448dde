import GatewayCore
import Testing

struct PercentEncodingTests {
    @Test func everyByteButTheUnreservedIsEncoded() {
        #expect(PercentEncoding.unreserved("aZ09-._~") == "aZ09-._~")
        #expect(PercentEncoding.unreserved("a b/c?d=e&f+g:h") == "a%20b%2Fc%3Fd%3De%26f%2Bg%3Ah")
        #expect(PercentEncoding.unreserved("é") == "%C3%A9")
        #expect(
            PercentEncoding.form([("grant_type", "client_credentials"), ("scope", "https://x/.default")])
                == "grant_type=client_credentials&scope=https%3A%2F%2Fx%2F.default")
    }
}
