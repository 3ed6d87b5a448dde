import Testing

@testable import GatewayServer

/// Which deadline a connection is under, event by event.
struct ConnectionPhaseTests {
    @Test func aRequestGoesHeadBodyBusyIdle() {
        var phase = ConnectionPhase()
        #expect(phase.phase == .idle, "a new connection that sent nothing is idle")
        phase.bytesRead()
        #expect(phase.phase == .head)
        phase.headRead()
        #expect(phase.phase == .body)
        #expect(phase.routeAwaitsBody)
        phase.bytesRead()
        #expect(phase.phase == .body, "body bytes do not start a head")
        phase.endRead()
        #expect(phase.phase == .busy)
        phase.responseEnded()
        #expect(phase.phase == .idle)
        phase.bytesRead()
        #expect(phase.phase == .head)
    }

    @Test func aBodyLeftAfterAnEarlyAnswerIsStillTimed() {
        var phase = ConnectionPhase()
        phase.headRead()
        phase.responseEnded()
        #expect(phase.phase == .body)
        #expect(!phase.routeAwaitsBody, "nobody waits for it: the connection is just closed at the deadline")
        #expect(!phase.isBetweenRequests)
        phase.endRead()
        #expect(phase.phase == .idle)
        #expect(phase.isBetweenRequests)
    }

    @Test func pipelinedRequestsWaitForTheServer() {
        var phase = ConnectionPhase()
        phase.headRead()
        phase.endRead()
        phase.bytesRead()
        phase.headRead()
        #expect(phase.phase == .busy, "an earlier answer is still being written")
        phase.responseEnded()
        #expect(phase.phase == .body)
        phase.endRead()
        #expect(phase.phase == .busy)
        phase.responseEnded()
        #expect(phase.phase == .idle)
    }
}
