import HTTPTypes
import Testing

@testable import GatewayCore

/// ``CopiedOnWrite``: the request's and the deployment's storage keep value semantics behind one reference.
struct CopiedOnWriteTests {
    @Test("a request and its copy are one reference until one of them changes; the change stays in that one")
    func requestCopiesAreIndependent() {
        let original = GatewayRequest(id: "req-1", endpoint: .chatCompletions, body: ["model": "gpt-4o", "messages": []], receivedAtDate: 0)
        #expect(MemoryLayout<GatewayRequest>.size == MemoryLayout<Int>.size)
        var copy = original
        copy.body["model"] = "claude"
        copy.principal.subject = "someone"
        copy.pinnedDeploymentID = "d1"
        #expect(original.model == "gpt-4o")
        #expect(original.principal.subject == Principal.anonymous.subject)
        #expect(original.pinnedDeploymentID == nil)
        #expect(copy.model == "claude")
        #expect(copy.principal.subject == "someone")
        #expect(copy.id == "req-1")
        // Shared objects stay shared: a header a hook sets on the copy is the request's.
        copy.responseHeaders.set(.init("x-test")!, "1")
        #expect(original.responseHeaders.all[.init("x-test")!] == "1")
    }

    @Test("deployments compare and hash by their fields, not by their storage")
    func deploymentEqualityIsByValue() {
        let first = Deployment(id: "d1", modelName: "m", provider: "openai", upstreamModel: "gpt-4o")
        var second = Deployment(id: "d1", modelName: "m", provider: "openai", upstreamModel: "gpt-4o")
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        second.timeout = 5
        #expect(first != second)
        #expect(first.timeout == 600)
        var third = first
        third.extraParams["temperature"] = 0.5
        #expect(first.extraParams.isEmpty)
        #expect(third.extraParams["temperature"] == 0.5)
        third.extraParams = [:]
        #expect(third == first)
    }
}
