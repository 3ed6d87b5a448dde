import AWSSigV4
import Testing

@testable import BedrockProvider

/// STS's XML answers and `Expiration` times, read without a server.
struct STSResponseTests {
    @Test func credentialsAreReadFromAnAssumeRoleAnswer() {
        // As moto 5.2 writes it, six fractional digits included.
        let xml = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>\
            <AccessKeyId>ASIARZPUZDIKASY6MYAF</AccessKeyId><SecretAccessKey>G5IWoIIe95+yKLlOa6Hfnu6P</SecretAccessKey>\
            <SessionToken>FQoGZXIvYXdzEBYa/w+gRhNX3GMOh9=</SessionToken><Expiration>2026-12-06T19:07:49.748406Z</Expiration>\
            </Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/s1</Arn></AssumedRoleUser>\
            <PackedPolicySize>6</PackedPolicySize></AssumeRoleResult></AssumeRoleResponse>
            """
        let expected = AWSCredentials(
            accessKeyID: "ASIARZPUZDIKASY6MYAF", secretAccessKey: "G5IWoIIe95+yKLlOa6Hfnu6P", sessionToken: "FQoGZXIvYXdzEBYa/w+gRhNX3GMOh9=")
        guard case .credentials(let credentials, let expiration) = STSResponse.parse(Array(xml.utf8)) else {
            Issue.record("no credentials read")
            return
        }
        #expect(credentials == expected)
        #expect(abs(expiration - 1_796_584_069.748406) < 0.000_01)
    }

    @Test func anErrorResponseGivesItsCodeAndMessage() {
        let xml = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>\
            <Code>AccessDenied</Code><Message>User: arn:aws:iam::1:user/x is not authorized</Message></Error>\
            <RequestId>abc</RequestId></ErrorResponse>
            """
        #expect(STSResponse.parse(Array(xml.utf8)) == .error(code: "AccessDenied", message: "User: arn:aws:iam::1:user/x is not authorized"))
    }

    @Test(arguments: [
        "", "not xml", "<a><b></a>", "<AssumeRoleResponse><Credentials><AccessKeyId>A</AccessKeyId></Credentials></AssumeRoleResponse>",
    ])
    func anythingElseIsInvalid(_ body: String) {
        #expect(STSResponse.parse(Array(body.utf8)) == .invalid)
    }

    @Test func expirationTimesAreRangeChecked() {
        #expect(STSResponse.secondsSince1970("1970-01-01T00:00:00Z") == 0)
        #expect(STSResponse.secondsSince1970("2011-07-15T23:28:33.359Z").map { abs($0 - 1_310_772_513.359) < 0.001 } == true)
        #expect(STSResponse.secondsSince1970("2024-02-29T12:00:00+00:00") == 1_709_208_000)
        for bad in [
            "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z", "2024-01-01T00:00:00+02:00", "-024-01-01T00:00:00Z",
        ] {
            #expect(STSResponse.secondsSince1970(bad) == nil, "\(bad)")
        }
    }
}
