import AWSSigV4
import Foundation
import Testing

/// The signer against botocore's `SigV4Auth` (PyPI `botocore`, run by `Tests/sdk/botocore_sigv4.py`): for the same
/// request, time and credentials, the `Authorization` header must be the same.
///
/// The interpreter is `TOLLGATE_PYTHON` (default `python3`) and must import `botocore` (`Tests/sdk/requirements.txt`);
/// `TOLLGATE_SKIP_SDK=1` disables the suite.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct BotocoreSigV4Tests {
    static let python = ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"] ?? "python3"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sdk/botocore_sigv4.py").path

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var host: String
        var path: String
        var query: [(name: String, value: String)] = []
        var body: String
        var token: String?
        var service = "bedrock"
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Converse, session credentials, model id with a colon", host: "bedrock-runtime.us-east-1.amazonaws.com",
            path: "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse",
            body: #"{"messages":[{"role":"user","content":[{"text":"Hello, Bedrock!"}]}],"inferenceConfig":{"maxTokens":64}}"#,
            token: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+example/token=="),
        Case(
            name: "ConverseStream, long-term credentials, inference profile", host: "bedrock-runtime.eu-west-3.amazonaws.com",
            path: "/model/eu.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse-stream", body: #"{"messages":[]}"#, token: nil),
        Case(
            name: "a query with reserved characters", host: "sts.amazonaws.com", path: "/",
            query: [("Action", "AssumeRole"), ("RoleSessionName", "tollgate session"), ("RoleArn", "arn:aws:iam::123456789012:role/demo")],
            body: "", token: nil, service: "sts"),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: cases)
    func authorizationMatchesBotocore(_ testCase: Case) throws {
        let credentials = AWSCredentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: testCase.token)
        let region = String(testCase.host.split(separator: ".")[1])
        let signer = SigV4Signer(credentials: credentials, region: testCase.service == "sts" ? "us-east-1" : region, service: testCase.service)
        let request = SigV4Request(
            method: "POST", path: testCase.path, query: testCase.query,
            headers: [("Host", testCase.host), ("Content-Type", "application/json")], body: Array(testCase.body.utf8))
        let ours = signer.sign(request, at: AWSTimestamp(secondsSince1970: 1_718_886_896))  // 2024-06-20T12:34:56Z

        let query = testCase.query.map {
            "\(AWSURIEncoding.encode($0.name, keepingSlash: false))=\(AWSURIEncoding.encode($0.value, keepingSlash: false))"
        }
        let spec: [String: Any] = [
            "method": "POST", "url": "https://\(testCase.host)\(testCase.path)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")),
            "headers": [["Content-Type", "application/json"]], "body": testCase.body, "access_key": credentials.accessKeyID,
            "secret_key": credentials.secretAccessKey, "token": testCase.token ?? NSNull(), "region": signer.region, "service": signer.service,
            "timestamp": "2024-06-20T12:34:56Z",
        ]
        let theirs = try Self.runBotocore(spec)
        #expect(ours.authorization == theirs["authorization"] as? String)
        let sent = theirs["headers"] as? [String: String] ?? [:]
        #expect(sent["X-Amz-Date"] == "20240620T123456Z")
        #expect(sent["X-Amz-Security-Token"] == testCase.token)
        #expect(ours.headers.first { $0.name == "x-amz-security-token" }?.value == testCase.token)
    }

    /// Runs the script on `spec`; records an issue (and throws) when the interpreter cannot import botocore.
    static func runBotocore(_ spec: [String: Any]) throws -> [String: Any] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("sigv4-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: spec).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            Issue.record(
                """
                '\(python)' could not sign with botocore (install Tests/sdk/requirements.txt into it, point TOLLGATE_PYTHON \
                at one that has it, or set TOLLGATE_SKIP_SDK=1): \(String(decoding: data, as: UTF8.self))
                """)
            throw CancellationError()
        }
        return json
    }
}
