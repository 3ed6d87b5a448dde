import Testing

@testable import Guardrails

struct PIIMatcherTests {
    let all = PIIMatcher(entities: PIIEntity.allCases)

    @Test func masksEachEntityWithItsPlaceholder() {
        let text = "mail bob@example.com, call +1 415-555-0100, ssn 123-45-6789, host 10.0.0.1 or 2001:db8::8a2e:370:7334."
        #expect(
            text.masking(all.matches(in: text))
                == "mail [EMAIL], call [PHONE], ssn [US_SSN], host [IP_ADDRESS] or [IP_ADDRESS].")
    }

    @Test func findsSecretsAndKeys() {
        let secrets = [
            "sk-proj-abcdefghijklmnopqrstuvwxyz012345", "AKIAIOSFODNN7EXAMPLE", "ghp_" + String(repeating: "a1B2", count: 9),
            "xoxb-1234567890-abcdefghij", "-----BEGIN RSA PRIVATE KEY-----",
        ]
        for secret in secrets {
            #expect(all.matches(in: "key: \(secret) end").map(\.label) == ["secret"], "\(secret)")
        }
    }

    @Test func creditCardsNeedAValidLuhnChecksum() {
        #expect(Luhn.isValid("4111 1111 1111 1111"))
        #expect(Luhn.isValid("5500-0000-0000-0004"))
        #expect(Luhn.isValid("378282246310005"))
        #expect(!Luhn.isValid("4111 1111 1111 1112"))
        #expect(!Luhn.isValid("1234567890123"))
        #expect(all.matches(in: "card 4111 1111 1111 1111 ok").map(\.label) == ["credit_card"])
        #expect(all.matches(in: "order 4111 1111 1111 1112 ok").isEmpty)
    }

    @Test func leavesOrdinaryTextAlone() {
        for text in ["at 12:30:45 on 2024-05-01", "std::vector<int>", "version 1.2.3", "call me maybe", "order 12345"] {
            #expect(all.matches(in: text).isEmpty, "\(text)")
        }
    }

    @Test func entitiesPickASubset() {
        let emailOnly = PIIMatcher(entities: [.email])
        #expect(emailOnly.matches(in: "bob@example.com 123-45-6789").map(\.label) == ["email"])
    }
}
