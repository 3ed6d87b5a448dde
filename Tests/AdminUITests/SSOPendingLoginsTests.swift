import Foundation
import Testing

@testable import AdminUI

/// The admin UI's pending SSO logins: PKCE S256 and each state used once, within its lifetime.
struct SSOPendingLoginsTests {
    @Test
    func pkceChallengeMatchesRFC7636() {
        // RFC 7636, Appendix B.
        #expect(SSOPendingLogins.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test
    func stateIsUsedOnceAndExpires() {
        final class Clock: @unchecked Sendable { var now = 1_000.0 }
        let clock = Clock()
        let logins = SSOPendingLogins(capacity: 2, clock: { clock.now })
        let (state, pending) = logins.start(redirectURI: "https://gw/ui/sso/callback")
        #expect(pending.verifier.count >= 43 && pending.nonce != pending.verifier)
        #expect(logins.finish(state: state) == pending)
        #expect(logins.finish(state: state) == nil, "a state is used once")
        let (late, _) = logins.start(redirectURI: "x")
        clock.now += SSOPendingLogins.lifetime + 1
        #expect(logins.finish(state: late) == nil, "expired")
        #expect(logins.finish(state: "made-up") == nil && logins.finish(state: nil) == nil)
        // Bounded: past capacity the oldest pending login is dropped.
        let first = logins.start(redirectURI: "x").state
        clock.now += 1
        _ = logins.start(redirectURI: "x")
        _ = logins.start(redirectURI: "x")
        #expect(logins.finish(state: first) == nil)
    }
}
