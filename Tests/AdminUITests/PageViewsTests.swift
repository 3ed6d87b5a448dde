import GatewayCore
import Testing

@testable import AdminUI

/// What the teams, directory, models, logs, policies and audit pages show for given API answers.
struct PageViewsTests {
    @Test func teamListAndDetail() {
        let list = TeamsView.make(
            teams: [
                [
                    "team_id": "ops", "team_alias": "Ops", "members": [["user_id": "a"], ["user_id": "b"]], "spend": 2.0, "tpm_limit": 1000,
                    "blocked": true,
                ]
            ],
            role: .viewer, csrf: "")
        #expect(
            list.rows == [
                TeamsView.Row(id: "ops", alias: "Ops", members: 2, models: "all", spend: "$2.00", budget: "—", limits: "1,000 TPM", blocked: true)
            ])
        #expect(!list.canAdminister)
        let info: JSON = [
            "team_id": "ops",
            "team_info": [
                "team_alias": "Ops", "models": ["gpt"], "spend": 1.0, "max_budget": 50.0, "rpm_limit": 10,
                "members_with_roles": [["user_id": "eve", "role": "admin", "spend": 0.25]],
            ],
            "keys": [["token": "h1", "key_alias": "app", "spend": 0.5, "blocked": false]],
        ]
        let detail = TeamDetailView(info, role: .admin, csrf: "tok")
        #expect(detail.members == [TeamDetailView.Member(userID: "eve", role: "admin", spend: "$0.25")])
        #expect(detail.keys == [TeamDetailView.Key(token: "h1", name: "app", spend: "$0.50", blocked: false)])
        #expect(detail.budget == "$50.00" && detail.limits == "10 RPM" && detail.models == "gpt")
        #expect(detail.maxBudgetValue == "50.0" && detail.modelsValue == "gpt" && detail.canAdminister)
    }

    @Test func directoryColumns() {
        let users = DirectoryView.make(
            .users, objects: [["user_id": "eve", "user_email": "e@x", "user_role": "internal_user", "teams": ["ops"], "spend": 1.0]], pager: nil,
            role: .admin, csrf: "")
        #expect(users.columns.map(\.text) == ["User", "Email", "Role", "Teams", "Spend", "Budget"])
        #expect(users.rows.first?.cells.map(\.text) == ["eve", "e@x", "internal_user", "ops", "$1.00", "—"])
        let customers = DirectoryView.make(.customers, objects: [["user_id": "c1", "blocked": true]], pager: nil, role: .viewer, csrf: "")
        #expect(customers.rows.first?.cells.last?.text == "blocked" && customers.rows.first?.blocked == true)
        #expect(customers.isCustomers && !customers.isUsers && !customers.canAdminister)
    }

    @Test func modelsShowMaskedCredentialsAndHealth() {
        let deployments: [JSON] = [
            [
                "model_name": "gpt", "litellm_params": ["model": "openai/gpt-4o", "api_key": "sk-...1234"],
                "model_info": ["id": "d1", "db_model": true],
            ],
            ["model_name": "gpt", "litellm_params": ["model": "openai/gpt-4o-mini"], "model_info": ["id": "d2", "db_model": false]],
            ["model_name": "claude", "litellm_params": ["model": "anthropic/claude"], "model_info": ["id": "d3"]],
        ]
        let health: JSON = ["healthy_endpoints": [["model_id": "d1"]], "unhealthy_endpoints": [["model_id": "d2", "error": "HTTP 500"]]]
        let view = ModelsView.make(deployments: deployments, health: health, role: .admin, csrf: "")
        #expect(view.rows.map(\.apiKey) == ["sk-...1234", "", ""])
        #expect(view.rows.map(\.runtime) == [true, false, false])
        #expect(view.rows.map(\.health) == ["healthy", "unhealthy", "not checked"])
        #expect(view.rows[1].healthError == "HTTP 500")
        #expect(view.choices.map(\.name) == ["claude", "gpt"])
        #expect(ModelsView.make(deployments: deployments, health: nil, role: .viewer, csrf: "").rows.map(\.health) == [nil, nil, nil])
        // The routing plugin's state: a cooldown and a last result, with nothing probed.
        let routing: JSON = [
            "deployments": [
                ["model_id": "d1", "cooling_down": true, "health": .null],
                ["model_id": "d2", "cooling_down": false, "health": ["healthy": false, "error": "timeout"]],
            ]
        ]
        let state = ModelsView.make(deployments: deployments, health: nil, routing: routing, role: .viewer, csrf: "")
        #expect(state.rows.map(\.coolingDown) == [true, false, false])
        #expect(state.rows.map(\.health) == [nil, "unhealthy", nil] && state.rows[1].healthError == "timeout" && state.checkedHealth)
    }

    @Test func logsAndRequestDetail() {
        let entry: JSON = [
            "call_id": "req-1", "request_id": "chatcmpl-1", "startTime": "2026-12-07T01:02:03.456Z", "model_group": "gpt",
            "api_key": "abcdef0123456789",
            "team_id": "ops", "user": "eve", "prompt_tokens": 11, "completion_tokens": 7, "spend": 0.000123, "request_duration_ms": 42.4,
            "status": "failure", "error_code": "rate_limit_exceeded", "model_id": "d1",
            "metadata": [
                "decision_trace": [
                    "hooks": [["point": "auth", "plugin": "virtual-keys", "decision": "proceed", "ms": 0.2]],
                    "attempts": [
                        ["number": 1, "deployment": "d1", "status": 429, "ms": 30.0], ["number": 2, "deployment": "d2", "status": 200, "ms": 12.0],
                    ],
                ],
                "error_information": ["error_message": "slow down"],
            ],
        ]
        let view = LogsView.make(
            entries: [entry], pager: PagerView(path: "/ui/logs", filters: [:], page: 1, pages: 1, total: 1), query: ["status": "failure"])
        #expect(
            view.rows == [
                LogsView.Row(
                    requestID: "req-1", time: "2026-12-07 01:02:03", model: "gpt", key: "abcdef0123", team: "ops", user: "eve", tokens: "11 / 7",
                    spend: "$0.000123", latency: "42 ms", failed: true, status: "failure")
            ])
        #expect(view.filters.failure && !view.filters.success)
        let detail = LogDetailView(entry)
        #expect(detail.fields.first { $0.name == "Status" }?.value == "failure (rate_limit_exceeded)")
        #expect(detail.fields.first { $0.name == "Deployment" }?.value == "d1")
        #expect(detail.hooks.map(\.plugin) == ["virtual-keys"])
        #expect(detail.attempts.map(\.status) == ["429", "200"], "a retry shows as two attempts")
        #expect(detail.hasTrace && detail.error == "slow down")
        #expect(!LogDetailView(["call_id": "x"]).hasTrace)
        #expect(LogDetailView(["call_id": "x"]).error == nil, "a success shows no error box")
    }

    @Test func auditShowsWhatChanged() {
        let entry: JSON = [
            "timestamp": 0, "changed_by": "master_key", "action": "updated", "object_type": "key", "object_id": "h1",
            "before": ["blocked": false, "spend": 1, "key_alias": "a"], "after": ["blocked": true, "spend": 1, "key_alias": "a", "team_id": "ops"],
        ]
        let view = AuditView.make(entries: [entry], objectType: "key", objectID: "")
        #expect(
            view.rows.first?.changes == [
                AuditView.Change(field: "blocked", before: "false", after: "true"), AuditView.Change(field: "team_id", before: "—", after: "ops"),
            ])
        #expect(view.rows.first?.time == "1970-01-01 00:00:00" && view.rows.first?.who == "master_key")
        #expect(AuditView.changes(before: nil, after: ["a": 1]).map(\.field) == ["a"], "a creation lists every field")
    }

    @Test func policiesAndShadowResults() {
        let versions: [JSON] = [
            [
                "policy_id": "p1", "policy_name": "pii", "version_number": 2, "version_status": "published", "shadow": true,
                "guardrails_add": ["mask"],
                "guardrails_remove": ["old"], "condition": ["model": ["gpt"]],
            ],
            ["policy_id": "p0", "policy_name": "pii", "version_number": 1, "version_status": "draft", "shadow": false],
        ]
        let view = PoliciesView.make(
            versions: versions, attachments: [["policy_name": "pii", "scope": "*"], ["policy_name": "pii", "teams": ["ops"]]],
            recentRows: [
                ["call_id": "r1", "metadata": ["shadow_guardrails": [["guardrail": "mask", "action": "blocked"]]]],
                ["call_id": "r2", "metadata": [:]],
            ],
            enabled: true, role: .admin, csrf: "")
        #expect(view.versions.map(\.guardrails) == ["+mask −old", ""])
        #expect(view.versions.map(\.isPublished) == [true, false] && view.versions.map(\.isDraft) == [false, true])
        #expect(view.attachments.map(\.scope) == ["every request", "teams: ops"])
        #expect(view.shadowHits.map(\.requestID) == ["r1"] && view.hasShadowHits)
    }

    @Test func playgroundAnswerAndTrace() {
        let reply: JSON = ["choices": [["message": ["content": "hi"]]], "usage": ["prompt_tokens": 3, "completion_tokens": 1]]
        let view = PlaygroundView.make(
            models: ["a", "b"], chosen: "b", prompt: "hello", reply: reply, error: nil,
            trace: ["hooks": [["point": "routing", "plugin": "routing", "decision": "proceed"]], "attempts": []], csrf: "")
        #expect(view.answer == "hi" && view.usage == "3 prompt + 1 completion tokens")
        #expect(view.choices.map(\.selected) == [false, true])
        #expect(view.hooks.map(\.point) == ["routing"] && view.hasTrace)
        let refused = PlaygroundView.make(models: [], chosen: "", prompt: "", reply: nil, error: "401: bad key", trace: nil, csrf: "")
        #expect(refused.answer == nil && refused.error == "401: bad key" && !refused.hasTrace)
    }
}
