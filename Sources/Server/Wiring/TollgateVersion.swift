/// The version this build of Tollgate reports (`tollgate --version`, `/health/readiness`).
public enum TollgateVersion {
    public static let current = "0.17.0"
}
