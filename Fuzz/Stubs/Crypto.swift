// Stands in for swift-crypto in the config fuzzer, which would otherwise build BoringSSL with fuzzer instrumentation
// for one use: `Deployment.derivedID` hashes a model_list entry into its id. The fuzzer checks parsing, not the digest;
// ids stay distinct for distinct entries (FNV-1a, 64 bits), so the duplicate-id check behaves as with SHA-256.

/// The part of swift-crypto's `SHA256` that GatewayCore's config parsing calls.
public enum SHA256 {
    /// A 32-byte digest of `data` (FNV-1a repeated with four seeds; not SHA-256).
    public static func hash(data: some Sequence<UInt8>) -> [UInt8] {
        let bytes = Array(data)
        var digest: [UInt8] = []
        for seed: UInt64 in [0xcbf2_9ce4_8422_2325, 1, 2, 3] {
            var hash = seed
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            for shift in stride(from: 0, to: 64, by: 8) { digest.append(UInt8(truncatingIfNeeded: hash >> UInt64(shift))) }
        }
        return digest
    }
}
