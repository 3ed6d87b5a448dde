import Testing

@testable import UpstreamHTTP1

@Suite struct HTTP1TargetTests {
    @Test(arguments: [
        ("http://127.0.0.1:8080/v1/chat", false, "127.0.0.1", 8080, "127.0.0.1:8080", "/v1/chat"),
        ("http://api.local/v1", false, "api.local", 80, "api.local", "/v1"),
        ("HTTPS://api.example.com", true, "api.example.com", 443, "api.example.com", "/"),
        ("http://host:80/a?b=c#frag", false, "host", 80, "host", "/a?b=c"),
        ("http://host?q=1", false, "host", 80, "host", "/?q=1"),
        ("http://[::1]:9000/x", false, "::1", 9000, "[::1]:9000", "/x"),
        ("http://[::1]/x", false, "::1", 80, "[::1]", "/x"),
        ("http://h#frag", false, "h", 80, "h", "/"),
        ("http://h:8443/café/ü?q=é#x", false, "h", 8443, "h:8443", "/café/ü?q=é"),
    ])
    func parses(url: String, secure: Bool, host: String, port: Int, hostHeader: String, path: String) throws {
        let (target, parsedPath) = try #require(HTTP1Target.parse(url))
        #expect(target == HTTP1Target(secure: secure, host: host, port: port, hostHeader: hostHeader))
        #expect(parsedPath == path)
    }

    @Test(arguments: [
        "", "http:/host", "ftp://host/", "http://", "http:///path", "http://u:p@host/", "http://host:/", "http://host:x/", "http://host:65536/",
        "http://[]/",
    ])
    func rejects(url: String) {
        #expect(HTTP1Target.parse(url) == nil)
    }
}
