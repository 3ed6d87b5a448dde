import GatewayCore
import GatewayTesting
import Testing

/// config.yaml's `guardrails` section, as LiteLLM writes it, served over HTTP beside plugins.json's guardrails.
struct ConfigYAMLGuardrailsTests {
    let master = GatewayFixture.masterKey

    /// | guardrail | from | type | mode | default_on |
    /// | --- | --- | --- | --- | --- |
    /// | `content-filter` | config.yaml | litellm_content_filter: email MASK, us_ssn BLOCK, `confidential` BLOCK, `proprietary` MASK | pre_call | yes |
    /// | `presidio-pii` | config.yaml | presidio: EMAIL_ADDRESS MASK, CREDIT_CARD BLOCK | pre_call | no |
    /// | `secrets-out` | config.yaml | hide-secrets | post_call | yes |
    /// | `no-banana` | config.yaml | Tollgate's `keywords` kind | pre_call | no |
    /// | `no-sesame` | plugins.json | keywords | pre_call | yes |
    static let guardrailsYAML = """
        guardrails:
          - guardrail_name: content-filter
            litellm_params:
              guardrail: litellm_content_filter
              mode: pre_call
              default_on: true
              patterns:
                - pattern_type: prebuilt
                  pattern_name: email
                  action: MASK
                - pattern_type: prebuilt
                  pattern_name: us_ssn
                  action: BLOCK
              blocked_words:
                - keyword: confidential
                  action: BLOCK
                - keyword: proprietary
                  action: MASK
          - guardrail_name: presidio-pii
            litellm_params:
              guardrail: presidio
              mode: pre_call
              presidio_analyzer_api_base: http://127.0.0.1:1
              pii_entities_config:
                EMAIL_ADDRESS: MASK
                CREDIT_CARD: BLOCK
          - guardrail_name: secrets-out
            litellm_params:
              guardrail: hide-secrets
              mode: post_call
              default_on: true
          - guardrail_name: no-banana
            litellm_params:
              guardrail: keywords
              keywords: [banana]
        """
    static let plugins = """
        {"plugins": [{"name": "master-key-auth"}, {"name": "guardrails", "config": {"guardrails": [
          {"name": "no-sesame", "kind": "keywords", "keywords": ["open sesame"], "default_on": true}]}}]}
        """

    static func withGateway(
        guardrails: String = guardrailsYAML, plugins: String = plugins, _ body: (TestEndpoint, UpstreamRecorder) async throws -> Void
    ) async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream) + "\n" + guardrails, plugins: plugins) { gateway in
                try await body(gateway, recorder)
            }
        }
    }

    func chat(_ gateway: TestEndpoint, _ text: String, extra: JSON = [:]) async throws -> TestEndpoint.Reply {
        var body = GatewayFixture.chat("gpt-test", text)
        for (field, value) in extra.objectValue ?? [:] { body[field] = value }
        return try await gateway.post("/v1/chat/completions", json: body, key: master)
    }

    @Test func contentFilterMasksAndBlocksPerRule() async throws {
        try await Self.withGateway { gateway, recorder in
            let masked = try await chat(gateway, "mail bob@example.com about the proprietary plan")
            #expect(masked.status == 200, "\(masked.body)")
            #expect(await recorder.last?.body["messages"]?[0]?["content"] == "mail [EMAIL_REDACTED] about the [KEYWORD_REDACTED] plan")
            #expect(masked.header("x-tollgate-guardrails") == "no-sesame,content-filter,secrets-out")

            let ssn = try await chat(gateway, "mail bob@example.com my SSN 123-45-6789")
            #expect(ssn.status == 400)
            #expect(ssn.error?["type"] == "guardrail_violation")
            #expect(ssn.error?["message"] == "Blocked by guardrail 'content-filter': the text contains us ssn.")

            let word = try await chat(gateway, "this is Confidential")
            #expect(word.status == 400)
            #expect(word.error?["message"] == "Blocked by guardrail 'content-filter': the text contains a blocked keyword.")
            // plugins.json's guardrail runs beside config.yaml's.
            let sesame = try await chat(gateway, "open sesame")
            #expect(sesame.error?["message"] == "Blocked by guardrail 'no-sesame': the text contains a blocked keyword.")
            #expect(await recorder.calls.count == 1)
        }
    }

    @Test func presidioAndOwnKindsRunWhenAskedFor() async throws {
        try await Self.withGateway { gateway, recorder in
            let asked: JSON = ["guardrails": ["presidio-pii", "no-banana"]]
            let card = try await chat(gateway, "card 4111 1111 1111 1111", extra: asked)
            #expect(card.status == 400)
            #expect(card.error?["message"] == "Blocked by guardrail 'presidio-pii': the text contains credit card.")
            let banana = try await chat(gateway, "a banana", extra: asked)
            #expect(banana.error?["message"] == "Blocked by guardrail 'no-banana': the text contains a blocked keyword.")
            #expect(await recorder.calls.isEmpty)
            // Not asked for: neither runs (the email is masked by content-filter's placeholder, not Presidio's).
            let plain = try await chat(gateway, "a banana for carol@example.com")
            #expect(plain.status == 200)
            #expect(await recorder.last?.body["messages"]?[0]?["content"] == "a banana for [EMAIL_REDACTED]")
            let presidio = try await chat(
                gateway, "write to carol@example.com", extra: ["guardrails": ["presidio-pii"], "disable_guardrails": ["content-filter"]])
            #expect(presidio.status == 200, "\(presidio.body)")
            #expect(await recorder.last?.body["messages"]?[0]?["content"] == "write to <EMAIL_ADDRESS>")
        }
    }

    @Test func hideSecretsMasksTheAnswer() async throws {
        try await Self.withGateway { gateway, _ in
            let reply = try await chat(gateway, "key AKIAABCDEFGHIJKLMNOP")
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["choices"]?[0]?["message"]?["content"] == "upstream says: key [REDACTED]")
        }
    }

    @Test func aTypeTollgateDoesNotImplementStopsStartup() async throws {
        let yaml = """
            guardrails:
              - guardrail_name: prompt-injection
                litellm_params:
                  guardrail: lakera
                  mode: pre_call
                  api_key: sk-lakera
            """
        let error = await #expect(throws: ConfigError.self) { try await Self.withGateway(guardrails: yaml) { _, _ in } }
        #expect(
            error?.message.contains("guardrails[0] ('prompt-injection').litellm_params.guardrail: type 'lakera' is not implemented") == true,
            "\(error?.message ?? "")")
    }

    @Test(arguments: [
        ("patterns: [{pattern_type: prebuilt, pattern_name: us_passport}]", "pattern_name must be a prebuilt pattern Tollgate has"),
        ("categories: [{category: harmful_violence}]", "litellm_params.categories is not supported"),
        ("blocked_words: [{keyword: x, action: WARN}]", "blocked_words[0].action must be BLOCK or MASK"),
    ])
    func badContentFilterEntriesStopStartup(params: String, message: String) async throws {
        let yaml = """
            guardrails:
              - guardrail_name: filter
                litellm_params:
                  guardrail: litellm_content_filter
                  \(params)
            """
        let error = await #expect(throws: ConfigError.self) { try await Self.withGateway(guardrails: yaml) { _, _ in } }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func aNameInBothFilesStopsStartup() async throws {
        let yaml = """
            guardrails:
              - guardrail_name: no-sesame
                litellm_params: {guardrail: keywords, keywords: [sesame]}
            """
        let error = await #expect(throws: ConfigError.self) { try await Self.withGateway(guardrails: yaml) { _, _ in } }
        #expect(error?.message.contains("guardrail 'no-sesame' is also declared in plugins.json") == true)
    }

    @Test func guardrailsWithoutTheGuardrailPluginStopStartup() async throws {
        let error = await #expect(throws: ConfigError.self) {
            try await Self.withGateway(plugins: GatewayFixture.authOnly) { _, _ in }
        }
        #expect(error?.message.contains("guardrail 'content-filter' is declared but no guardrail plugin is enabled") == true)
    }
}
