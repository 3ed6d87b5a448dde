import AWSSigV4
import Testing

/// The shared credentials file as the AWS CLI writes it.
struct AWSSharedCredentialsTests {
    static let text = """
        # written by aws configure
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = default/secret

        [profile bedrock-prod]
        AWS_ACCESS_KEY_ID=ASIAPROD
        aws_secret_access_key =  prod+secret=
        aws_session_token = token==
        ; a comment
        [incomplete]
        aws_access_key_id = AKIAONLY
        """

    @Test func readsProfilesAsTheCLIWritesThem() {
        #expect(
            AWSSharedCredentials.credentials(profile: "default", in: Self.text)
                == AWSCredentials(accessKeyID: "AKIADEFAULT", secretAccessKey: "default/secret"))
        #expect(
            AWSSharedCredentials.credentials(profile: "bedrock-prod", in: Self.text)
                == AWSCredentials(accessKeyID: "ASIAPROD", secretAccessKey: "prod+secret=", sessionToken: "token=="))
        #expect(AWSSharedCredentials.credentials(profile: "incomplete", in: Self.text) == nil)
        #expect(AWSSharedCredentials.credentials(profile: "missing", in: Self.text) == nil)
    }

    @Test func findsTheFile() {
        #expect(AWSSharedCredentials.path(environment: ["AWS_SHARED_CREDENTIALS_FILE": "/etc/aws", "HOME": "/home/x"]) == "/etc/aws")
        #expect(AWSSharedCredentials.path(environment: ["HOME": "/home/x"]) == "/home/x/.aws/credentials")
        #expect(AWSSharedCredentials.path(environment: [:]) == nil)
    }
}
