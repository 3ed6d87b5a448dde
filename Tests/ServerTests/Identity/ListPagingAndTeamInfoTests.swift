import GatewayCore
import GatewayTesting
import Testing

extension IdentityRoutesTests {
    /// Paging on the list routes (LiteLLM's shapes kept: `/user/list` an object with totals, the others arrays)
    /// and `/team/info` with the team's keys, through HTTP on both stores.
    struct ListPagingAndTeamInfoTests {
        let admin = IdentityFixture.admin

        @Test(arguments: IdentityFixture.Store.enabled)
        func listRoutesPageAndRefuseBadPaging(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                for index in 1...5 {
                    #expect(try await gateway.post("/organization/new", json: ["organization_id": .string("o\(index)")], key: admin).status == 200)
                    let team: JSON = ["team_id": .string("t\(index)"), "organization_id": index <= 3 ? "o1" : "o2"]
                    #expect(try await gateway.post("/team/new", json: team, key: admin).status == 200)
                    #expect(
                        try await gateway.post("/project/new", json: ["project_id": .string("p\(index)"), "team_id": "t1"], key: admin).status == 200)
                    #expect(try await gateway.post("/customer/new", json: ["user_id": .string("c\(index)")], key: admin).status == 200)
                    #expect(try await gateway.post("/user/new", json: ["user_id": .string("u\(index)")], key: admin).status == 200)
                }
                func ids(_ path: String, _ field: String) async throws -> [String] {
                    let reply = try await gateway.get(path, key: admin)
                    #expect(reply.status == 200, "\(path): \(reply.body)")
                    return reply.json?.arrayValue?.compactMap { $0[field]?.stringValue } ?? []
                }
                for (route, field, prefix) in [
                    ("team", "team_id", "t"), ("organization", "organization_id", "o"), ("project", "project_id", "p"), ("customer", "user_id", "c"),
                ] {
                    #expect(try await ids("/\(route)/list", field).count == 5, "unpaged: every row")
                    #expect(try await ids("/\(route)/list?page=2&size=2", field) == ["\(prefix)3", "\(prefix)4"])
                    #expect(try await ids("/\(route)/list?page=3&size=2", field) == ["\(prefix)5"])
                    #expect(try await ids("/\(route)/list?page=4&size=2", field) == [])
                    #expect(try await ids("/\(route)/list?page=1", field).count == 5, "default size 100")
                    for query in ["page=0", "size=0", "size=abc", "page=-2", "size=1001", "page=9223372036854775807"] {
                        let reply = try await gateway.get("/\(route)/list?\(query)", key: admin)
                        #expect(reply.status == 400, "\(route) \(query)")
                        #expect(reply.error?["param"]?.stringValue == String(query.prefix { $0 != "=" }), "\(route) \(query)")
                    }
                }
                #expect(try await ids("/team/list?organization_id=o1&size=2&page=2", "team_id") == ["t3"], "filters page too")

                let users = try #require(try await gateway.get("/user/list?page=2&page_size=2", key: admin).json)
                #expect(users["users"]?.arrayValue?.compactMap { $0["user_id"]?.stringValue } == ["u3", "u4"])
                #expect(users["total"] == 5 && users["page"] == 2 && users["page_size"] == 2 && users["total_pages"] == 3)
                for query in ["page=0", "page_size=0", "page_size=101", "page=9223372036854775807"] {
                    #expect(try await gateway.get("/user/list?\(query)", key: admin).status == 400, "\(query)")
                }
            }
        }

        @Test(arguments: IdentityFixture.Store.enabled)
        func teamInfoListsKeysMembersAndSpend(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                let members: JSON = [["user_id": "alice", "role": "admin"], ["user_id": "bob"]]
                let team: JSON = ["team_id": "t1", "max_budget": 10, "members_with_roles": members]
                #expect(try await gateway.post("/team/new", json: team, key: admin).status == 200)
                _ = try await gateway.post("/team/new", json: ["team_id": "t2"], key: admin)
                let generated = try await gateway.post("/key/generate", json: ["team_id": "t1", "key_alias": "svc"], key: admin)
                let secret = try #require(generated.json?["key"]?.stringValue)
                _ = try await gateway.post("/key/generate", json: ["team_id": "t2"], key: admin)

                let reply = try await gateway.get("/team/info?team_id=t1", key: IdentityFixture.user("bob"))
                #expect(reply.status == 200)
                let info = try #require(reply.json)
                let keys = try #require(info["keys"]?.arrayValue)
                #expect(keys.count == 1, "only the team's keys")
                #expect(keys.first?["token"]?.stringValue == Secrets.sha256Hex(secret) && keys.first?["key_alias"] == "svc")
                #expect(keys.first?["key_name"]?.stringValue == "sk-..." + secret.suffix(4))
                #expect(!reply.body.contains(secret), "never the plain key")
                #expect(info["team_info"]?["members_with_roles"]?.arrayValue?.compactMap { $0["user_id"]?.stringValue } == ["alice", "bob"])
                #expect(info["team_info"]?["members"] == info["team_info"]?["members_with_roles"])
                #expect(info["team_info"]?["spend"]?.doubleValue == 0 && info["team_info"]?["max_budget"]?.doubleValue == 10)
                #expect(try await gateway.get("/team/info?team_id=t2", key: admin).json?["keys"]?.arrayValue?.count == 1)
            }
        }
    }
}
