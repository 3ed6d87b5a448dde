import Foundation
import GatewayTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// nginx as the load balancer in front of gateway instances on loopback, run as a child of the test (no daemon,
/// no master process, as the current user, every file it writes in a temporary folder).
///
/// The `upstream` and `location` blocks are those of the example in docs/deployment.md; keep the two alike. nginx
/// adds `x-tollgate-upstream` to every answer: the instances it tried, in order (`127.0.0.1:P1, 127.0.0.1:P2` when
/// it retried), so a test can tell who answered and which requests were passed on after an instance failed.
struct NginxBalancer {
    let process: ChildProcess
    let endpoint: TestEndpoint
    private let directory: TemporaryDirectory

    /// The header in which nginx names the instances it tried.
    static let upstreamHeader = "x-tollgate-upstream"

    /// Where Debian's `nginx` package puts the binary.
    static let binaryCandidates = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]

    /// Starts nginx in front of the instances on `upstreamPorts` and waits until a liveliness probe passes through it.
    /// - Throws: ``TestFailure`` when nginx is not installed or does not start.
    static func start(upstreamPorts: [Int]) async throws -> NginxBalancer {
        let binary = try binary()
        let directory = try TemporaryDirectory()
        let port = try FreeLoopbackPort.pick()
        let config = try directory.write("nginx.conf", configuration(listenPort: port, upstreamPorts: upstreamPorts, prefix: directory.path))
        let process = try ChildProcess(executable: binary, arguments: ["-p", directory.path, "-c", config, "-e", "stderr"])
        let balancer = NginxBalancer(process: process, endpoint: TestEndpoint(port: port), directory: directory)
        do {
            try await balancer.waitUntilItAnswers()
            return balancer
        } catch {
            await balancer.stop()
            throw error
        }
    }

    /// The nginx binary. - Throws: ``TestFailure`` when nginx is not installed: the test must not pass by skipping.
    static func binary() throws -> String {
        guard let binary = binaryCandidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw TestFailure(
                "nginx is not installed (looked in \(binaryCandidates.joined(separator: ", "))): the multi-instance test needs it "
                    + "as its load balancer; run `scripts/apt-deps --tests` or `apt-get install nginx`")
        }
        return binary
    }

    /// Stops nginx and removes its folder. SIGKILL and a wait for the exit: nothing of it is being tested, and a
    /// run once left an nginx that had got SIGTERM still running.
    func stop() async {
        process.kill()
        _ = try? await process.waitForExit(timeout: .seconds(10))
        directory.remove()
    }

    /// The instances nginx tried for an answer, as loopback ports, in order.
    static func triedPorts(_ headerValue: String?) -> [Int] {
        (headerValue ?? "").split(separator: ",").compactMap { address in address.split(separator: ":").last.flatMap { Int($0) } }
    }

    private func waitUntilItAnswers() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        var last = "no answer"
        while ContinuousClock.now < deadline {
            if let reply = try? await endpoint.get("/health/liveliness") {
                if reply.status == 200 { return }
                last = "\(reply.status): \(reply.body)"
            }
            if process.output.contains("[emerg]") { throw TestFailure("nginx did not start:\n\(process.output)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("nginx did not pass /health/liveliness on within 30 s (last: \(last)):\n\(process.output)")
    }

    /// nginx.conf: one worker in the foreground, logs to stderr, temporary files under `prefix`.
    static func configuration(listenPort: Int, upstreamPorts: [Int], prefix: String) -> String {
        let servers = upstreamPorts.map { "        server 127.0.0.1:\($0) max_fails=1 fail_timeout=5s;" }.joined(separator: "\n")
        return """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(prefix)/nginx.pid;
            error_log stderr error;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path \(prefix)/client_body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;

                upstream tollgate {
            \(servers)
                    keepalive 64;
                }

                server {
                    listen 127.0.0.1:\(listenPort);
                    client_max_body_size 64m;
                    add_header \(upstreamHeader) $upstream_addr always;
                    error_page 502 504 = @no_instance;

                    location / {
                        proxy_pass http://tollgate;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_buffering off;
                        proxy_connect_timeout 2s;
                        proxy_read_timeout 600s;
                        proxy_send_timeout 600s;
                        proxy_next_upstream error timeout http_503 non_idempotent;
                        proxy_next_upstream_tries 3;
                        proxy_next_upstream_timeout 15s;
                    }

                    location @no_instance {
                        default_type application/json;
                        return 502 '{"error": {"message": "no gateway instance could answer", "type": "api_error", "param": null, "code": "no_instance_available"}}';
                    }
                }
            }
            """
    }
}
