import GatewayCore
import Synchronization
import Testing

@testable import AdminUI

/// The session rules: random ids, server-side expiry after the configured lifetime, logout, a bounded table.
struct SessionStoreTests {
    final class Clock: Sendable {
        let now = Mutex(1_000.0)
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
    }

    let admin = Principal(subject: "master_key", role: .admin)

    @Test func sessionsHaveRandomIdsAndTokens() {
        let store = SessionStore(lifetime: 60)
        let first = store.create(credential: "sk-1", principal: admin)
        let second = store.create(credential: "sk-1", principal: admin)
        #expect(first.id != second.id)
        #expect(first.csrfToken != second.csrfToken && first.csrfToken != first.id)
        #expect(first.id.count == 64 && first.id.allSatisfy(\.isHexDigit))
        #expect(store.session(id: first.id) == first)
        #expect(store.session(id: "guess") == nil)
        #expect(store.session(id: nil) == nil)
        #expect(store.session(id: "") == nil)
    }

    @Test func sessionExpiresOnTheServer() {
        let clock = Clock()
        let store = SessionStore(lifetime: 30, clock: { clock.now.withLock { $0 } })
        let session = store.create(credential: "sk-1", principal: admin)
        #expect(session.expiresAt == 1_030)
        clock.advance(29)
        #expect(store.session(id: session.id) != nil)
        clock.advance(1)
        #expect(store.session(id: session.id) == nil, "at its expiry the session is gone")
        #expect(store.count == 0, "an expired session is removed when looked up")
    }

    @Test func logoutEndsTheSession() {
        let store = SessionStore(lifetime: 60)
        let session = store.create(credential: "sk-1", principal: admin)
        store.remove(id: session.id)
        #expect(store.session(id: session.id) == nil)
    }

    @Test func fullTableDropsTheSessionClosestToExpiry() {
        let clock = Clock()
        let store = SessionStore(lifetime: 100, capacity: 2, clock: { clock.now.withLock { $0 } })
        let oldest = store.create(credential: "a", principal: admin)
        clock.advance(1)
        let middle = store.create(credential: "b", principal: admin)
        clock.advance(1)
        let newest = store.create(credential: "c", principal: admin)
        #expect(store.count == 2)
        #expect(store.session(id: oldest.id) == nil)
        #expect(store.session(id: middle.id) != nil && store.session(id: newest.id) != nil)
    }

    @Test func tokensCompareWholly() {
        let token = SessionToken.random()
        #expect(SessionToken.matches(token, token))
        #expect(!SessionToken.matches(nil, token))
        #expect(!SessionToken.matches("", token))
        #expect(!SessionToken.matches(String(token.dropLast()), token), "a prefix is not the token")
        #expect(!SessionToken.matches(String(token.dropLast()) + "x", token))
        #expect(!SessionToken.matches("", ""), "an empty expected token matches nothing")
    }
}
