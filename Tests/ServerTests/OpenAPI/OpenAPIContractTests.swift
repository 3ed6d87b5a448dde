import GatewayCore
import GatewayTesting
import Testing

@testable import GatewayServer

/// The OpenAPI document against the routes the gateway serves: neither may drift from the other.
struct OpenAPIContractTests {
    /// What `GET /routes` lists, as (method, path) pairs.
    static func served(_ gateway: TestEndpoint) async throws -> Set<ServedRoute> {
        let reply = try await gateway.get("/routes", key: ContractGateway.masterKey)
        #expect(reply.status == 200, "\(reply.body)")
        var routes: Set<ServedRoute> = []
        for entry in reply.json?["routes"]?.arrayValue ?? [] {
            let path = try #require(entry["path"]?.stringValue)
            for method in entry["methods"]?.arrayValue ?? [] { routes.insert(ServedRoute(method: try #require(method.stringValue), path: path)) }
        }
        return routes
    }

    /// With every built-in plugin that serves routes, the catalog describes exactly the routes served.
    @Test func everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() async throws {
        try await ContractGateway.withRunning { gateway in
            let served = try await Self.served(gateway)
            let documented = Set(OpenAPIDocument.catalogOperations.map(\.route))
            #expect(served.count > 100)
            #expect(served.subtracting(documented).sorted() == [], "served but not in the OpenAPI catalog (Sources/Server/OpenAPI)")
            #expect(documented.subtracting(served).sorted() == [], "in the OpenAPI catalog but not served")

            let reply = try await gateway.get("/openapi.json")
            #expect(reply.status == 200)
            let document = try #require(reply.json)
            #expect(document["openapi"] == "3.1.0")
            var operations = 0
            for (_, item) in document["paths"]?.objectValue ?? [:] {
                for (method, operation) in item.objectValue ?? [:] {
                    operations += 1
                    #expect(operation[OpenAPIDocument.undocumentedExtension] == nil, "\(method) undescribed")
                    // An answer for success (MCP's GET answers only 405: that transport offers no stream).
                    let codes = operation["responses"]?.objectValue?.keys.map { $0 } ?? []
                    #expect(codes.contains { $0.hasPrefix("2") } || codes.contains("405"), "\(method): \(codes)")
                }
            }
            #expect(operations == OpenAPIDocument.catalogOperations.count)
        }
    }

    /// A new built-in plugin must be enabled above (and its routes described) or named as serving none.
    @Test func everyBuiltinPluginIsCoveredByTheContractGateway() {
        let known = Set(ContractGateway.plugins).union(ContractGateway.withoutRoutes)
        let builtin = Set(BuiltinPlugins.all.map { $0.id })
        #expect(builtin.subtracting(known).sorted() == [], "enable these in ContractGateway and describe their routes in Sources/Server/OpenAPI")
    }

    /// Every `$ref` points at a component the document holds.
    @Test func everyReferenceResolves() {
        let document = OpenAPIDocument.document(serving: OpenAPIDocument.catalogOperations.map(\.route))
        var references: [String] = []
        func walk(_ value: JSON) {
            switch value {
            case .object(let members):
                if let ref = members["$ref"]?.stringValue { references.append(ref) }
                members.values.forEach(walk)
            case .array(let elements): elements.forEach(walk)
            default: break
            }
        }
        walk(document)
        #expect(references.count > 100)
        for reference in Set(references) {
            let parts = reference.split(separator: "/").dropFirst().map(String.init)
            var target: JSON? = document
            for part in parts { target = target?[part] }
            #expect(reference.hasPrefix("#/") && target != nil, "\(reference) resolves to nothing")
        }
    }

    /// The document and its page are served without a key; the page lists every operation, without script.
    @Test func referencePageListsEveryOperation() async throws {
        try await ContractGateway.withRunning { gateway in
            let page = try await gateway.get("/docs")
            #expect(page.status == 200)
            #expect(page.header("content-type")?.hasPrefix("text/html") == true)
            #expect(!page.body.contains("<script"))
            let document = try #require(try await gateway.get("/openapi.json").json)
            for (path, item) in document["paths"]?.objectValue ?? [:] {
                #expect(page.body.contains("<code>\(OpenAPIReferencePage.escape(path))</code>"), "\(path) missing from /docs")
                for method in item.objectValue?.keys ?? [:].keys {
                    #expect(page.body.contains("<span class=\"m \(method)\">"), "\(method) \(path)")
                }
            }
            #expect(page.body.contains("/key/generate"))
        }
    }

    /// A disabled plugin's routes are not in the document; a third party's undescribed route is, marked so.
    @Test func documentFollowsThePluginsEnabled() async throws {
        try await TestGateway.withRunning(
            config: ContractGateway.config, plugins: #"{"plugins": [{"name": "master-key-auth"}, {"name": "echo-admin"}]}"#,
            extraPlugins: [AdminRouteTests.EchoAdminPlugin.self]
        ) { gateway in
            let document = try #require(try await gateway.get("/openapi.json").json)
            let paths = document["paths"]?.objectValue ?? [:]
            #expect(paths["/key/generate"] == nil)
            #expect(paths["/v1/chat/completions"]?["post"] != nil)
            let plugin = paths.filter { $0.value.objectValue?.values.contains { $0[OpenAPIDocument.undocumentedExtension] == true } == true }
            #expect(!plugin.isEmpty)
        }
    }
}
