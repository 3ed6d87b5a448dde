import Testing

@testable import GatewayCore

struct SecretsTests {
    @Test func sha256HexMatchesKnownVectors() {
        #expect(Secrets.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Secrets.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256HexIsLowercaseAndPadded() {
        let hex = Secrets.sha256Hex("sk-1234")
        #expect(hex.count == 64)
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func constantTimeEqualsComparesContents() {
        #expect(Secrets.constantTimeEquals("sk-master", "sk-master"))
        #expect(Secrets.constantTimeEquals("", ""))
        #expect(!Secrets.constantTimeEquals("sk-master", "sk-masteR"))
        #expect(!Secrets.constantTimeEquals("sk-master", "sk-maste"))
        #expect(!Secrets.constantTimeEquals("sk-master", "sk-master "))
        #expect(!Secrets.constantTimeEquals("", "x"))
        #expect(!Secrets.constantTimeEquals("é", "e\u{301}"))
    }

    @Test("a secret hashed once compares as the plain secret does")
    func expectedSecretComparesContents() {
        let master = Secrets.ExpectedSecret("sk-master")
        #expect(Secrets.constantTimeEquals("sk-master", master))
        #expect(!Secrets.constantTimeEquals("sk-masteR", master))
        #expect(!Secrets.constantTimeEquals("sk-maste", master))
        #expect(!Secrets.constantTimeEquals("", master))
        #expect(Secrets.constantTimeEquals("", Secrets.ExpectedSecret("")))
    }
}
