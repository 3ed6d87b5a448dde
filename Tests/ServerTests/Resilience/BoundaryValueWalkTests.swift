import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Issue 17: every numeric and duration field of every management route, sent each boundary value, on both stores.
/// Each answer is a 200 or a 400 naming the field; after a 200 the stored object reads back through its info route
/// and a request that reaches the budget check with it is answered; the gateway serves to the end.
@Suite struct BoundaryValueWalkTests {
    /// A value to send: a JSON value, or raw JSON text for numbers `JSON` cannot hold (`1e400`).
    enum Probe: CustomStringConvertible {
        case json(JSON)
        case raw(String)

        var description: String {
            switch self {
            case .json(let value): (try? value.serializedString()) ?? "?"
            case .raw(let text): text
            }
        }
    }

    static let probes: [Probe] = [
        .json(0), .json(-1), .json(2_147_483_648), .json(9_007_199_254_740_992), .json(.int(Int.max)), .json(1e308), .json(-1e308),
        .raw("1e400"), .json("inf"), .json("Infinity"), .json("NaN"), .json("9223372036854775807s"), .json("1000000000000d"),
        .json("106751991167301d"),
    ]

    /// Ids and keys the walk's update routes write to, created once.
    final class Walk {
        var count = 0
        var regenerated: (secret: String, hash: String)
        let updated: (secret: String, hash: String)
        let teamKey: String, userKey: String, organizationKey: String, projectKey: String, plainKey: String

        init(_ gateway: NumbersGateway) async throws {
            try await gateway.create("/team/new", ["team_id": "wt"])
            try await gateway.create("/user/new", ["user_id": "wu"])
            try await gateway.create("/customer/new", ["user_id": "wc"])
            try await gateway.create("/organization/new", ["organization_id": "wo"])
            try await gateway.create("/team/new", ["team_id": "wot", "organization_id": "wo"])
            try await gateway.create("/project/new", ["project_id": "wp"])
            try await gateway.create("/model/new", Self.model(name: "walk-model", id: "wm", base: gateway.upstreamBase))
            updated = try await gateway.generateKey()
            regenerated = try await gateway.generateKey()
            teamKey = try await gateway.generateKey(["team_id": "wt"]).secret
            userKey = try await gateway.generateKey(["user_id": "wu"]).secret
            organizationKey = try await gateway.generateKey(["team_id": "wot"]).secret
            projectKey = try await gateway.generateKey(["project_id": "wp"]).secret
            plainKey = try await gateway.generateKey().secret
        }

        /// A fresh id for a create route.
        func next(_ prefix: String) -> String {
            count += 1
            return "\(prefix)-\(count)"
        }

        static func model(name: String, id: String, base: String) -> JSON {
            [
                "model_name": .string(name), "litellm_params": ["model": "openai/echo", "api_base": .string(base), "api_key": "sk-up"],
                "model_info": ["id": .string(id)],
            ]
        }
    }

    /// One field of one route: the body without the field, where the field goes, the `param` a 400 must name, and
    /// what to read and call after a 200.
    struct Target {
        var route: String
        var base: (Walk) -> JSON
        /// Object keys down to the field; `#0` is the first element of an array.
        var path: [String]
        var after: (NumbersGateway, Walk, _ sent: JSON, _ answer: JSON) async throws -> Void

        var param: String {
            path.reduce(into: "") { param, step in
                if step.hasPrefix("#") { param += "[\(step.dropFirst())]" } else { param += (param.isEmpty ? "" : ".") + step }
            }
        }
    }

    @Test(arguments: IdentityFixture.Store.enabled)
    func everyFieldTakesEveryBoundaryValue(_ store: IdentityFixture.Store) async throws {
        try await NumbersGateway.run(store) { gateway in
            let walk = try await Walk(gateway)
            let targets = Self.targets(upstream: gateway.upstreamBase)
            var accepted = 0
            for target in targets {
                for probe in Self.probes {
                    let body = try Self.body(target.base(walk), setting: probe, at: target.path)
                    let reply = try await gateway.post(target.route, text: body)
                    let what = "\(target.route) \(target.param) = \(probe)"
                    if reply.status == 400 {
                        #expect(reply.error?["param"]?.stringValue == target.param, "\(what): \(reply.body)")
                        continue
                    }
                    #expect(reply.status == 200, "\(what): \(reply.status) \(reply.body)")
                    guard reply.status == 200 else { continue }
                    accepted += 1
                    try await target.after(gateway, walk, try #require(try? JSONParser.parse(body)), reply.json ?? [:])
                }
            }
            #expect(accepted > 50)
            try await gateway.expectAlive()
        }
    }

    // MARK: The fields

    static func targets(upstream: String) -> [Target] {
        let limits = ["max_budget", "soft_budget", "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests"]
        var targets: [Target] = []
        for field in limits + ["duration"] {
            targets.append(
                Target(route: "/key/generate", base: { _ in [:] }, path: [field]) { gateway, _, _, answer in
                    try await Self.expectServed(
                        gateway, chat: answer["key"]?.stringValue, info: "/key/info?key=\(answer["token"]?.stringValue ?? "")")
                })
            targets.append(
                Target(route: "/key/update", base: { ["key": .string($0.updated.hash)] }, path: [field]) { gateway, walk, _, _ in
                    try await Self.expectServed(gateway, chat: walk.updated.secret, info: "/key/info?key=\(walk.updated.hash)")
                })
        }
        for field in ["max_budget", "budget_duration", "duration"] {
            targets.append(
                Target(route: "/key/regenerate", base: { ["key": .string($0.regenerated.hash)] }, path: [field]) { gateway, walk, _, answer in
                    walk.regenerated = (try #require(answer["key"]?.stringValue), try #require(answer["token"]?.stringValue))
                    try await Self.expectServed(gateway, chat: walk.regenerated.secret, info: "/key/info?key=\(walk.regenerated.hash)")
                })
        }
        for field in limits {
            targets.append(created("/team/new", "team_id", field, info: "/team/info?team_id="))
            targets.append(updated("/team/update", ["team_id": "wt"], field, chat: \.teamKey, info: "/team/info?team_id=wt"))
            targets.append(created("/user/new", "user_id", field, info: "/user/info?user_id="))
            targets.append(updated("/user/update", ["user_id": "wu"], field, chat: \.userKey, info: "/user/info?user_id=wu"))
        }
        for field in ["max_budget_in_team", "tpm_limit", "rpm_limit"] {
            targets.append(
                Target(
                    route: "/team/new", base: { ["team_id": .string($0.next("tm")), "members_with_roles": [["user_id": .string($0.next("mu"))]]] },
                    path: ["members_with_roles", "#0", field]
                ) { gateway, _, sent, _ in
                    try await Self.expectServed(gateway, chat: nil, info: "/team/info?team_id=\(sent["team_id"]?.stringValue ?? "")")
                })
            targets.append(
                Target(
                    route: "/team/member_add", base: { ["team_id": "wt", "member": ["user_id": .string($0.next("ma"))]] }, path: ["member", field]
                ) {
                    gateway, walk, _, _ in try await Self.expectServed(gateway, chat: walk.teamKey, info: "/team/info?team_id=wt")
                })
        }
        targets.append(
            Target(
                route: "/team/member_add", base: { ["team_id": "wt", "member": ["user_id": .string($0.next("mb"))]] }, path: ["max_budget_in_team"]
            ) {
                gateway, walk, _, _ in try await Self.expectServed(gateway, chat: walk.teamKey, info: "/team/info?team_id=wt")
            })
        for field in ["max_budget", "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests"] {
            targets.append(created("/customer/new", "user_id", field, info: "/customer/info?end_user_id="))
            targets.append(
                Target(route: "/customer/update", base: { _ in ["user_id": "wc"] }, path: [field]) { gateway, walk, _, _ in
                    try await Self.expectServed(gateway, chat: walk.plainKey, user: "wc", info: "/customer/info?end_user_id=wc")
                })
        }
        for field in ["max_budget", "tpm_limit", "rpm_limit"] {
            targets.append(created("/organization/new", "organization_id", field, info: "/organization/info?organization_id="))
            targets.append(
                updated(
                    "/organization/update", ["organization_id": "wo"], field, chat: \.organizationKey, info: "/organization/info?organization_id=wo"))
        }
        targets.append(
            Target(
                route: "/organization/member_add", base: { ["organization_id": "wo", "member": ["user_id": .string($0.next("om"))]] },
                path: ["member", "max_budget_in_organization"]
            ) {
                gateway, walk, _, _ in
                try await Self.expectServed(gateway, chat: walk.organizationKey, info: "/organization/info?organization_id=wo")
            })
        // `/user/new` passes `duration` on to the key it creates.
        targets.append(created("/user/new", "user_id", "duration", info: "/user/info?user_id="))
        targets.append(created("/project/new", "project_id", "max_budget", info: "/project/info?project_id="))
        targets.append(updated("/project/update", ["project_id": "wp"], "max_budget", chat: \.projectKey, info: "/project/info?project_id=wp"))
        let params = [
            "rpm", "tpm", "timeout", "stream_timeout", "weight", "order", "max_parallel_requests", "input_cost_per_token", "output_cost_per_token",
        ]
        let modelFields =
            params.map { ["litellm_params", $0] } + ["input_cost_per_token", "output_cost_per_token", "max_tokens"].map { ["model_info", $0] }
        for path in modelFields {
            targets.append(
                Target(route: "/model/new", base: { walk in Walk.model(name: walk.next("mn"), id: walk.next("mi"), base: upstream) }, path: path) {
                    gateway, _, sent, _ in
                    let id = sent["model_info"]?["id"]?.stringValue ?? ""
                    try await Self.expectServed(
                        gateway, chat: NumbersGateway.master, model: sent["model_name"]?.stringValue, info: "/model/info?litellm_model_id=\(id)")
                })
            targets.append(
                Target(route: "/model/update", base: { _ in ["model_info": ["id": "wm"]] }, path: path) { gateway, _, _, _ in
                    try await Self.expectServed(gateway, chat: NumbersGateway.master, model: "walk-model", info: "/model/info?litellm_model_id=wm")
                })
        }
        return targets
    }

    /// A create route's field; after a 200 the new object's info is read (`info` + its id).
    static func created(_ route: String, _ idField: String, _ field: String, info: String) -> Target {
        Target(route: route, base: { [idField: .string($0.next("n"))] }, path: [field]) { gateway, _, sent, _ in
            try await expectServed(gateway, chat: nil, info: info + (sent[idField]?.stringValue ?? ""))
        }
    }

    /// An update route's field on a walk object; after a 200 a request through its key, then its info.
    static func updated(_ route: String, _ base: JSON, _ field: String, chat key: KeyPath<Walk, String>, info: String) -> Target {
        Target(route: route, base: { _ in base }, path: [field]) { gateway, walk, _, _ in
            try await expectServed(gateway, chat: walk[keyPath: key], info: info)
        }
    }

    /// A chat (when a key is given) is answered without a server error, and the info route answers 200.
    static func expectServed(
        _ gateway: NumbersGateway, chat key: String?, model: String? = nil, user: String? = nil, info: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        if let key {
            let reply = try await gateway.chat(key, model: model ?? BudgetGateway.pricedModel, user: user)
            #expect([200, 400, 429].contains(reply.status), "chat after a 200: \(reply.status) \(reply.body)", sourceLocation: sourceLocation)
        }
        let reply = try await gateway.get(info)
        #expect(reply.status == 200, "\(info): \(reply.status) \(reply.body)", sourceLocation: sourceLocation)
    }

    // MARK: Bodies

    /// `base` with `probe` at `path`, as JSON text.
    static func body(_ base: JSON, setting probe: Probe, at path: [String]) throws -> String {
        let placeholder = "__tollgate_probe__"
        let value: JSON
        switch probe {
        case .json(let json): value = json
        case .raw: value = .string(placeholder)
        }
        let text = try set(value, at: path[...], in: base).serializedString()
        guard case .raw(let raw) = probe else { return text }
        return text.replacingOccurrences(of: "\"\(placeholder)\"", with: raw)
    }

    private static func set(_ value: JSON, at path: ArraySlice<String>, in json: JSON) -> JSON {
        guard let step = path.first else { return value }
        if step.hasPrefix("#"), var elements = json.arrayValue, let index = Int(step.dropFirst()), elements.indices.contains(index) {
            elements[index] = set(value, at: path.dropFirst(), in: elements[index])
            return .array(elements)
        }
        var result = json
        result[step] = set(value, at: path.dropFirst(), in: json[step] ?? [:])
        return result
    }
}
